import { z } from 'zod';

import { columnFormatSchema, formatProblems, normalizeFormat } from '@/lib/formats/schema';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import { DATA_TYPES, type DataType } from '@/lib/shared/data-types';
import type { ListColumn } from '@/lib/shared/list-column';

import { compileColumnPattern } from './column-pattern';

/**
 * Numeric columns are required unless their owner says otherwise (rule 3, the List Data API's "numbers
 * may not be empty"): a column created without `required` is required; `required: false` makes it optional.
 */
export const NUMERIC_TYPES: ReadonlySet<DataType> = new Set(['integer', 'number']);

export const MAX_COLUMNS = 500;

/** PostgreSQL indexes at most 32 columns, and the key is the table's primary key (more was a 500). */
export const MAX_KEY_COLUMNS = 32;

/**
 * What a list's columns spell out together — names, patterns, allowed values — in characters. Each
 * column may hold a 200-character name, a 1,000-character pattern and 1,000 allowed values of 1,000
 * characters, but the definition travels with every read of the list: each request about it, each
 * page of `GET /lists`, the lists and jobs pages (up to 500 lists each). An editor adding 1 MB
 * columns one by one (attacker pass) made one list's definition hundreds of MB, and five lists of
 * 8.7 MB each made ten viewers' `GET /lists` take 30–44 s and 1.7 GB while every request waited up
 * to 9 s; twenty lists of 500 columns with long names and patterns (700 KB each) still held it 3 s.
 */
export const MAX_DEFINITION_CHARACTERS = 100_000;

/** Why these columns spell out too much together, or undefined when they fit. */
export function definitionTooLarge(
  columns: readonly { name: string; pattern?: string | undefined; allowedValues?: readonly string[] | undefined }[],
): string | undefined {
  let total = 0;
  for (const column of columns) {
    total += column.name.length + (column.pattern?.length ?? 0);
    for (const value of column.allowedValues ?? []) total += value.length;
  }
  if (total <= MAX_DEFINITION_CHARACTERS) return undefined;
  return (
    `The list's column names, patterns and allowed values hold ${total.toLocaleString('en-US')} characters together; ` +
    `at most ${MAX_DEFINITION_CHARACTERS.toLocaleString('en-US')} are allowed. ` +
    'Keep long lists of codes in a list of their own and check against it, or use a shorter pattern.'
  );
}

/** A column as an API client sends it when creating or changing a list. */
export const columnInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'A column needs a name.')
      .max(200, 'Column names are at most 200 characters.')
      .refine((n) => !/[\r\n]/.test(n), 'Column names cannot contain line breaks.'),
    dataType: z.enum(DATA_TYPES, { message: `dataType must be one of ${DATA_TYPES.join(', ')}.` }),
    position: z.number().int().min(1).optional(),
    isKey: z.boolean().optional().default(false),
    keyPosition: z.number().int().min(0).optional(),
    required: z.boolean().optional(),
    maxLength: z.number().int().min(1).max(1_000_000).optional(),
    pattern: z.string().max(1000).optional(),
    allowedValues: z.array(z.string().max(1000)).max(1000).optional(),
    format: columnFormatSchema.optional(),
  })
  .superRefine((column, ctx) => {
    if (column.pattern === undefined) return;
    const compiled = compileColumnPattern(column.pattern);
    if (!compiled.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `Column "${column.name}": the pattern ${compiled.reason}. ${compiled.instead}`,
      });
    }
  });
export type ColumnInput = z.input<typeof columnInputSchema>;

export const columnsInputSchema = z
  .array(columnInputSchema)
  .min(1, 'A list needs at least one column.')
  .max(MAX_COLUMNS, `A list can have at most ${MAX_COLUMNS} columns.`)
  .superRefine((columns, ctx) => {
    const seen = new Set<string>();
    for (const [index, column] of columns.entries()) {
      if (column.format) {
        for (const message of formatProblems(column.dataType, column.format)) {
          ctx.addIssue({ code: 'custom', path: [index, 'format'], message: `Column "${column.name}": ${message}` });
        }
      }
      const folded = column.name.toLowerCase();
      if (seen.has(folded)) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `Column name "${column.name}" is used twice.` });
      }
      seen.add(folded);
    }
    const tooLarge = definitionTooLarge(columns);
    if (tooLarge) ctx.addIssue({ code: 'custom', message: tooLarge });
    const keyColumns = columns.filter((c) => c.isKey).length;
    if (keyColumns > MAX_KEY_COLUMNS) {
      ctx.addIssue({
        code: 'custom',
        message: `A list's key can have at most ${MAX_KEY_COLUMNS} columns; ${keyColumns} are marked isKey.`,
      });
    }
    if (!columns.some((c) => c.isKey)) {
      ctx.addIssue({ code: 'custom', message: 'At least one column must be a key (isKey: true).' });
    }
    const positions = columns.map((c) => c.position).filter((p) => p !== undefined);
    if (positions.length > 0 && positions.length !== columns.length) {
      ctx.addIssue({ code: 'custom', message: 'Give every column a position, or none.' });
    }
    if (new Set(positions).size !== positions.length) {
      ctx.addIssue({ code: 'custom', message: 'Column positions must be unique.' });
    }
  });

/** Orders columns by position (or given order), numbers them densely and assigns key positions and storage names. */
export function normalizeColumns(input: z.output<typeof columnsInputSchema>): ListColumn[] {
  const ordered = [...input].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const keyOrder = ordered
    .filter((c) => c.isKey)
    .sort((a, b) => (a.keyPosition || Number.MAX_SAFE_INTEGER) - (b.keyPosition || Number.MAX_SAFE_INTEGER));
  return ordered.map((c, index) => ({
    name: c.name,
    dataType: c.dataType,
    position: index + 1,
    isKey: c.isKey,
    keyPosition: c.isKey ? keyOrder.indexOf(c) + 1 : 0,
    // Key columns are always required: a record must be addressable.
    required: (c.required ?? NUMERIC_TYPES.has(c.dataType)) || c.isKey,
    ...(c.maxLength !== undefined && { maxLength: c.maxLength }),
    ...(c.pattern !== undefined && { pattern: c.pattern }),
    ...(c.allowedValues !== undefined && { allowedValues: c.allowedValues }),
    ...(c.format !== undefined && { format: normalizeFormat(c.dataType, c.format) }),
    storage: `c${index + 1}`,
  }));
}

/** Two column sets are the same schema when everything but storage matches. */
export function sameColumns(a: readonly ListColumn[], b: readonly ListColumn[]): boolean {
  // Field by field in a fixed order: columns read back from JSONB come with their keys reordered.
  const canonical = (cs: readonly ListColumn[]) =>
    JSON.stringify(
      cs.map((c) => [
        c.name,
        c.dataType,
        c.position,
        c.isKey,
        c.keyPosition,
        c.required,
        c.maxLength ?? null,
        c.pattern ?? null,
        c.allowedValues ?? null,
        c.format ? sortedKeys(c.format) : null,
      ]),
    );
  return canonical(a) === canonical(b);
}

/** A format with its fields in name order: JSONB hands objects back with their keys reordered. */
function sortedKeys(format: ColumnFormat): [string, unknown][] {
  return Object.entries(format).sort(([a], [b]) => (a < b ? -1 : 1));
}
