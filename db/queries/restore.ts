/**
 * Restoring a kept revision is a load like any other: its records fill the list's successor table,
 * which replaces the list's table in the caller's transaction (the table swapped out is kept as the
 * revision before the restore). All or nothing; the counts say what changed.
 */
import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import type { LoadCounts } from './list-load/load-counts';
import { replaceWithSuccessor } from './list-load/replace-with-successor';
import { createSuccessor } from './list-load/successor';
import { keptTableRef } from './revisions';
import { quoteIdent } from './sql-names';

/** A revision kept for restoring: where its records are, and the columns they were written with. */
export type KeptRevision = { keptTable: string; columns: ListColumn[] };

/**
 * The kept contents of a revision, or undefined when they are no longer kept. Its record is locked
 * for the caller's transaction, so the retention sweep cannot drop the table meanwhile.
 */
export async function lockKeptRevision(
  tx: postgres.TransactionSql,
  listId: string,
  revision: number,
): Promise<KeptRevision | undefined> {
  const [row] = await tx.unsafe<{ kept_table: string | null; columns: ListColumn[] }[]>(
    `select kept_table, columns from revisions where list_id = $1 and revision = $2 for update`,
    [listId, revision],
  );
  return row?.kept_table ? { keptTable: row.kept_table, columns: row.columns } : undefined;
}

export async function restoreRevisionInTransaction(
  tx: postgres.TransactionSql,
  list: { dataTable: string; columns: readonly ListColumn[] },
  revision: { keptTable: string; columns: readonly ListColumn[] },
  { waitSeconds }: { waitSeconds: number },
): Promise<{ counts: LoadCounts; records: number }> {
  const successor = await createSuccessor(tx, list.dataTable, list.columns);
  // Columns are matched by name: a column added since the revision stays empty, and one whose
  // storage moved is read from where the revision had it (columnsChangeBlocking allowed both).
  const pairs = revision.columns.map((then) => ({
    from: quoteIdent(then.storage),
    to: quoteIdent(list.columns.find((c) => c.name === then.name)!.storage),
  }));
  const copied = await tx.unsafe(
    `insert into ${quoteIdent(successor)} (${pairs.map((p) => p.to).join(', ')})
     select ${pairs.map((p) => p.from).join(', ')} from ${keptTableRef(revision.keptTable)}`,
  );
  const counts = await replaceWithSuccessor(tx, list.dataTable, list.columns, 'replace', copied.count, { waitSeconds });
  return { counts, records: copied.count };
}
