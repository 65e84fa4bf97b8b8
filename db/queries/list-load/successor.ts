import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { columnDefinitions, quoteIdent } from '../sql-names';

/**
 * The successor of a list's table: same columns, no index yet, created inside the load's
 * transaction (and committed before the rewrite when that runs side by side: rewriteSideBySide). A large load is COPYed into it and it replaces the list's table (see
 * replaceWithSuccessor); a small one is merged from it like from the stage.
 */
export function successorName(table: string): string {
  return `${table}_next`;
}

export async function createSuccessor(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
): Promise<string> {
  const successor = successorName(table);
  // One left by a load whose worker was killed after committing it (see rewriteSideBySide).
  await tx.unsafe(`drop table if exists ${quoteIdent(successor)}`);
  await tx.unsafe(`create table ${quoteIdent(successor)} (${columnDefinitions(columns)})`);
  return successor;
}

/** The file cannot load through the successor (duplicate keys, `append` with keys already listed). */
export class SuccessorRefused extends Error {}
