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

/** Of the list's records in a range of keys: how many were copied (the file does not name them), how many the file names, and how many of those it changes. */
export type KeptRecords = { kept: number; named: number; changed: number };

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
 *
 * Only records whose keys fall within both tables' bounds can meet: the list's others are copied
 * without the join, and the file's others are not looked up (5M-record upsert of the bench's file,
 * PostgreSQL 15: the two halves 11.3–12.6 s with every record joined, 8.4–9.0 s).
 */
export async function compareAndKeepUntouched(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  other?: OtherConnection,
): Promise<Comparison> {
  const bounds = {
    list: await keyBounds(tx, table, columns),
    file: await keyBounds(tx, successorName(table), columns),
  };
  const middle = other && (await keyNearTheMiddle(tx, table, columns));
  const parts = middle
    ? await bothDone([
        keepUntouchedRecords(tx, table, columns, bounds, { below: middle }),
        other((otherTx) => keepUntouchedRecords(otherTx, table, columns, bounds, { from: middle })),
      ])
    : [await keepUntouchedRecords(tx, table, columns, bounds, {})];
  const total = (count: keyof KeptRecords) => parts.reduce((sum, part) => sum + part[count], 0);
  return { existing: total('kept') + total('named'), matched: total('named'), updated: total('changed') };
}

/** A key's values as text, each to be read back as its column's type. */
type KeyValues = { texts: string[]; types: string[] };
type KeyRange = { below?: KeyValues; from?: KeyValues };
/** The lowest and highest key of a table; none for an empty one. */
type KeyBounds = { lowest: KeyValues; highest: KeyValues } | undefined;

/**
 * The lowest and highest key of the list (read from its primary key's index: instant) or of the
 * successor (no index yet: one read of the table, ~0.4 s for 5M records). A record whose key lies
 * outside the other table's bounds cannot meet a record of it, so it need not go through the join
 * at all — which spares most of an upsert's join where a file's new keys come after the list's,
 * as numbered ids do.
 */
async function keyBounds(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
): Promise<KeyBounds> {
  const keys = keyColumns(columns);
  const types = keys.map((c) => SQL_TYPES[c.dataType]);
  const asText = (prefix: string) => keys.map((c, i) => `${quoteIdent(c.storage)}::text as ${prefix}${i}`).join(', ');
  const [one] = keys;
  // min() and max() read a table once; rows (and booleans, which have neither) need a read for each end.
  const query =
    keys.length === 1 && one && one.dataType !== 'boolean'
      ? `select min(${quoteIdent(one.storage)})::text as low0, max(${quoteIdent(one.storage)})::text as high0 from ${quoteIdent(table)}`
      : `select * from (select ${asText('low')} from ${quoteIdent(table)} order by ${keyList(columns)} limit 1) low,
                       (select ${asText('high')} from ${quoteIdent(table)} order by ${keys.map((c) => `${quoteIdent(c.storage)} desc`).join(', ')} limit 1) high`;
  const [row] = await tx.unsafe<Record<string, string | null>[]>(query);
  if (!row || row.low0 === null || row.low0 === undefined) return undefined;
  return {
    lowest: { texts: keys.map((_, i) => row[`low${i}`]!), types },
    highest: { texts: keys.map((_, i) => row[`high${i}`]!), types },
  };
}

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

/**
 * Conditions on a record's key for one statement, each bound value a parameter read back as its
 * column's type.
 */
function keyConditions(columns: readonly ListColumn[]) {
  const params: string[] = [];
  const compare = (alias: string, operator: string, bound: KeyValues) =>
    `(${keyList(columns, `${alias}.`)}) ${operator} (${bound.types.map((type, i) => `$${params.push(bound.texts[i]!)}::${type}`).join(', ')})`;
  return {
    params,
    compare,
    inHalf: (alias: string, range: KeyRange) =>
      range.below ? compare(alias, '<', range.below) : range.from ? compare(alias, '>=', range.from) : 'true',
    within: (alias: string, bounds: NonNullable<KeyBounds>) =>
      `${compare(alias, '>=', bounds.lowest)} and ${compare(alias, '<=', bounds.highest)}`,
  };
}

/**
 * Whether the list has a record meeting `condition` (on `o.`): the first in key order, found
 * through the list's key, so that none there costs no read of the list.
 */
async function anyListed(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  condition: string,
  params: string[],
): Promise<boolean> {
  const rows = await tx.unsafe(
    `select 1 from ${quoteIdent(table)} o where ${condition} order by ${keyList(columns, 'o.')} limit 1`,
    params,
  );
  return rows.length > 0;
}

/**
 * The list's records in a range of keys that the file does not name, copied into the successor;
 * and how many of those it names it changes. Records with keys outside the file's bounds are
 * copied as they are; only the rest meet the file's records (those within the list's bounds) in
 * the join.
 */
async function keepUntouchedRecords(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  bounds: { list: KeyBounds; file: KeyBounds },
  range: KeyRange,
): Promise<KeptRecords> {
  const { list, file } = bounds;
  // Below the file's lowest key and above its highest: each side on its own, so that a side with
  // no records is passed over through the key.
  const sides = file
    ? [
        { operator: '<', bound: file.lowest },
        { operator: '>', bound: file.highest },
      ]
    : [undefined];
  let copied = 0;
  for (const side of sides) copied += await copyListed(tx, table, columns, range, side);
  if (!file || !list) return { kept: copied, named: 0, changed: 0 };
  const joined = await joinWithTheFile(tx, table, columns, { list, file }, range);
  return { ...joined, kept: copied + joined.kept };
}

/** Copies the list's records in the range (and beyond `side`, one end of the file's bounds) into the successor as they are. */
async function copyListed(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  range: KeyRange,
  side: { operator: string; bound: KeyValues } | undefined,
): Promise<number> {
  const where = keyConditions(columns);
  const condition = `${where.inHalf('o', range)} and ${side ? where.compare('o', side.operator, side.bound) : 'true'}`;
  if (!(await anyListed(tx, table, columns, condition, where.params))) return 0;
  const copied = await tx.unsafe(
    `insert into ${quoteIdent(successorName(table))} (${columnList(columns)})
     select ${columnList(columns)} from ${quoteIdent(table)} o where ${condition}`,
    where.params,
  );
  return copied.count;
}

/** keepUntouchedRecords for the list's records within the file's bounds. */
async function joinWithTheFile(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  bounds: { list: NonNullable<KeyBounds>; file: NonNullable<KeyBounds> },
  range: KeyRange,
): Promise<KeptRecords> {
  const [old, next] = [quoteIdent(table), quoteIdent(successorName(table))];
  const withinTheFile = keyConditions(columns);
  const listed = `${withinTheFile.inHalf('o', range)} and ${withinTheFile.within('o', bounds.file)}`;
  // None there spares a read of the successor.
  if (!(await anyListed(tx, table, columns, listed, [...withinTheFile.params])))
    return { kept: 0, named: 0, changed: 0 };
  const named = `${withinTheFile.inHalf('n', range)} and ${withinTheFile.within('n', bounds.list)}`;
  const counter = (what: string) => quoteIdent(`${successorName(table)}_${what}`);
  const [namedCounter, changedCounter] = [counter('named'), counter('changed')];
  for (const sequence of [namedCounter, changedCounter]) await tx.unsafe(`create temporary sequence ${sequence}`);
  // CASE evaluates in order: a record the file does not name is inserted; nextval() runs once for
  // each one it names, and once more for each one it changes (a sequence is never below 0).
  const kept = await tx.unsafe(
    `insert into ${next} (${columnList(columns)})
     select ${columnList(columns, 'o.')} from ${old} o left join ${next} n on ${keyJoin(columns, 'o.', 'n.')} and ${named}
      where ${listed}
        and case when n.ctid is null then true
                 when nextval('${namedCounter}') < 0 then false
                 when ${changedExpression(columns, 'o', 'n')} then nextval('${changedCounter}') < 0
                 else false end`,
    withinTheFile.params,
  );
  const ticks = (sequence: string) => `(select case when is_called then last_value else 0 end from ${sequence})`;
  const [row] = await tx.unsafe<{ named: string; changed: string }[]>(
    `select ${ticks(namedCounter)} as named, ${ticks(changedCounter)} as changed`,
  );
  await tx.unsafe(`drop sequence ${namedCounter}, ${changedCounter}`);
  return { kept: kept.count, named: Number(row?.named ?? 0), changed: Number(row?.changed ?? 0) };
}

/** Both results; on a failure, only once the other has ended too, so no statement outlives the load. */
async function bothDone<A, B>(promises: [Promise<A>, Promise<B>]): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled(promises);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
