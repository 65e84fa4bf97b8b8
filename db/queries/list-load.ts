/**
 * SQL of the all-or-nothing load. Everything here runs inside the caller's transaction: records are
 * COPYed into a temporary stage, checked there (keys unique in the file, not already present for
 * `append`), then merged into the list's table. Until COMMIT nobody sees any of it.
 */
import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

import { pgErrorCode } from './pg-errors';
import { keepCopyOfListTable, keepingRevisions, retireListTable } from './revisions';
import { changedExpression, columnDefinitions, columnList, keyList, quoteIdent } from './sql-names';

/** What a load did to the list's records. */
export type LoadCounts = { inserted: number; updated: number; unchanged: number; deleted: number };

const STAGE = 'listport_stage';

export async function createStage(tx: postgres.TransactionSql, columns: readonly ListColumn[]): Promise<void> {
  await tx.unsafe(
    `create temporary table ${STAGE} (row_no bigint not null, ${columnDefinitions(columns)}) on commit drop`,
  );
}

export async function openStageCopy(tx: postgres.TransactionSql, columns: readonly ListColumn[]) {
  const names = ['row_no', ...columns.map((c) => c.storage)].map(quoteIdent).join(', ');
  return tx.unsafe(`copy ${STAGE} (${names}) from stdin`).writable();
}

/**
 * COPY the file's own CSV text into a table (a list's successor): PostgreSQL parses it. Empty
 * values, quoted or not, are NULL as everywhere in Listport; times without a zone are UTC.
 * FREEZE (allowed because the table was created in this subtransaction) writes the file's records
 * already marked visible to all, so the next load's read of them does not have to mark every page
 * and log each one for its checksum (measured: ~0.45 s less for an upsert of 1M records right after
 * a 1M import). Records a rebuild carries over, or an in-place merge writes, are written normally.
 */
export async function openTableCsvCopy(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  delimiter: string,
) {
  const names = columnList(columns);
  await tx.unsafe(`set local timezone = 'UTC'`);
  return tx
    .unsafe(
      `copy ${quoteIdent(table)} (${names}) from stdin with (format csv, freeze true, header true, delimiter '${delimiter.replaceAll("'", "''")}', force_null (${names}))`,
    )
    .writable();
}

/** Keys that occur more than once in the file, with the first 20 rows they occur on and how often they occur. */
export async function findDuplicateKeys(tx: postgres.TransactionSql, columns: readonly ListColumn[], limit: number) {
  const keys = keyList(columns);
  const keyText = keyTextExpression(columns);
  return tx.unsafe<{ key: string; rows: string[]; occurrences: string }[]>(
    `select ${keyText} as key, (array_agg(row_no order by row_no))[1:20]::text[] as rows, count(*) as occurrences
       from ${STAGE} group by ${keys} having count(*) > 1 order by min(row_no) limit ${Number(limit)}`,
  );
}

/** Rows of the file whose key is already in the list (mode append). */
export async function findExistingKeys(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  limit: number,
) {
  return tx.unsafe<{ key: string; row_no: string }[]>(
    `select ${keyTextExpression(columns, 's.')} as key, s.row_no::text as row_no
       from ${STAGE} s join ${quoteIdent(table)} d on ${keyJoin(columns)}
      order by s.row_no limit ${Number(limit)}`,
  );
}

/** Merges staged records into the list in place (from the stage, or from a successor: see createSuccessor). */
export async function mergeStage(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: ImportMode,
  stagedRows: number,
  stage = STAGE,
): Promise<LoadCounts> {
  const source = quoteIdent(stage);
  const target = quoteIdent(table);
  // The list is about to change in place: its current contents are kept as a copy first.
  await keepCopyOfListTable(tx, table);
  let deleted = 0;
  if (mode === 'replace') {
    const result = await tx.unsafe(
      `delete from ${target} d where not exists (select 1 from ${source} s where ${keyJoin(columns)})`,
    );
    deleted = result.count;
  }
  const names = columnList(columns);
  const nonKey = columns.filter((c) => !c.isKey).map((c) => quoteIdent(c.storage));
  const conflict =
    nonKey.length === 0
      ? 'do nothing'
      : `do update set ${nonKey.map((n) => `${n} = excluded.${n}`).join(', ')} where ${changedExpression(columns, target, 'excluded')}`;
  const [row] = await tx.unsafe<{ inserted: string; updated: string }[]>(
    `with merged as (
       insert into ${target} (${names}) select ${names} from ${source}
       on conflict (${keyList(columns)}) ${conflict}
       returning (xmax = 0) as inserted
     ) select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from merged`,
  );
  const inserted = Number(row?.inserted ?? 0);
  const updated = Number(row?.updated ?? 0);
  return { inserted, updated, unchanged: stagedRows - inserted - updated, deleted };
}

/** What a load would do, computed without changing anything: for the summary before submit. */
export async function countStageEffect(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const changed = changedExpression(columns, 'd', 's');
  const [row] = await tx.unsafe<{ new_rows: string; updated: string; unchanged: string; removed: string }[]>(
    `select count(*) filter (where d.ctid is null) as new_rows,
            count(*) filter (where d.ctid is not null and ${changed}) as updated,
            count(*) filter (where d.ctid is not null and not ${changed}) as unchanged,
            (select count(*) from ${quoteIdent(table)} d2 where not exists (select 1 from ${STAGE} s2 where ${keyJoin(columns, 's2.', 'd2.')})) as removed
       from ${STAGE} s left join ${quoteIdent(table)} d on ${keyJoin(columns)}`,
  );
  return {
    newRecords: Number(row?.new_rows ?? 0),
    updatedRecords: Number(row?.updated ?? 0),
    unchangedRecords: Number(row?.unchanged ?? 0),
    removedByReplace: Number(row?.removed ?? 0),
  };
}

/**
 * The successor of a list's table: same columns, no index yet, created inside the load's
 * transaction. A large load is COPYed into it and it replaces the list's table (see
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
  await tx.unsafe(`create table ${quoteIdent(successor)} (${columnDefinitions(columns)})`);
  return successor;
}

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

export class SuccessorRefused extends Error {}

const UNIQUE_VIOLATION = '23505';

/**
 * Loads the successor's records into the list by rewriting it: records the file does not name are
 * copied over (not for `replace`), the primary key is built (a key given twice in the file fails
 * here), and the successor takes the list's table's name. Readers keep reading the old table until
 * COMMIT. Throws SuccessorRefused when the file cannot load this way (duplicate keys, `append` with
 * keys already in the list) and ListBusy when readers held the list longer than `waitSeconds`.
 */
export async function replaceWithSuccessor(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: ImportMode,
  fileRows: number,
  { waitSeconds }: { waitSeconds: number },
): Promise<LoadCounts> {
  const successor = successorName(table);
  const [old, next] = [quoteIdent(table), quoteIdent(successor)];
  // Nobody may write to the list while its successor is built (the job lock already keeps the
  // app's writers out; this makes the swap safe by itself). Readers go on.
  await lockInAttempts(tx, table, 'exclusive', waitSeconds);
  // A list's first load has nothing to compare or keep.
  const listIsEmpty = (await tx.unsafe(`select 1 from ${old} limit 1`)).length === 0;
  const noneListed = { existing: 0, matched: 0, updated: 0 };
  const { existing, matched, updated } = listIsEmpty
    ? noneListed
    : mode === 'replace'
      ? await compareWithList(tx, table, columns)
      : await compareAndKeepUntouched(tx, table, columns);
  if (mode === 'append' && matched > 0) throw new SuccessorRefused('keys already in the list');
  try {
    await tx.savepoint((sp) =>
      sp.unsafe(
        `alter table ${next} add constraint ${quoteIdent(`${successor}_pkey`)} primary key (${keyList(columns)})`,
      ),
    );
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new SuccessorRefused('a key appears more than once in the file');
    throw error;
  }
  await lockInAttempts(tx, table, 'access exclusive', waitSeconds);
  // The swapped-out table is the previous revision's contents: kept, or dropped (see revisions.ts).
  await retireListTable(tx, table);
  await tx.unsafe(`alter table ${next} rename to ${old}`);
  await tx.unsafe(
    `alter table ${old} rename constraint ${quoteIdent(`${successor}_pkey`)} to ${quoteIdent(`${table}_pkey`)}`,
  );
  const inserted = fileRows - matched;
  return { inserted, updated, unchanged: matched - updated, deleted: mode === 'replace' ? existing - matched : 0 };
}

export class ListBusy extends Error {}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Takes a lock on a list's table in attempts of 2 s with pauses between them: while a request for
 * an exclusive lock waits, PostgreSQL queues every new reader of the table behind it, so one long
 * wait would stall the list's pages for as long as, say, an export runs. 2 s outlasts
 * deadlock_timeout, after which an autovacuum in the way is cancelled.
 */
export async function lockInAttempts(
  tx: postgres.TransactionSql,
  table: string,
  mode: 'exclusive' | 'access exclusive',
  waitSeconds: number,
): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  // After a big load autovacuum is usually busy with the list's table; a waiter cancels it after
  // its own deadlock_timeout (1 s by default), which superusers may shorten.
  const mayShortenDeadlockTimeout = await isSuperuser(tx);
  for (;;) {
    try {
      await tx.savepoint(async (sp) => {
        await sp.unsafe(`set local lock_timeout = '2s'`);
        if (mayShortenDeadlockTimeout) await sp.unsafe(`set local deadlock_timeout = '100ms'`);
        await sp.unsafe(`lock table ${quoteIdent(table)} in ${mode} mode`);
        await sp.unsafe(`set local lock_timeout to default`);
        if (mayShortenDeadlockTimeout) await sp.unsafe(`set local deadlock_timeout to default`);
      });
      return;
    } catch (error) {
      if (pgErrorCode(error) !== LOCK_NOT_AVAILABLE) throw error;
      if (Date.now() >= deadline) throw new ListBusy(`the list was being read for more than ${waitSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function isSuperuser(tx: postgres.TransactionSql): Promise<boolean> {
  const [row] = await tx.unsafe<{ superuser: boolean }[]>(`select current_setting('is_superuser') = 'on' as superuser`);
  return row?.superuser === true;
}

/** Records COPYed into a table in this transaction: a check that COPY took every record the file has. */
export async function recordsInsertedInTransaction(tx: postgres.TransactionSql, table: string): Promise<number> {
  const [row] = await tx.unsafe<{ n: string }[]>(`select pg_stat_get_xact_tuples_inserted($1::regclass) as n`, [
    quoteIdent(table),
  ]);
  return Number(row?.n ?? 0);
}

/** How the successor's records meet the list's: records listed, how many the file names, how many of those it changes. */
async function compareWithList(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const [old, next] = [quoteIdent(table), quoteIdent(successorName(table))];
  const [row] = await tx.unsafe<{ existing: string; matched: string; changed: string }[]>(
    `select count(*) as existing, count(n.ctid) as matched, count(*) filter (where n.ctid is not null and ${changedExpression(columns, 'o', 'n')}) as changed
       from ${old} o left join ${next} n on ${keyJoin(columns, 'o.', 'n.')}`,
  );
  return {
    existing: Number(row?.existing ?? 0),
    matched: Number(row?.matched ?? 0),
    updated: Number(row?.changed ?? 0),
  };
}

/**
 * compareWithList, and the list's records the file does not name copied into the successor, in
 * one pass over the list. The join feeds the INSERT of those records; the records the file names
 * and changes are counted on the way by a temporary sequence, ticked from the WHERE clause. (A
 * statement's rows can feed an INSERT or an aggregate, not both, without storing every row first:
 * measured, that store cost ~0.2 s and 130 MB more per 1M records, and at 5M records spilled to
 * disk, where a count join and a separate anti-join took over.)
 */
async function compareAndKeepUntouched(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const [old, next] = [quoteIdent(table), quoteIdent(successorName(table))];
  const changedCounter = quoteIdent(`${successorName(table)}_changed`);
  await tx.unsafe(`create temporary sequence ${changedCounter}`);
  // CASE evaluates in order: a record the file names is never inserted; nextval() runs once for
  // each one it changes (and is never below 0).
  const kept = await tx.unsafe(
    `insert into ${next} (${columnList(columns)})
     select ${columnList(columns, 'o.')} from ${old} o left join ${next} n on ${keyJoin(columns, 'o.', 'n.')}
      where case when n.ctid is null then true
                 when ${changedExpression(columns, 'o', 'n')} then nextval('${changedCounter}') < 0
                 else false end`,
  );
  const [row] = await tx.unsafe<{ existing: string; changed: string }[]>(
    `select (select count(*) from ${old}) as existing, case when is_called then last_value else 0 end as changed from ${changedCounter}`,
  );
  await tx.unsafe(`drop sequence ${changedCounter}`);
  const existing = Number(row?.existing ?? 0);
  return { existing, matched: existing - kept.count, updated: Number(row?.changed ?? 0) };
}

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

/**
 * Removes every record (a purge), in the caller's transaction; returns how many there were. While
 * revisions are kept, the table itself is kept as the purged revision and an empty one takes its
 * place (no copy); readers are waited for as a load's swap waits for them.
 */
export async function truncateTable(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  { waitSeconds }: { waitSeconds: number },
): Promise<number> {
  if (!keepingRevisions()) {
    const deleted = await tx.unsafe(`delete from ${quoteIdent(table)}`);
    return deleted.count;
  }
  await lockInAttempts(tx, table, 'access exclusive', waitSeconds);
  const [row] = await tx.unsafe<{ n: string }[]>(`select count(*) as n from ${quoteIdent(table)}`);
  await retireListTable(tx, table);
  await tx.unsafe(
    `create table ${quoteIdent(table)} (${columnDefinitions(columns)}, constraint ${quoteIdent(`${table}_pkey`)} primary key (${keyList(columns)}))`,
  );
  return Number(row?.n ?? 0);
}

function keyJoin(columns: readonly ListColumn[], stage = 's.', data = 'd.'): string {
  return columns
    .filter((c) => c.isKey)
    .map((c) => `${stage}${quoteIdent(c.storage)} = ${data}${quoteIdent(c.storage)}`)
    .join(' and ');
}

function keyTextExpression(columns: readonly ListColumn[], prefix = ''): string {
  const parts = columns
    .filter((c) => c.isKey)
    .sort((a, b) => a.keyPosition - b.keyPosition)
    .map((c) => `${prefix}${quoteIdent(c.storage)}::text`);
  return parts.length === 1 ? parts[0]! : `concat_ws(' / ', ${parts.join(', ')})`;
}
