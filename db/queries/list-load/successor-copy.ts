import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { columnList, quoteIdent } from '../sql-names';

/**
 * COPY the file's own CSV text into a table (a list's successor): PostgreSQL parses it. Empty
 * values, quoted or not, are NULL as everywhere in Listport; times without a zone are UTC.
 * FREEZE (allowed because the table was created in this subtransaction) writes the file's records
 * already marked visible to all, so the next load's read of them does not have to mark every page
 * and log each one for its checksum (measured: ~0.45 s less for an upsert of 1M records right after
 * a 1M import). Records a rebuild carries over, or an in-place merge writes, are written normally.
 */
export async function openTableCsvCopy(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  delimiter: string,
) {
  const names = columnList(columns);
  await tx.unsafe(`set local timezone = 'UTC'`);
  return tx
    .unsafe(
      `copy ${quoteIdent(table)} (${names}) from stdin with (format csv, freeze true, header true, delimiter '${delimiter.replaceAll("'", "''")}', force_null (${names}))`,
    )
    .writable();
}

/** Records COPYed into a table in this transaction: a check that COPY took every record the file has. */
export async function recordsInsertedInTransaction(tx: postgres.TransactionSql, table: string): Promise<number> {
  const [row] = await tx.unsafe<{ n: string }[]>(`select pg_stat_get_xact_tuples_inserted($1::regclass) as n`, [
    quoteIdent(table),
  ]);
  return Number(row?.n ?? 0);
}
