/**
 * A list's revisions: every completed load (import, custom import, purge, row edit, restore) gets
 * the next number and a record here, written in the load's own transaction.
 *
 * Storage: a load that rewrites the list builds a successor table and swaps it in (list-load/replace-with-successor.ts);
 * the table it swaps out *is* the previous revision's contents, so instead of dropping it we move
 * it into the `list_revisions` schema as `<data table>_r<revision>` — a rename, no copy. Loads that
 * change the list in place (row edits, a merge while readers hold the list) copy the table first.
 * Only the last LIST_REVISIONS_KEPT replaced versions are kept, for LIST_REVISIONS_MAX_DAYS.
 */
import type postgres from 'postgres';

import { env } from '@/lib/env';
import type { ListColumn } from '@/lib/shared/list-column';

import { getSql } from '../client';
import type { ListRevision, RevisionCounts, RevisionKind } from '../schema';
import type { LoadCounts } from './list-load/load-counts';
import { keyList, quoteIdent } from './sql-names';

export const REVISION_SCHEMA = 'list_revisions';

/** A kept revision's table, schema-qualified and quoted, for SQL. */
export function keptTableRef(keptTable: string): string {
  return `${quoteIdent(REVISION_SCHEMA)}.${quoteIdent(keptTable)}`;
}

function keptTableName(dataTable: string, revision: number): string {
  return `${dataTable}_r${revision}`;
}

export function keepingRevisions(): boolean {
  return env().LIST_REVISIONS_KEPT > 0;
}

type ListAtLoad = { id: string; revision: number; columns: ListColumn[] };

/** The list a table belongs to; none for a table of no list (the load tests' own tables). */
async function listOfTable(tx: postgres.TransactionSql, dataTable: string): Promise<ListAtLoad | undefined> {
  const [row] = await tx.unsafe<ListAtLoad[]>(`select id, revision, columns from lists where data_table = $1`, [
    dataTable,
  ]);
  return row;
}

/**
 * The record of the list's current revision, made when missing: revision 0 (the list as created, or
 * as it was before revisions were recorded) has none until its first load replaces it.
 */
async function ensureCurrentRevisionRecord(tx: postgres.TransactionSql, listId: string): Promise<void> {
  await tx.unsafe(
    `insert into revisions (list_id, revision, kind, created_by, created_by_email, created_at, record_count, counts, columns)
     select l.id, l.revision, 'created', l.created_by, coalesce(u.email, ''), l.created_at, l.record_count,
            jsonb_build_object('new', l.record_count, 'updated', 0, 'unchanged', 0, 'removed', 0), l.columns
       from lists l left join users u on u.id = l.created_by
      where l.id = $1
     on conflict (list_id, revision) do nothing`,
    [listId],
  );
}

async function noteKept(tx: postgres.TransactionSql, list: ListAtLoad, kept: string): Promise<void> {
  await ensureCurrentRevisionRecord(tx, list.id);
  await tx.unsafe(
    `update revisions set kept_table = $3, replaced_at = now(),
            kept_bytes = pg_total_relation_size(format('%I.%I', $4::text, $3::text)::regclass)
      where list_id = $1 and revision = $2`,
    [list.id, list.revision, kept, REVISION_SCHEMA],
  );
}

/**
 * In place of dropping a list's swapped-out table: keeps it as the current revision's contents
 * (moved, not copied), or drops it when no versions are kept. The caller holds the table's
 * ACCESS EXCLUSIVE lock, as a DROP would need.
 */
export async function retireListTable(tx: postgres.TransactionSql, dataTable: string): Promise<void> {
  const list = keepingRevisions() ? await listOfTable(tx, dataTable) : undefined;
  if (!list) {
    await tx.unsafe(`drop table ${quoteIdent(dataTable)}`);
    return;
  }
  const kept = keptTableName(dataTable, list.revision);
  // A kept table left by an earlier attempt at this revision (a crash after COMMIT cannot leave
  // one; a rolled-back load leaves none) would block the move.
  await tx.unsafe(`drop table if exists ${keptTableRef(kept)}`);
  await tx.unsafe(
    `alter table ${quoteIdent(dataTable)} rename constraint ${quoteIdent(`${dataTable}_pkey`)} to ${quoteIdent(`${kept}_pkey`)}`,
  );
  await tx.unsafe(`alter table ${quoteIdent(dataTable)} set schema ${quoteIdent(REVISION_SCHEMA)}`);
  await tx.unsafe(`alter table ${keptTableRef(dataTable)} rename to ${quoteIdent(kept)}`);
  await noteKept(tx, list, kept);
}

/**
 * Before a load changes the list's table in place: a copy of it, kept as the current revision's
 * contents. Costs a copy of the list (with its key index), which is why loads that can rewrite
 * the list do (see rewriteIsCheaper).
 */
export async function keepCopyOfListTable(tx: postgres.TransactionSql, dataTable: string): Promise<void> {
  if (!keepingRevisions()) return;
  const list = await listOfTable(tx, dataTable);
  if (!list) return;
  const kept = keptTableName(dataTable, list.revision);
  await tx.unsafe(`drop table if exists ${keptTableRef(kept)}`);
  await tx.unsafe(`create table ${keptTableRef(kept)} as table ${quoteIdent(dataTable)}`);
  await tx.unsafe(
    `alter table ${keptTableRef(kept)} add constraint ${quoteIdent(`${kept}_pkey`)} primary key (${keyList(list.columns)})`,
  );
  await noteKept(tx, list, kept);
}

export type RevisionEntry = {
  listId: string;
  kind: Exclude<RevisionKind, 'created'>;
  jobId?: string | null;
  fileName?: string | null;
  restoredRevision?: number;
  userId: string | null;
  email: string;
  counts: LoadCounts;
};

export function revisionCounts(counts: LoadCounts): RevisionCounts {
  return { new: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, removed: counts.deleted };
}

/**
 * Gives the list its next revision number and records the load, in the load's transaction (after
 * recordListLoad, so the record count is the new one); drops kept versions beyond
 * LIST_REVISIONS_KEPT. Returns the new revision number.
 */
export async function recordRevision(tx: postgres.TransactionSql, entry: RevisionEntry): Promise<number> {
  await ensureCurrentRevisionRecord(tx, entry.listId);
  const [list] = await tx.unsafe<{ revision: number; record_count: string; columns: ListColumn[] }[]>(
    `update lists set revision = revision + 1 where id = $1 returning revision, record_count, columns`,
    [entry.listId],
  );
  if (!list) throw new Error('The list vanished during its load');
  await tx.unsafe(
    `insert into revisions (list_id, revision, kind, job_id, restored_revision, file_name, created_by, created_by_email,
                            record_count, counts, columns)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb)`,
    [
      entry.listId,
      list.revision,
      entry.kind,
      entry.jobId ?? null,
      entry.restoredRevision ?? null,
      entry.fileName ?? null,
      entry.userId,
      entry.email,
      Number(list.record_count),
      JSON.stringify(revisionCounts(entry.counts)),
      JSON.stringify(list.columns),
    ],
  );
  await dropKeptBeyondLimit(tx, entry.listId, list.revision);
  return list.revision;
}

async function dropKeptBeyondLimit(tx: postgres.TransactionSql, listId: string, current: number): Promise<void> {
  const oldest = current - env().LIST_REVISIONS_KEPT;
  const stale = await tx.unsafe<{ revision: number; kept_table: string }[]>(
    `select revision, kept_table from revisions where list_id = $1 and kept_table is not null and revision < $2`,
    [listId, oldest],
  );
  for (const row of stale) await dropKept(tx, listId, row.revision, row.kept_table);
}

async function dropKept(tx: postgres.TransactionSql, listId: string, revision: number, keptTable: string) {
  await tx.unsafe(`drop table if exists ${keptTableRef(keptTable)}`);
  await tx.unsafe(`update revisions set kept_table = null, kept_bytes = null where list_id = $1 and revision = $2`, [
    listId,
    revision,
  ]);
}

/**
 * The retention sweep (run by the job worker): drops kept versions replaced more than
 * LIST_REVISIONS_MAX_DAYS ago, and those beyond LIST_REVISIONS_KEPT (after the setting was
 * lowered). Each in its own short transaction that gives up on a table being read, for the next sweep.
 */
export async function dropExpiredRevisions(): Promise<number> {
  const sql = getSql();
  const { LIST_REVISIONS_KEPT: kept, LIST_REVISIONS_MAX_DAYS: days } = env();
  const expired = await sql.unsafe<{ list_id: string; revision: number; kept_table: string }[]>(
    `select r.list_id, r.revision, r.kept_table from revisions r join lists l on l.id = r.list_id
      where r.kept_table is not null
        and (r.replaced_at < now() - make_interval(secs => $1 * 86400) or r.revision < l.revision - $2)`,
    [days, kept],
  );
  let dropped = 0;
  for (const row of expired) {
    try {
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local lock_timeout = '2s'`);
        await dropKept(tx, row.list_id, row.revision, row.kept_table);
      });
      dropped++;
    } catch (error) {
      console.warn(`[revisions] could not drop ${row.kept_table} yet:`, error instanceof Error ? error.message : error);
    }
  }
  return dropped;
}

export type RevisionRow = ListRevision;

/**
 * A revision with its job's files: the file the person chose when the import wizard loaded a CSV
 * made from it (the revision's fileName is the loaded file's, as the job's is), and whether the
 * loaded file is still kept.
 */
export type RevisionWithFiles = ListRevision & { originalFileName: string | null; jobFileKept: boolean };

/** A page of a list's revisions, newest first, and their number; revision 0 included once replaced. */
export async function findRevisions(
  listId: string,
  paging: { start: number; limit: number },
): Promise<{ items: RevisionWithFiles[]; count: number; keptBytes: number }> {
  const sql = getSql();
  const [rows, [total]] = await Promise.all([
    sql.unsafe<(RawRevision & { original_file_name: string | null; job_file_kept: boolean | null })[]>(
      `select r.*, j.original_file_name, j.file_path is not null as job_file_kept
         from revisions r left join jobs j on j.id = r.job_id
        where r.list_id = $1 order by r.revision desc offset $2 limit $3`,
      [listId, paging.start, paging.limit],
    ),
    sql.unsafe<{ n: string; bytes: string | null }[]>(
      `select count(*) as n, sum(kept_bytes) as bytes from revisions where list_id = $1`,
      [listId],
    ),
  ]);
  const items = rows.map((row) => ({
    ...fromRaw(row),
    originalFileName: row.original_file_name,
    jobFileKept: Boolean(row.job_file_kept),
  }));
  return { items, count: Number(total?.n ?? 0), keptBytes: Number(total?.bytes ?? 0) };
}

export async function getRevision(listId: string, revision: number): Promise<ListRevision | undefined> {
  const [row] = await getSql().unsafe<RawRevision[]>(`select * from revisions where list_id = $1 and revision = $2`, [
    listId,
    revision,
  ]);
  return row && fromRaw(row);
}

/** The revision a job made, if it completed. */
export async function getRevisionOfJob(jobId: string): Promise<ListRevision | undefined> {
  const [row] = await getSql().unsafe<RawRevision[]>(`select * from revisions where job_id = $1`, [jobId]);
  return row && fromRaw(row);
}

/** Bytes the kept versions take, per list (for the list page) or for all lists (admin page). */
export async function keptRevisionBytes(listId?: string): Promise<{ bytes: number; versions: number }> {
  const [row] = await getSql().unsafe<{ bytes: string | null; versions: string }[]>(
    `select sum(kept_bytes) as bytes, count(kept_table) as versions from revisions ${listId ? 'where list_id = $1' : ''}`,
    listId ? [listId] : [],
  );
  return { bytes: Number(row?.bytes ?? 0), versions: Number(row?.versions ?? 0) };
}

type RawRevision = {
  list_id: string;
  revision: number;
  kind: RevisionKind;
  job_id: string | null;
  restored_revision: number | null;
  file_name: string | null;
  created_by: string | null;
  created_by_email: string;
  // drizzle's driver makes the shared client return timestamps as text.
  created_at: Date | string;
  record_count: string;
  counts: RevisionCounts;
  columns: ListColumn[];
  kept_table: string | null;
  kept_bytes: string | null;
  replaced_at: Date | string | null;
};

function fromRaw(row: RawRevision): ListRevision {
  return {
    listId: row.list_id,
    revision: row.revision,
    kind: row.kind,
    jobId: row.job_id,
    restoredRevision: row.restored_revision,
    fileName: row.file_name,
    createdBy: row.created_by,
    createdByEmail: row.created_by_email,
    createdAt: new Date(row.created_at),
    recordCount: Number(row.record_count),
    counts: row.counts,
    columns: row.columns,
    keptTable: row.kept_table,
    keptBytes: row.kept_bytes === null ? null : Number(row.kept_bytes),
    replacedAt: row.replaced_at === null ? null : new Date(row.replaced_at),
  };
}

/** Storage of kept versions per list of a workspace, largest first (the admin page). */
export async function keptRevisionBytesByList(
  workspaceId: string,
  limit = 20,
): Promise<{ listId: string; name: string; bytes: number; versions: number }[]> {
  const rows = await getSql().unsafe<{ id: string; name: string; bytes: string; versions: string }[]>(
    `select l.id, l.name, sum(r.kept_bytes) as bytes, count(r.kept_table) as versions
       from revisions r join lists l on l.id = r.list_id
      where l.workspace_id = $1 and r.kept_table is not null
      group by l.id, l.name order by sum(r.kept_bytes) desc limit $2`,
    [workspaceId, limit],
  );
  return rows.map((r) => ({ listId: r.id, name: r.name, bytes: Number(r.bytes), versions: Number(r.versions) }));
}
