/**
 * The stage of the all-or-nothing load. Everything in db/queries/list-load runs inside the caller's
 * transaction: records are COPYed into a temporary stage, checked there (keys unique in the file,
 * not already present for `append`), then merged into the list's table. Until COMMIT nobody sees
 * any of it.
 */
import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { columnDefinitions, quoteIdent } from '../sql-names';

export const STAGE = 'listport_stage';

export async function createStage(tx: postgres.TransactionSql, columns: readonly ListColumn[]): Promise<void> {
  await tx.unsafe(
    `create temporary table ${STAGE} (row_no bigint not null, ${columnDefinitions(columns)}) on commit drop`,
  );
}

export async function openStageCopy(tx: postgres.TransactionSql, columns: readonly ListColumn[]) {
  const names = ['row_no', ...columns.map((c) => c.storage)].map(quoteIdent).join(', ');
  return tx.unsafe(`copy ${STAGE} (${names}) from stdin`).writable();
}
