import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';

import { quoteIdent } from '../sql-names';

/**
 * Whether a rewrite should copy the list's untouched records on two connections (see
 * compareAndKeepUntouched): only `upsert` and `append` copy any, and only a large list repays the
 * successor's extra commit and the second connection.
 */
export async function sideBySidePays(
  tx: postgres.TransactionSql,
  table: string,
  mode: ImportMode,
  fromBytes: number,
): Promise<boolean> {
  if (mode === 'replace') return false;
  const [row] = await tx.unsafe<{ bytes: string }[]>(`select pg_relation_size($1::regclass) as bytes`, [
    quoteIdent(table),
  ]);
  const bytes = Number(row?.bytes ?? 0);
  return bytes > 0 && bytes >= fromBytes;
}
