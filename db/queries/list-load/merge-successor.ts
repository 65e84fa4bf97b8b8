import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

import { keyList, quoteIdent } from '../sql-names';
import { keyJoin } from './key-sql';
import type { LoadCounts } from './load-counts';
import { mergeStage } from './merge-stage';
import { successorName, SuccessorRefused } from './successor';

/**
 * Merges the successor's records into the list in place, then drops it: for files small next to
 * the list. Throws SuccessorRefused on a key given twice or, for `append`, a key already listed.
 * Duplicates are looked for explicitly: ON CONFLICT … WHERE changed skips a first occurrence equal
 * to the listed record, and the second then updates it without any error.
 */
export async function mergeSuccessorInPlace(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: ImportMode,
  fileRows: number,
): Promise<LoadCounts> {
  const successor = successorName(table);
  const next = quoteIdent(successor);
  const duplicates = await tx.unsafe(`select 1 from ${next} group by ${keyList(columns)} having count(*) > 1 limit 1`);
  if (duplicates.length > 0) throw new SuccessorRefused('a key appears more than once in the file');
  if (mode === 'append') {
    const listed = await tx.unsafe(
      `select 1 from ${next} n join ${quoteIdent(table)} o on ${keyJoin(columns, 'n.', 'o.')} limit 1`,
    );
    if (listed.length > 0) throw new SuccessorRefused('keys already in the list');
  }
  const counts = await mergeStage(tx, table, columns, mode, fileRows, successor);
  await tx.unsafe(`drop table ${next}`);
  return counts;
}
