import type postgres from 'postgres';
import type { ListColumn } from '@/lib/lists/columns';
import { columnDefinitions, keyList, quoteIdent } from './sql-names';

/**
 * SQL of the all-or-nothing load. Everything here runs inside the caller's transaction: records are
 * COPYed into a temporary stage, checked there (keys unique in the file, not already present for
 * `append`), then merged into the list's table. Until COMMIT nobody sees any of it.
 */
export type LoadCounts = { inserted: number; updated: number; unchanged: number; deleted: number };

const STAGE = 'listport_stage';

export async function createStage(tx: postgres.TransactionSql, columns: readonly ListColumn[]): Promise<void> {
  await tx.unsafe(`create temporary table ${STAGE} (row_no bigint not null, ${columnDefinitions(columns)}) on commit drop`);
}

export async function openStageCopy(tx: postgres.TransactionSql, columns: readonly ListColumn[]) {
  const names = ['row_no', ...columns.map((c) => c.storage)].map(quoteIdent).join(', ');
  return tx.unsafe(`copy ${STAGE} (${names}) from stdin`).writable();
}

/**
 * COPY the file's own CSV text straight into a list's table (its first load): PostgreSQL parses it
 * and its primary key checks uniqueness. Empty values, quoted or not, are NULL as everywhere in
 * Listport; times without a zone are UTC.
 */
export async function openTableCsvCopy(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[], delimiter: string) {
  const names = columns.map((c) => quoteIdent(c.storage)).join(', ');
  await tx.unsafe(`set local timezone = 'UTC'`);
  return tx
    .unsafe(`copy ${quoteIdent(table)} (${names}) from stdin with (format csv, header true, delimiter '${delimiter.replaceAll("'", "''")}', force_null (${names}))`)
    .writable();
}

export async function tableIsEmpty(tx: postgres.TransactionSql, table: string): Promise<boolean> {
  const rows = await tx.unsafe(`select 1 from ${quoteIdent(table)} limit 1`);
  return rows.length === 0;
}

/** Keys that occur more than once in the file, with the rows they occur on. */
export async function findDuplicateKeys(tx: postgres.TransactionSql, columns: readonly ListColumn[], limit: number) {
  const keys = keyList(columns);
  const keyText = keyTextExpression(columns);
  return tx.unsafe<{ key: string; rows: string[] }[]>(
    `select ${keyText} as key, (array_agg(row_no order by row_no))[1:20]::text[] as rows
       from ${STAGE} group by ${keys} having count(*) > 1 order by min(row_no) limit ${Number(limit)}`,
  );
}

/** Rows of the file whose key is already in the list (mode append). */
export async function findExistingKeys(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[], limit: number) {
  return tx.unsafe<{ key: string; row_no: string }[]>(
    `select ${keyTextExpression(columns, 's.')} as key, s.row_no::text as row_no
       from ${STAGE} s join ${quoteIdent(table)} d on ${keyJoin(columns)}
      order by s.row_no limit ${Number(limit)}`,
  );
}

export async function mergeStage(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: 'upsert' | 'append' | 'replace',
  stagedRows: number,
): Promise<LoadCounts> {
  const target = quoteIdent(table);
  let deleted = 0;
  if (mode === 'replace') {
    const result = await tx.unsafe(`delete from ${target} d where not exists (select 1 from ${STAGE} s where ${keyJoin(columns)})`);
    deleted = result.count;
  }
  const names = columns.map((c) => quoteIdent(c.storage));
  const nonKey = columns.filter((c) => !c.isKey).map((c) => quoteIdent(c.storage));
  const conflict =
    nonKey.length === 0
      ? 'do nothing'
      : `do update set ${nonKey.map((n) => `${n} = excluded.${n}`).join(', ')}
         where (${nonKey.map((n) => `${target}.${n}`).join(', ')}) is distinct from (${nonKey.map((n) => `excluded.${n}`).join(', ')})`;
  const [row] = await tx.unsafe<{ inserted: string; updated: string }[]>(
    `with merged as (
       insert into ${target} (${names.join(', ')}) select ${names.join(', ')} from ${STAGE}
       on conflict (${keyList(columns)}) ${conflict}
       returning (xmax = 0) as inserted
     ) select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from merged`,
  );
  const inserted = Number(row?.inserted ?? 0);
  const updated = Number(row?.updated ?? 0);
  return { inserted, updated, unchanged: stagedRows - inserted - updated, deleted };
}

/** What a load would do, computed without changing anything: for the summary before submit. */
export async function countStageEffect(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const nonKey = columns.filter((c) => !c.isKey).map((c) => quoteIdent(c.storage));
  const changed = nonKey.length === 0 ? 'false' : `(${nonKey.map((n) => `d.${n}`).join(', ')}) is distinct from (${nonKey.map((n) => `s.${n}`).join(', ')})`;
  const [row] = await tx.unsafe<{ new_rows: string; updated: string; unchanged: string; removed: string }[]>(
    `select count(*) filter (where d.ctid is null) as new_rows,
            count(*) filter (where d.ctid is not null and ${changed}) as updated,
            count(*) filter (where d.ctid is not null and not ${changed}) as unchanged,
            (select count(*) from ${quoteIdent(table)} d2 where not exists (select 1 from ${STAGE} s2 where ${keyJoin(columns, 's2.', 'd2.')})) as removed
       from ${STAGE} s left join ${quoteIdent(table)} d on ${keyJoin(columns)}`,
  );
  return {
    newRecords: Number(row?.new_rows ?? 0),
    updatedRecords: Number(row?.updated ?? 0),
    unchangedRecords: Number(row?.unchanged ?? 0),
    removedByReplace: Number(row?.removed ?? 0),
  };
}

export async function countRecords(tx: postgres.TransactionSql, table: string): Promise<number> {
  const [row] = await tx.unsafe<{ n: string }[]>(`select count(*) as n from ${quoteIdent(table)}`);
  return Number(row?.n ?? 0);
}

export async function truncateTable(tx: postgres.TransactionSql, table: string): Promise<number> {
  const before = await countRecords(tx, table);
  await tx.unsafe(`delete from ${quoteIdent(table)}`);
  return before;
}

function keyJoin(columns: readonly ListColumn[], stage = 's.', data = 'd.'): string {
  return columns
    .filter((c) => c.isKey)
    .map((c) => `${stage}${quoteIdent(c.storage)} = ${data}${quoteIdent(c.storage)}`)
    .join(' and ');
}

function keyTextExpression(columns: readonly ListColumn[], prefix = ''): string {
  const parts = columns
    .filter((c) => c.isKey)
    .sort((a, b) => a.keyPosition - b.keyPosition)
    .map((c) => `${prefix}${quoteIdent(c.storage)}::text`);
  return parts.length === 1 ? parts[0]! : `concat_ws(' / ', ${parts.join(', ')})`;
}
