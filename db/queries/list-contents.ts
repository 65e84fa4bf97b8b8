import type postgres from 'postgres';

import type { ContentFilter } from '@/lib/shared/content-filter';
import type { ListColumn } from '@/lib/shared/list-column';

import { getSql } from '../client';
import { boundedRead } from './read-bound';
import { exportExpression, keyList, quoteIdent, quoteTable, selectExpression, SQL_TYPES } from './sql-names';

export type ContentRow = Record<string, string | number | boolean | null>;

const OPERATORS = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

function whereClause(filters: readonly ContentFilter[], params: unknown[]): string {
  if (filters.length === 0) return '';
  const parts = filters.map(({ column, op, value }) => {
    const ref = quoteIdent(column.storage);
    if (op === 'contains' || op === 'startsWith' || op === 'endsWith') {
      const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
      params.push(op === 'contains' ? `%${escaped}%` : op === 'startsWith' ? `${escaped}%` : `%${escaped}`);
      // What ILIKE does in a UTF-8 database — lower() both sides, then LIKE — but the pattern lowered
      // once (an init-plan), not for every record: ILIKE lowered a 14,000-character value 150,000
      // times per statement (10 s), and ten such requests held the pool's 20 connections for 90 s.
      return `lower(${ref}::text) like (select lower($${params.length}::text))`;
    }
    params.push(value);
    // Cast through text: a parameter typed boolean (or timestamptz) would be re-serialised by the driver.
    return `${ref} ${OPERATORS[op]} $${params.length}::text::${SQL_TYPES[column.dataType]}`;
  });
  return `where ${parts.join(' and ')}`;
}

type ContentsOrder = { column: ListColumn; descending: boolean } | undefined;

/** The chosen column first (empty values last), then the key, so every page and export is in one stable order. */
function orderClause(columns: readonly ListColumn[], sort: ContentsOrder): string {
  const byColumn = sort ? [`${quoteIdent(sort.column.storage)} ${sort.descending ? 'desc' : 'asc'} nulls last`] : [];
  return [...byColumn, keyList(columns)].join(', ');
}

/** A page of a list's records, typed for JSON (numbers as numbers, booleans, ISO dates). */
export async function getContentsPage(
  table: string,
  columns: readonly ListColumn[],
  options: {
    filters: readonly ContentFilter[];
    sort?: { column: ListColumn; descending: boolean };
    start: number;
    limit: number;
  },
): Promise<{ items: ContentRow[]; count: number }> {
  const params: unknown[] = [];
  const where = whereClause(options.filters, params);
  const order = orderClause(columns, options.sort);
  const select = columns.map((c, i) => `${selectExpression(c)} as v${i}`).join(', ');
  // Both statements on one connection (pipelined), each stopped after API_READ_TIMEOUT_SECONDS.
  const [rows, [total]] = await boundedRead((sql) =>
    Promise.all([
      sql.unsafe<Record<string, string | null>[]>(
        `select ${select} from ${quoteTable(table)} ${where} order by ${order} offset ${Number(options.start)} limit ${Number(options.limit)}`,
        params as postgres.ParameterOrJSON<never>[],
      ),
      sql.unsafe<{ n: string }[]>(
        `select count(*) as n from ${quoteTable(table)} ${where}`,
        params as postgres.ParameterOrJSON<never>[],
      ),
    ]),
  );
  return { items: rows.map((row) => toJsonRow(row, columns)), count: Number(total?.n ?? 0) };
}

export function toJsonRow(row: Record<string, string | null>, columns: readonly ListColumn[]): ContentRow {
  const out: ContentRow = {};
  columns.forEach((column, i) => {
    out[column.name] = jsonValue(row[`v${i}`] ?? null, column);
  });
  return out;
}

function jsonValue(text: string | null, column: ListColumn): string | number | boolean | null {
  if (text === null) return null;
  switch (column.dataType) {
    case 'integer': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) && text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15 ? n : text;
    }
    case 'boolean':
      return text === 'true';
    default:
      return text;
  }
}

/**
 * Streams the records a filter selects (all of them without one) as text values in column order,
 * sorted as asked and then by key, through a server-side cursor of the pool.
 *
 * Throws ExportCutShort when fewer records come than the statement selects. postgres.js (3.4.9) ends a
 * cursor's iteration quietly when its connection closes between two fetches (a terminated session, a
 * failover): the rejection lands on a fetch already answered, and the next one says "done". So every
 * row carries the statement's own count of the records it selects — a scalar subquery, evaluated once
 * in the statement's snapshot, so exact whatever loads, edits or purges run meanwhile — and the records
 * that came are checked against it. (Not a count on a reserved connection: release() of one whose
 * session ended puts the dead connection back in the pool, porsager/postgres#1199.)
 */
export async function* streamContents(
  table: string,
  columns: readonly ListColumn[],
  query: { filters: readonly ContentFilter[]; sort?: ContentsOrder } = { filters: [] },
): AsyncGenerator<(string | null)[][]> {
  const sql = getSql();
  const params: unknown[] = [];
  const where = whereClause(query.filters, params);
  const select = columns.map((c, i) => `${exportExpression(c)} as v${i}`).join(', ');
  const from = `from ${quoteTable(table)} ${where}`;
  const cursor = sql
    .unsafe<(Record<string, string | null> & { n: string })[]>(
      `select (select count(*) ${from}) as n, ${select} ${from} order by ${orderClause(columns, query.sort)}`,
      params as postgres.ParameterOrJSON<never>[],
    )
    .cursor(2000);
  let expected = 0;
  let sent = 0;
  for await (const rows of cursor) {
    if (rows.length === 0) continue;
    expected = Number(rows[0]!.n);
    sent += rows.length;
    yield rows.map((row) => columns.map((_, i) => row[`v${i}`] ?? null));
  }
  // No rows at all is a true end: a connection that closes before the first fetch is answered rejects it.
  if (sent !== expected) throw new ExportCutShort(sent, expected);
}

/** The records of an export stopped before all the statement selected had come. */
export class ExportCutShort extends Error {
  constructor(
    readonly sent: number,
    readonly expected: number,
  ) {
    super(`The export stopped after ${sent} of ${expected} records: its database connection ended.`);
    this.name = 'ExportCutShort';
  }
}

/** Keeps the list's record count and modification stamp in step with a load, inside its transaction. */
export async function recordListLoad(
  tx: postgres.TransactionSql,
  listId: string,
  delta: number,
  userId: string | null,
): Promise<number> {
  const [row] = await tx.unsafe<{ record_count: string }[]>(
    `update lists set record_count = record_count + $2, modified_at = now(), modified_by = coalesce($3, modified_by), version = version + 1
      where id = $1 returning record_count`,
    [listId, delta, userId],
  );
  return Number(row?.record_count ?? 0);
}
