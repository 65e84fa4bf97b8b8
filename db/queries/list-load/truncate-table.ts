import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { keepingRevisions, retireListTable } from '../revisions';
import { columnDefinitions, keyList, quoteIdent } from '../sql-names';
import { lockInAttempts } from './lock-in-attempts';

/**
 * Removes every record (a purge), in the caller's transaction; returns how many there were. While
 * revisions are kept, the table itself is kept as the purged revision and an empty one takes its
 * place (no copy); readers are waited for as a load's swap waits for them.
 */
export async function truncateTable(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  { waitSeconds }: { waitSeconds: number },
): Promise<number> {
  if (!keepingRevisions()) {
    const deleted = await tx.unsafe(`delete from ${quoteIdent(table)}`);
    return deleted.count;
  }
  await lockInAttempts(tx, table, 'access exclusive', waitSeconds);
  const [row] = await tx.unsafe<{ n: string }[]>(`select count(*) as n from ${quoteIdent(table)}`);
  await retireListTable(tx, table);
  await tx.unsafe(
    `create table ${quoteIdent(table)} (${columnDefinitions(columns)}, constraint ${quoteIdent(`${table}_pkey`)} primary key (${keyList(columns)}))`,
  );
  return Number(row?.n ?? 0);
}
