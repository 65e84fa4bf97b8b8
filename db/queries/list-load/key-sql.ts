import { keyColumns, type ListColumn } from '@/lib/shared/list-column';

import { quoteIdent } from '../sql-names';

/** The join condition of two records with the same key, e.g. a staged record (`s.`) and a listed one (`d.`). */
export function keyJoin(columns: readonly ListColumn[], stage = 's.', data = 'd.'): string {
  return columns
    .filter((c) => c.isKey)
    .map((c) => `${stage}${quoteIdent(c.storage)} = ${data}${quoteIdent(c.storage)}`)
    .join(' and ');
}

/** A record's key as text for a problem's message: its key columns in key order, joined by " / ". */
export function keyTextExpression(columns: readonly ListColumn[], prefix = ''): string {
  const parts = keyColumns(columns).map((c) => `${prefix}${quoteIdent(c.storage)}::text`);
  return parts.length === 1 ? parts[0]! : `concat_ws(' / ', ${parts.join(', ')})`;
}
