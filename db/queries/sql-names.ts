import type { DataType } from '@/lib/shared/data-types';
import { keyColumns, type ListColumn } from '@/lib/shared/list-column';

/**
 * Per-list tables and their columns are named by Listport (`ld_<id>`, `c1`…), never by users; the
 * user's column names live only in the list's metadata. Every identifier is still quoted.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table for SQL: a list's own table (`ld_…`), or a kept revision's given as `schema.table`
 * (see revisions.ts). Listport's table names have no dots of their own.
 */
export function quoteTable(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

export function dataTableName(listId: string): string {
  return `ld_${listId.replaceAll('-', '')}`;
}

export const SQL_TYPES: Record<DataType, string> = {
  string: 'text',
  integer: 'bigint',
  number: 'numeric',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

export function columnDefinitions(columns: readonly ListColumn[]): string {
  return columns.map((c) => `${quoteIdent(c.storage)} ${SQL_TYPES[c.dataType]}`).join(', ');
}

/** Every column of a list, in list order, e.g. for INSERT … (columns) SELECT columns. */
export function columnList(columns: readonly ListColumn[], prefix = ''): string {
  return columns.map((c) => `${prefix}${quoteIdent(c.storage)}`).join(', ');
}

/**
 * True where a record of the list (listAlias) and one of the file (fileAlias) with the same key
 * differ in a non-key value, NULLs included: what makes an update rather than an unchanged record.
 */
export function changedExpression(columns: readonly ListColumn[], listAlias: string, fileAlias: string): string {
  const nonKey = columns.filter((c) => !c.isKey).map((c) => quoteIdent(c.storage));
  if (nonKey.length === 0) return 'false';
  return `(${nonKey.map((n) => `${listAlias}.${n}`).join(', ')}) is distinct from (${nonKey.map((n) => `${fileAlias}.${n}`).join(', ')})`;
}

export function keyList(columns: readonly ListColumn[], prefix = ''): string {
  return keyColumns(columns)
    .map((c) => `${prefix}${quoteIdent(c.storage)}`)
    .join(', ');
}

/** How a stored value is read back as JSON-friendly text: dates as YYYY-MM-DD, datetimes as ISO 8601 UTC. */
export function selectExpression(column: ListColumn, tableAlias = ''): string {
  const ref = `${tableAlias}${quoteIdent(column.storage)}`;
  switch (column.dataType) {
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD')`;
    case 'datetime':
      return `to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    default:
      return `${ref}::text`;
  }
}

/**
 * How a stored value is written to a CSV export: as selectExpression, but a datetime keeps every
 * digit PostgreSQL stores (microseconds, trailing zeros dropped) so that the export loads back exactly.
 */
export function exportExpression(column: ListColumn, tableAlias = ''): string {
  if (column.dataType !== 'datetime') return selectExpression(column, tableAlias);
  const ref = `${tableAlias}${quoteIdent(column.storage)}`;
  return `regexp_replace(to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.?0+$', '') || 'Z'`;
}
