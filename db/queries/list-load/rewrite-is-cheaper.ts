import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';

import { keepingRevisions } from '../revisions';
import { quoteIdent } from '../sql-names';
import { successorName } from './successor';

/**
 * Rewriting the list costs a copy of the records the file does not touch; updating in place costs
 * an index entry and a dead row per changed record, several times a copied one. Rewriting wins
 * once the file is about half the list's size or more (measured with `npm run bench`), and always
 * for `replace`, which keeps no old records. While revisions are kept it always wins: the table it
 * swaps out is kept as it is, where an update in place must copy the whole list first.
 */
export async function rewriteIsCheaper(tx: postgres.TransactionSql, table: string, mode: ImportMode): Promise<boolean> {
  if (mode === 'replace' || keepingRevisions()) return true;
  const [row] = await tx.unsafe<{ list_bytes: string; file_bytes: string }[]>(
    `select pg_relation_size($1::regclass) as list_bytes, pg_relation_size($2::regclass) as file_bytes`,
    [quoteIdent(table), quoteIdent(successorName(table))],
  );
  return Number(row?.file_bytes ?? 0) * 2 >= Number(row?.list_bytes ?? 0);
}
