import { PROBLEM_CODES } from '@/lib/csv/problem';
import type { RecordValidator } from '@/lib/lists/record-validator';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import { currencyOffer } from './currency-fix';
import { formatChoices, groupWords, TYPE_CODES } from './problem-words';
import type { CellProblem, ProblemGroup } from './review-types';
import type { RowKeys } from './row-keys';
import { duplicateKeyProblem } from './row-problems';

/** What grouping and fixing problems read of a dataset. */
export type ProblemSource = {
  readonly columns: readonly ListColumn[];
  /** Per column, the way Map columns said the file writes it, if not the list's own. */
  readonly writtenAs?: readonly (ColumnFormat | undefined)[];
  readonly rows: readonly (readonly string[])[];
  readonly problems: ReadonlyMap<number, readonly CellProblem[]>;
  readonly keys: RowKeys;
  readonly validator: RecordValidator;
};

const TOP_VALUES = 5;
/** Distinct values counted per group: enough for the top few, bounded on a file of a million distinct typos. */
const MAX_DISTINCT_COUNTED = 2000;

/** The group's id in requests, `${column}:${code}`, read back. */
export function parseGroupId(id: string): { column: number; code: number } {
  const [column, code] = id.split(':').map(Number) as [number, number];
  return { column, code };
}

/** Rows of a group, in row order. */
export function groupRows(source: Pick<ProblemSource, 'problems' | 'keys'>, column: number, code: number): number[] {
  if (code === PROBLEM_CODES.duplicateKey) return source.keys.duplicateRows();
  const rows: number[] = [];
  for (const [r, list] of source.problems) if (list.some((p) => p.column === column && p.code === code)) rows.push(r);
  return rows.sort((a, b) => a - b);
}

/** Problems grouped by column and kind, the largest first. */
export function problemGroups(source: ProblemSource): ProblemGroup[] {
  const { columns, rows, keys, validator } = source;
  type Tally = { column: number; code: number; count: number; values: Map<string, number>; example: CellProblem };
  const tallies = new Map<number, Tally>();
  const tally = (column: number, code: number, value: string, example: CellProblem) => {
    // A number, not a string: no allocation per problem (100,000 after an undo of a group fix).
    const id = (column + 1) * 100_000 + code;
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { column, code, count: 0, values: new Map(), example }));
    t.count++;
    const seen = t.values.get(value);
    if (seen !== undefined) t.values.set(value, seen + 1);
    else if (t.values.size < MAX_DISTINCT_COUNTED) t.values.set(value, 1);
  };
  for (const [r, list] of source.problems) {
    // A whole-row problem's "value" is what it says of its row: the panel shows the first few.
    for (const p of list) tally(p.column, p.code, p.column >= 0 ? rows[r]![p.column]! : (p.rowSummary ?? ''), p);
  }
  const firstKey = keys.columnIndexes[0];
  if (firstKey !== undefined) {
    const example = duplicateKeyProblem(firstKey);
    for (const key of keys.duplicates) {
      for (const r of keys.holdersOf(key)) {
        const value = keys.columnIndexes.map((k) => rows[r]![k]).join(' / ');
        tally(firstKey, PROBLEM_CODES.duplicateKey, value, example);
      }
    }
  }
  return [...tallies.values()]
    .sort((a, b) => b.count - a.count || a.column - b.column || a.code - b.code)
    .map((t) => {
      const listColumn = columns[t.column];
      const writtenAs = source.writtenAs?.[t.column];
      // A column the person said is written DD/MM/YYYY is explained in that way, and offered no other:
      // its values that way cannot read are mistakes in it (13/13/2024), not another way of writing.
      const column = listColumn && writtenAs ? { ...listColumn, format: writtenAs } : listColumn;
      const words = groupWords(column, t.code, t.count, t.example);
      const values = TYPE_CODES.has(t.code) ? groupRows(source, t.column, t.code).map((r) => rows[r]![t.column]!) : [];
      const currency = currencyOffer(source, t.column, t.code, values);
      return {
        id: `${t.column}:${t.code}`,
        column: t.column,
        code: t.code,
        count: t.count,
        rows: t.count,
        topValues: [...t.values]
          .sort((a, b) => b[1] - a[1])
          .slice(0, TOP_VALUES)
          .map(([value, count]) => ({ value, count })),
        ...words,
        emptyAllowed: column !== undefined && !('problem' in validator.checkValue(t.column, '', 0)),
        formats: column && !writtenAs && TYPE_CODES.has(t.code) ? formatChoices(column, values) : [],
        ...(currency && { currency }),
      };
    });
}
