import { z } from 'zod';

import { columnFormatSchema, formatProblems, normalizeFormat } from '@/lib/formats/schema';
import type { ListColumn } from '@/lib/shared/list-column';

import { compileColumnPattern } from './column-pattern';
import { columnInputSchema, definitionTooLarge, MAX_COLUMNS, NUMERIC_TYPES } from './columns';
import { compileRecordValidator } from './record-validator';

/**
 * Changing the columns of a list that has records (POST /lists/{id}/columns, PATCH …/columns/{name}).
 * PUT /lists/{id} keeps refusing column changes on a list with contents (the List Data contract);
 * these two routes change one column at a time and check the change against the records first.
 */

/** A new column: as in a list's definition, plus `default` to fill the existing records with. */
export const addColumnSchema = columnInputSchema
  .and(z.object({ default: z.string().max(10_000).optional() }))
  .superRefine((column, ctx) => {
    if (column.isKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['isKey'],
        message: 'A key column cannot be added to an existing list: the records already have their keys.',
      });
    }
    if (column.format) {
      for (const message of formatProblems(column.dataType, column.format))
        ctx.addIssue({ code: 'custom', path: ['format'], message: `Column "${column.name}": ${message}` });
    }
  });
export type AddColumnInput = z.output<typeof addColumnSchema>;

/** What PATCH may change: the name (label), the rules and the format — not the type or the key. */
export const changeColumnSchema = z
  .object({
    name: columnInputSchema.shape.name.optional(),
    required: z.boolean().optional(),
    maxLength: z.number().int().min(1).max(1_000_000).nullable().optional(),
    pattern: z.string().max(1000).nullable().optional(),
    allowedValues: z.array(z.string().max(1000)).max(1000).nullable().optional(),
    format: columnFormatSchema.nullable().optional(),
    dataType: z.unknown().optional(),
    isKey: z.unknown().optional(),
  })
  .superRefine((change, ctx) => {
    for (const field of ['dataType', 'isKey'] as const) {
      if (change[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} cannot change on an existing column: its records are stored by it.`,
        });
      }
    }
    if (typeof change.pattern === 'string') {
      const compiled = compileColumnPattern(change.pattern);
      if (!compiled.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: `The pattern ${compiled.reason}. ${compiled.instead}`,
        });
      }
    }
  });
export type ColumnChange = z.output<typeof changeColumnSchema>;

export type ColumnProblem = { field: string; message: string };

/** The column to add, numbered after the list's columns, with a storage column no other column uses. */
export function columnToAdd(
  columns: readonly ListColumn[],
  input: AddColumnInput,
): { column: ListColumn } | ColumnProblem {
  if (columns.length >= MAX_COLUMNS)
    return { field: 'name', message: `A list can have at most ${MAX_COLUMNS} columns.` };
  const clash = sameNameAs(columns, input.name);
  if (clash) return { field: 'name', message: `The list already has a column named "${clash.name}".` };
  const column: ListColumn = {
    name: input.name,
    dataType: input.dataType,
    position: columns.length + 1,
    isKey: false,
    keyPosition: 0,
    required: input.required ?? NUMERIC_TYPES.has(input.dataType),
    ...(input.maxLength !== undefined && { maxLength: input.maxLength }),
    ...(input.pattern !== undefined && { pattern: input.pattern }),
    ...(input.allowedValues !== undefined && { allowedValues: input.allowedValues }),
    ...(input.format !== undefined && { format: normalizeFormat(input.dataType, input.format) }),
    storage: unusedStorage(columns),
  };
  const tooLarge = definitionTooLarge([...columns, column]);
  if (tooLarge) return { field: 'column', message: tooLarge };
  return { column };
}

/**
 * The default as stored: read like a value of the file (in the column's format) and checked
 * against the column's rules, so a default is never a value an import would refuse.
 */
export function canonicalDefault(column: ListColumn, raw: string): { value: string | null } | ColumnProblem {
  const result = compileRecordValidator([column]).checkValue(0, raw, 1);
  if ('problem' in result) {
    return {
      field: 'default',
      message: `The default "${raw}" is not a valid value of "${column.name}": ${result.problem.message.replace(/^Row \d+: /, '')}`,
    };
  }
  return result;
}

/** The column after a change; a problem when the change is not one a column can take. */
export function changedColumn(
  columns: readonly ListColumn[],
  column: ListColumn,
  change: ColumnChange,
): { column: ListColumn } | ColumnProblem {
  if (change.name !== undefined) {
    const clash = sameNameAs(columns, change.name);
    if (clash && clash !== column)
      return { field: 'name', message: `The list already has a column named "${clash.name}".` };
  }
  if (change.required === false && column.isKey)
    return { field: 'required', message: `"${column.name}" is a key column: its values are always required.` };
  if (change.format) {
    const problems = formatProblems(column.dataType, change.format);
    if (problems.length > 0) return { field: 'format', message: problems.join(' ') };
  }
  const next: ListColumn = { ...column };
  if (change.name !== undefined) next.name = change.name;
  if (change.required !== undefined) next.required = change.required;
  setOptional(next, 'maxLength', change.maxLength);
  setOptional(next, 'pattern', change.pattern);
  setOptional(next, 'allowedValues', change.allowedValues);
  if (change.format === null) delete next.format;
  else if (change.format !== undefined) next.format = normalizeFormat(column.dataType, change.format);
  const tooLarge = definitionTooLarge(columns.map((c) => (c === column ? next : c)));
  if (tooLarge) return { field: 'column', message: tooLarge };
  return { column: next };
}

/** Whether existing records must be checked: the change adds or tightens a rule on their values. */
export function needsRecordCheck(before: ListColumn, after: ListColumn): 'required' | 'values' | 'both' | 'none' {
  const required = after.required && !before.required;
  const values =
    (after.maxLength !== undefined && after.maxLength !== before.maxLength) ||
    (after.pattern !== undefined && after.pattern !== before.pattern) ||
    (after.allowedValues !== undefined && JSON.stringify(after.allowedValues) !== JSON.stringify(before.allowedValues));
  if (required && values) return 'both';
  return required ? 'required' : values ? 'values' : 'none';
}

/**
 * Checks a stored value (canonical: 2024-12-31, 1234.5, true) against the column's rules. The
 * format is left out: it says how files write values, and stored values are already read.
 */
export function storedValueChecker(column: ListColumn): (value: string) => string | undefined {
  const { format: _format, ...rules } = column;
  const validator = compileRecordValidator([{ ...rules, required: false }]);
  return (value) => {
    const result = validator.checkValue(0, value, 1);
    // The validator speaks of file rows; a stored record has none.
    return 'problem' in result ? result.problem.message.replace(/^Row \d+: /, 'for example ') : undefined;
  };
}

/** Finds a column by the name in the address: exact first, then ignoring case (names are unique without it). */
export function findColumn(columns: readonly ListColumn[], name: string): ListColumn | undefined {
  return columns.find((c) => c.name === name) ?? sameNameAs(columns, name);
}

function sameNameAs(columns: readonly ListColumn[], name: string): ListColumn | undefined {
  const folded = name.trim().toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === folded);
}

/** Storage names are never reused: a column added after others were created gets the next free number. */
function unusedStorage(columns: readonly ListColumn[]): string {
  const used = columns.map((c) => Number(/^c(\d+)$/.exec(c.storage)?.[1] ?? 0));
  return `c${Math.max(0, ...used) + 1}`;
}

function setOptional<K extends 'maxLength' | 'pattern' | 'allowedValues'>(
  column: ListColumn,
  key: K,
  value: ListColumn[K] | null | undefined,
): void {
  if (value === null) delete column[key];
  else if (value !== undefined) column[key] = value;
}
