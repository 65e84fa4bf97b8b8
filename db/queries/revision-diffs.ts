/**
 * What changed between two revisions of a list: records added, removed, and changed (with the
 * columns that changed), found by one full join of the two tables on the key. Columns are matched
 * by name; a column the earlier revision did not have reads as empty there.
 */
import type { ListColumn } from '@/lib/shared/list-column';

import { toJsonRow, type ContentRow } from './list-contents';
import { boundedRead } from './read-bound';
import { quoteIdent, quoteTable, selectExpression } from './sql-names';

export type DiffSide = { table: string; columns: readonly ListColumn[] };
export const DIFF_CHANGES = ['added', 'removed', 'changed'] as const;
export type DiffChange = (typeof DIFF_CHANGES)[number];

export type DiffItem = {
  change: DiffChange;
  /** The record's key values, by column name. */
  key: ContentRow;
  /** The record before (removed, changed) and after (added, changed), all columns of the later revision. */
  before: ContentRow | null;
  after: ContentRow | null;
  /** For a changed record: the columns whose values differ. */
  changedColumns: string[];
};

export type DiffCounts = { added: number; removed: number; changed: number };

export class KeysDiffer extends Error {}

/** The earlier revision's storage column for each column of the later one (undefined: it had none). */
function matchColumns(after: readonly ListColumn[], before: readonly ListColumn[]): (string | undefined)[] {
  return after.map((c) => before.find((b) => b.name === c.name && b.dataType === c.dataType)?.storage);
}

function plan(after: DiffSide, before: DiffSide) {
  const matched = matchColumns(after.columns, before.columns);
  const keys = after.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.isKey);
  const keysMatch =
    keys.every(({ i }) => matched[i] !== undefined) &&
    before.columns.filter((c) => c.isKey).length === keys.length &&
    keys.every(({ c }) => before.columns.find((b) => b.name === c.name)?.isKey);
  if (!keysMatch) throw new KeysDiffer('the key columns differ');
  const a = (i: number) => `a.${quoteIdent(after.columns[i]!.storage)}`;
  const b = (i: number) => (matched[i] ? `b.${quoteIdent(matched[i])}` : 'null');
  const join = keys.map(({ i }) => `${a(i)} = ${b(i)}`).join(' and ');
  const nonKey = after.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.isKey);
  const differs = (i: number) => `${a(i)} is distinct from ${b(i)}`;
  const anyDiffers = nonKey.length === 0 ? 'false' : nonKey.map(({ i }) => `(${differs(i)})`).join(' or ');
  const from = `${quoteTable(after.table)} a full join ${quoteTable(before.table)} b on ${join}`;
  const where = `a.ctid is null or b.ctid is null or ${anyDiffers}`;
  const change = `case when b.ctid is null then 'added' when a.ctid is null then 'removed' else 'changed' end`;
  const order = keys.map(({ i }) => `coalesce(${a(i)}, ${b(i)})`).join(', ');
  const selectBefore = after.columns.map((c, i) =>
    matched[i] ? `${selectExpression({ ...c, storage: matched[i] }, 'b.')} as b${i}` : `null::text as b${i}`,
  );
  const selectAfter = after.columns.map((c, i) => `${selectExpression(c, 'a.')} as a${i}`);
  const flags = nonKey.map(({ i }) => `(${differs(i)}) as d${i}`);
  return { from, where, change, order, select: [...selectBefore, ...selectAfter, ...flags].join(', '), nonKey };
}

/** Counts of the changes from `before` to `after`, and a page of them in key order (optionally of one kind). */
export async function diffRevisions(
  after: DiffSide,
  before: DiffSide,
  options: { change?: DiffChange; start: number; limit: number },
): Promise<{ counts: DiffCounts; items: DiffItem[] }> {
  const p = plan(after, before);
  const onlyKind = options.change ? `and ${p.change} = '${options.change}'` : '';
  // A full join of two tables: each statement stopped after API_READ_TIMEOUT_SECONDS (see boundedRead).
  const [rows, [totals]] = await boundedRead((sql) =>
    Promise.all([
      sql.unsafe<Record<string, string | boolean | null>[]>(
        `select ${p.change} as change, ${p.select} from ${p.from} where (${p.where}) ${onlyKind}
          order by ${p.order} offset ${Number(options.start)} limit ${Number(options.limit)}`,
      ),
      sql.unsafe<{ added: string; removed: string; changed: string }[]>(
        `select count(*) filter (where b.ctid is null) as added, count(*) filter (where a.ctid is null) as removed,
                count(*) filter (where a.ctid is not null and b.ctid is not null) as changed
           from ${p.from} where ${p.where}`,
      ),
    ]),
  );
  const columns = after.columns;
  const items = rows.map((row): DiffItem => {
    const change = row.change as DiffChange;
    const side = (prefix: 'a' | 'b') =>
      toJsonRow(Object.fromEntries(columns.map((_, i) => [`v${i}`, row[`${prefix}${i}`] as string | null])), columns);
    const before = change === 'added' ? null : side('b');
    const after = change === 'removed' ? null : side('a');
    const record = (after ?? before)!;
    return {
      change,
      key: Object.fromEntries(columns.filter((c) => c.isKey).map((c) => [c.name, record[c.name] ?? null])),
      before,
      after,
      changedColumns:
        change === 'changed' ? p.nonKey.filter(({ i }) => row[`d${i}`] === true).map(({ c }) => c.name) : [],
    };
  });
  return {
    counts: {
      added: Number(totals?.added ?? 0),
      removed: Number(totals?.removed ?? 0),
      changed: Number(totals?.changed ?? 0),
    },
    items,
  };
}
