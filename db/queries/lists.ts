import { and, asc, count, desc, eq, ilike, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';

import { isUuid } from '@/lib/shared/ids';
import type { ListColumn } from '@/lib/shared/list-column';

import { getDb } from '../client';
import { jobs, listRevisions, lists, type List } from '../schema';
import { detachListFiles } from './job-files';
import { IS_SUPERUSER, ListBusy, lockTablesInAttempts } from './list-load/lock-in-attempts';
import { successorName } from './list-load/successor';
import { pgErrorCode, UNIQUE_VIOLATION } from './pg-errors';
import { keptTableRef, REVISION_SCHEMA } from './revisions';
import { columnDefinitions, dataTableName, keyList, quoteIdent } from './sql-names';

export type ListSort = 'name' | 'creationTimeStamp' | 'modifiedTimeStamp' | 'recordCount';

const SORT_COLUMNS = {
  name: lists.name,
  creationTimeStamp: lists.createdAt,
  modifiedTimeStamp: lists.modifiedAt,
  recordCount: lists.recordCount,
} as const;

export type ListFilter = { nameEquals?: string; nameContains?: string; nameStartsWith?: string; nameEndsWith?: string };

export async function findLists(
  workspaceIds: string[],
  filter: ListFilter,
  sort: { by: ListSort; descending: boolean },
  paging: { start: number; limit: number },
): Promise<{ items: List[]; count: number }> {
  if (workspaceIds.length === 0) return { items: [], count: 0 };
  const conditions: SQL[] = [inArray(lists.workspaceId, workspaceIds)];
  if (filter.nameEquals !== undefined) conditions.push(eq(lists.name, filter.nameEquals));
  if (filter.nameContains !== undefined) conditions.push(ilike(lists.name, `%${escapeLike(filter.nameContains)}%`));
  if (filter.nameStartsWith !== undefined) conditions.push(ilike(lists.name, `${escapeLike(filter.nameStartsWith)}%`));
  if (filter.nameEndsWith !== undefined) conditions.push(ilike(lists.name, `%${escapeLike(filter.nameEndsWith)}`));
  const where = and(...conditions);
  const column = SORT_COLUMNS[sort.by];
  const db = getDb();
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(lists)
      .where(where)
      .orderBy(sort.descending ? desc(column) : asc(column), asc(lists.id))
      .offset(paging.start)
      .limit(paging.limit),
    db.select({ n: count() }).from(lists).where(where),
  ]);
  return { items, count: total?.n ?? 0 };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getListById(id: string): Promise<List | undefined> {
  if (!isUuid(id)) return undefined;
  const [list] = await getDb().select().from(lists).where(eq(lists.id, id));
  return list;
}

/** Creates the list and its contents table in one transaction; undefined when the name is taken. */
export async function createList(input: {
  workspaceId: string;
  name: string;
  description: string;
  label: string;
  state: 'developing' | 'deployed';
  isImmutable: boolean;
  columns: ListColumn[];
  createdBy: string;
}): Promise<List | undefined> {
  return getDb().transaction(async (tx) => {
    const id = crypto.randomUUID();
    const table = dataTableName(id);
    const [list] = await tx
      .insert(lists)
      .values({ ...input, id, dataTable: table, modifiedBy: input.createdBy })
      .onConflictDoNothing()
      .returning();
    if (!list) return undefined;
    await tx.execute(
      sql.raw(
        `create table ${quoteIdent(table)} (${columnDefinitions(input.columns)}, primary key (${keyList(input.columns)}))`,
      ),
    );
    // Revision 0: the list as created, empty (the first load's "undo" restores it).
    await tx.execute(
      sql`insert into revisions (list_id, revision, kind, created_by, created_by_email, record_count, counts, columns)
          select l.id, 0, 'created', l.created_by, coalesce(u.email, ''), 0,
                 '{"new":0,"updated":0,"unchanged":0,"removed":0}'::jsonb, l.columns
            from lists l left join users u on u.id = l.created_by where l.id = ${id}`,
    );
    return list;
  });
}

export type ListChanges = Partial<Pick<List, 'name' | 'description' | 'label' | 'state' | 'isImmutable'>> & {
  columns?: ListColumn[];
};

/**
 * Applies changes; a change of columns rebuilds the (empty) contents table. The caller has checked
 * that the list has no contents; the row lock makes that check hold until commit.
 */
export async function updateList(
  list: List,
  changes: ListChanges,
  modifiedBy: string,
): Promise<List | 'name-taken' | 'has-contents' | 'job-running'> {
  try {
    return await getDb().transaction(async (tx) => {
      const [locked] = await tx.select().from(lists).where(eq(lists.id, list.id)).for('update');
      if (!locked) throw new Error('List vanished during update');
      if (changes.columns) {
        if (locked.recordCount > 0) return 'has-contents' as const;
        // Checked under the row lock: a job created meanwhile would load with the old columns.
        if (await hasActiveJob(tx, list.id)) return 'job-running' as const;
        const table = quoteIdent(locked.dataTable);
        await tx.execute(sql.raw(`drop table if exists ${table}`));
        await tx.execute(
          sql.raw(
            `create table ${table} (${columnDefinitions(changes.columns)}, primary key (${keyList(changes.columns)}))`,
          ),
        );
      }
      const [updated] = await tx
        .update(lists)
        .set({ ...changes, modifiedBy, modifiedAt: new Date(), version: sql`${lists.version} + 1` })
        .where(eq(lists.id, list.id))
        .returning();
      if (!updated) throw new Error('List vanished during update');
      return updated;
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) return 'name-taken';
    throw error;
  }
}

/** Whether a job holds the list's lock; under the list's row lock, no job can start meanwhile (jobs reference the row). */
async function hasActiveJob(
  tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0],
  listId: string,
): Promise<boolean> {
  const [active] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.listId, listId), inArray(jobs.state, ['pending', 'running'])));
  return active !== undefined;
}

/** How long a delete waits for the list's readers (an export, say) before it is refused as busy. */
const DELETE_WAIT_SECONDS = 10;

/**
 * Deletes a list unless a job holds its lock or readers hold its table for longer than
 * DELETE_WAIT_SECONDS; its job history stays (list_id becomes null) but not its jobs' stored files:
 * their paths are returned for the caller to remove after the commit.
 */
export async function deleteList(list: List): Promise<{ files: string[] } | 'job-running' | 'busy'> {
  try {
    return await getDb().transaction(async (tx) => {
      await tx.select({ id: lists.id }).from(lists).where(eq(lists.id, list.id)).for('update');
      if (await hasActiveJob(tx, list.id)) return 'job-running' as const;
      // Its kept versions go with it (their records in revisions go by the foreign key's cascade).
      const kept = await tx
        .select({ table: listRevisions.keptTable })
        .from(listRevisions)
        .where(and(eq(listRevisions.listId, list.id), isNotNull(listRevisions.keptTable)));
      const keptTables = kept.flatMap(({ table }) => (table ? [`${REVISION_SCHEMA}.${table}`] : []));
      // Waiting for the drop's lock in one go would queue every new reader of the list behind an
      // export for as long as it runs (and then fail them): wait in attempts of 2 s instead.
      const [superuser] = await tx.execute<{ superuser: boolean }>(sql.raw(IS_SUPERUSER));
      const existing: string[] = [];
      for (const name of [list.dataTable, ...keptTables]) {
        const [found] = await tx.execute<{ present: boolean }>(sql`select to_regclass(${name}) is not null as present`);
        if (found?.present) existing.push(name);
      }
      await lockTablesInAttempts(
        async (statements) => {
          await tx.transaction(async (sp) => {
            for (const statement of statements) await sp.execute(sql.raw(statement));
          });
        },
        {
          tables: existing,
          mode: 'access exclusive',
          waitSeconds: DELETE_WAIT_SECONDS,
          superuser: superuser?.superuser === true,
        },
      );
      const files = await detachListFiles(tx, list.id);
      await tx.execute(sql.raw(`drop table if exists ${quoteIdent(list.dataTable)}`));
      // A successor left by a worker killed during a large load (see rewriteSideBySide).
      await tx.execute(sql.raw(`drop table if exists ${quoteIdent(successorName(list.dataTable))}`));
      for (const { table } of kept) if (table) await tx.execute(sql.raw(`drop table if exists ${keptTableRef(table)}`));
      await tx.delete(lists).where(eq(lists.id, list.id));
      return { files };
    });
  } catch (error) {
    if (error instanceof ListBusy) return 'busy';
    throw error;
  }
}
