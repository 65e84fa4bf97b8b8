import type postgres from 'postgres';

import { keyColumns, type ListColumn } from '@/lib/shared/list-column';

import { changedExpression, columnList, keyList, quoteIdent, SQL_TYPES } from '../sql-names';
import { keyJoin } from './key-sql';
import { successorName } from './successor';

/**
 * Runs work in a transaction of its own on another connection and commits it: how a rewrite uses
 * the second core (see compareAndKeepUntouched). Only for a successor committed before the load's
 * transaction began, which the other connection can see.
 */
export type OtherConnection = (work: (tx: postgres.TransactionSql) => Promise<KeptRecords>) => Promise<KeptRecords>;

/** Of the list's records in a range of keys: how many were copied (the file does not name them) and how many the file changes. */
export type KeptRecords = { kept: number; changed: number };

type Comparison = { existing: number; matched: number; updated: number };

/**
 * How the list's records meet the file's, with the list's records the file does not name copied
 * into the successor. One join of the list with the file feeds the INSERT of those records; the
 * records the file names and changes are counted on the way by a temporary sequence, ticked from
 * the WHERE clause. (A statement's rows can feed an INSERT or an aggregate, not both, without
 * storing every row first: measured, that store cost ~0.2 s and 130 MB more per 1M records.)
 *
 * PostgreSQL runs an INSERT … SELECT on one core. Given another connection, the list is cut in two
 * at a key near its middle and each connection joins and copies one half: both cores work, and
 * each half's hash table is half as large (5M records in PostgreSQL 15: 9.3–9.7 s in one pass,
 * 4.4–4.7 s in two halves, which also no longer spill to disk).
 */
export async function compareAndKeepUntouched(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  other?: OtherConnection,
): Promise<Comparison> {
  const [row] = await tx.unsafe<{ existing: string }[]>(`select count(*) as existing from ${quoteIdent(table)}`);
  const existing = Number(row?.existing ?? 0);
  const middle = other && (await keyNearTheMiddle(tx, table, columns));
  const parts = middle
    ? await bothDone([
        keepUntouchedRecords(tx, table, columns, { below: middle }),
        other((otherTx) => keepUntouchedRecords(otherTx, table, columns, { from: middle })),
      ])
    : [await keepUntouchedRecords(tx, table, columns, {})];
  const kept = parts.reduce((sum, part) => sum + part.kept, 0);
  const updated = parts.reduce((sum, part) => sum + part.changed, 0);
  return { existing, matched: existing - kept, updated };
}

/** A key's values as text, each to be read back as its column's type. */
type KeyValues = { texts: string[]; types: string[] };
type KeyRange = { below?: KeyValues; from?: KeyValues };

/**
 * The median key of a sample of the list's pages (about 200, at least 1%; a small list's every
 * page): halves close enough to even, found in milliseconds. None for an empty list.
 */
async function keyNearTheMiddle(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
): Promise<KeyValues | undefined> {
  const keys = keyColumns(columns);
  const [size] = await tx.unsafe<{ pages: string }[]>(
    `select pg_relation_size($1::regclass) / current_setting('block_size')::int as pages`,
    [quoteIdent(table)],
  );
  const percent = Math.min(100, Math.max(1, (200 / Math.max(1, Number(size?.pages ?? 0))) * 100));
  const [row] = await tx.unsafe<Record<string, string>[]>(
    `with sample as (select ${keyList(columns)} from ${quoteIdent(table)} tablesample system (${percent.toFixed(3)}) repeatable (0))
     select ${keys.map((c, i) => `${quoteIdent(c.storage)}::text as k${i}`).join(', ')}
       from sample order by ${keyList(columns)} offset (select count(*) / 2 from sample) limit 1`,
  );
  if (!row) return undefined;
  return { texts: keys.map((_, i) => row[`k${i}`]!), types: keys.map((c) => SQL_TYPES[c.dataType]) };
}

async function keepUntouchedRecords(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  range: KeyRange,
): Promise<KeptRecords> {
  const [old, next] = [quoteIdent(table), quoteIdent(successorName(table))];
  const changedCounter = quoteIdent(`${successorName(table)}_changed`);
  const bound = range.below ?? range.from;
  const inRange = (alias: string) =>
    bound
      ? `(${keyList(columns, `${alias}.`)}) ${range.below ? '<' : '>='} (${bound.types.map((type, i) => `$${i + 1}::${type}`).join(', ')})`
      : 'true';
  await tx.unsafe(`create temporary sequence ${changedCounter}`);
  // CASE evaluates in order: a record the file names is never inserted; nextval() runs once for
  // each one it changes (and is never below 0).
  const kept = await tx.unsafe(
    `insert into ${next} (${columnList(columns)})
     select ${columnList(columns, 'o.')} from ${old} o left join ${next} n on ${keyJoin(columns, 'o.', 'n.')} and ${inRange('n')}
      where ${inRange('o')}
        and case when n.ctid is null then true
                 when ${changedExpression(columns, 'o', 'n')} then nextval('${changedCounter}') < 0
                 else false end`,
    bound?.texts ?? [],
  );
  const [row] = await tx.unsafe<{ changed: string }[]>(
    `select case when is_called then last_value else 0 end as changed from ${changedCounter}`,
  );
  await tx.unsafe(`drop sequence ${changedCounter}`);
  return { kept: kept.count, changed: Number(row?.changed ?? 0) };
}

/** Both results; on a failure, only once the other has ended too, so no statement outlives the load. */
async function bothDone<A, B>(promises: [Promise<A>, Promise<B>]): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled(promises);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
