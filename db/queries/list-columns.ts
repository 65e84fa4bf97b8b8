import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { getSql } from '../client';
import type { List } from '../schema';
import { quoteIdent, selectExpression, SQL_TYPES } from './sql-names';

/** Why a column change did not apply; `breaks` names how many records it would break and one of them. */
export type ColumnChangeRefusal =
  | { refused: 'job-running' }
  | { refused: 'deployed' }
  | { refused: 'changed-meanwhile' }
  | { refused: 'breaks'; records: number; example: string };

/**
 * Adds a column to the list and its table in one transaction: with a default, every existing record
 * gets it in the same transaction, so readers see the list either without the column or filled.
 */
export async function addListColumn(
  list: List,
  column: ListColumn,
  defaultValue: string | null,
  modifiedBy: string,
): Promise<{ columns: ListColumn[] } | ColumnChangeRefusal> {
  return getSql().begin(async (tx) => {
    const locked = await lockList(tx, list);
    if ('refused' in locked) return locked;
    if (locked.recordCount > 0 && column.required && defaultValue === null) {
      return { refused: 'breaks', records: locked.recordCount, example: 'every existing record would have it empty' };
    }
    const table = quoteIdent(locked.dataTable);
    const storage = quoteIdent(column.storage);
    await tx.unsafe(`alter table ${table} add column ${storage} ${SQL_TYPES[column.dataType]}`);
    if (defaultValue !== null && locked.recordCount > 0) {
      await tx.unsafe(`update ${table} set ${storage} = $1::text::${SQL_TYPES[column.dataType]}`, [defaultValue]);
    }
    const columns = [...locked.columns, column];
    await saveColumns(tx, list.id, columns, modifiedBy);
    return { columns };
  });
}

/**
 * Replaces one column's definition after checking every record against the new rules, under the
 * list's row lock (no job can start meanwhile, so the records checked are the records kept).
 */
export async function changeListColumn(
  list: List,
  before: ListColumn,
  after: ListColumn,
  check: 'required' | 'values' | 'both' | 'none',
  /** The problem a stored value has under the new rules (lib/lists' validator), undefined when none. */
  problemOf: (value: string) => string | undefined,
  modifiedBy: string,
): Promise<{ columns: ListColumn[] } | ColumnChangeRefusal> {
  return getSql().begin(async (tx) => {
    const locked = await lockList(tx, list);
    if ('refused' in locked) return locked;
    const current = locked.columns.find((c) => c.storage === before.storage);
    if (!current || current.name !== before.name) return { refused: 'changed-meanwhile' };
    const table = quoteIdent(locked.dataTable);
    if (check === 'required' || check === 'both') {
      const [row] = await tx.unsafe<{ n: string }[]>(
        `select count(*) as n from ${table} where ${quoteIdent(after.storage)} is null`,
      );
      const empty = Number(row?.n ?? 0);
      if (empty > 0) return { refused: 'breaks', records: empty, example: 'a record with no value in this column' };
    }
    if (check === 'values' || check === 'both') {
      const broken = await recordsBreaking(tx, table, after, problemOf);
      if (broken) return { refused: 'breaks', ...broken };
    }
    const columns = locked.columns.map((c) => (c.storage === after.storage ? after : c));
    await saveColumns(tx, list.id, columns, modifiedBy);
    return { columns };
  });
}

async function lockList(
  tx: postgres.TransactionSql,
  list: List,
): Promise<{ dataTable: string; recordCount: number; columns: ListColumn[] } | ColumnChangeRefusal> {
  const [row] = await tx.unsafe<{ data_table: string; record_count: string; columns: ListColumn[]; state: string }[]>(
    `select data_table, record_count, columns, state from lists where id = $1 for update`,
    [list.id],
  );
  if (!row) throw new Error('List vanished during a column change');
  if (row.state === 'deployed') return { refused: 'deployed' };
  // Under the row lock no job can be created for the list, so this answer holds until commit.
  const [active] = await tx.unsafe(
    `select 1 from jobs where list_id = $1 and state in ('pending', 'running') limit 1`,
    [list.id],
  );
  if (active) return { refused: 'job-running' };
  return { dataTable: row.data_table, recordCount: Number(row.record_count), columns: row.columns };
}

/**
 * Counts records whose value breaks the column's rules. Distinct values are checked once each, in
 * batches from a cursor, with the same validator imports use.
 */
async function recordsBreaking(
  tx: postgres.TransactionSql,
  table: string,
  column: ListColumn,
  problemOf: (value: string) => string | undefined,
): Promise<{ records: number; example: string } | undefined> {
  let records = 0;
  let example: string | undefined;
  const cursor = tx
    .unsafe<{ v: string; n: string }[]>(
      `select v, count(*) as n from (select ${selectExpression(column)} as v from ${table}) s
        where v is not null group by v`,
    )
    .cursor(2000);
  for await (const rows of cursor) {
    for (const row of rows) {
      const problem = problemOf(row.v);
      if (problem === undefined) continue;
      records += Number(row.n);
      example ??= problem;
    }
  }
  return example === undefined ? undefined : { records, example };
}

async function saveColumns(
  tx: postgres.TransactionSql,
  listId: string,
  columns: ListColumn[],
  modifiedBy: string,
): Promise<void> {
  await tx.unsafe(
    `update lists set columns = $2::jsonb, modified_by = $3, modified_at = now(), version = version + 1 where id = $1`,
    [listId, JSON.stringify(columns), modifiedBy],
  );
}
