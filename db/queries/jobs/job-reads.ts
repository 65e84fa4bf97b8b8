/** Named reads of jobs: one job, a page of them, and the questions the runners and pages ask. */
import { and, asc, count, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';

import { isUuid } from '@/lib/shared/ids';

import { getDb } from '../../client';
import { jobs, lists, type Job, type JobKind, type JobState } from '../../schema';

const ACTIVE_STATES: JobState[] = ['pending', 'running'];

export async function getActiveJobForList(listId: string): Promise<Job | undefined> {
  const [job] = await getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.listId, listId), inArray(jobs.state, ACTIVE_STATES)));
  return job;
}

/**
 * The other jobs of a job's workspace that are waiting or running: how many, and the newest of them
 * (the queue's fairness, lib/jobs/queue.ts).
 */
export async function workspaceJobsBeside(jobId: string): Promise<{ count: number; newestId: string | undefined }> {
  const [newest] = await getDb()
    .select({ id: jobs.id, count: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(jobs)
    .where(
      and(
        sql`${jobs.workspaceId} = (select mine.workspace_id from jobs mine where mine.id = ${jobId})`,
        inArray(jobs.state, ACTIVE_STATES),
        ne(jobs.id, jobId),
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(1);
  return { count: newest?.count ?? 0, newestId: newest?.id };
}

export async function getJobById(id: string): Promise<Job | undefined> {
  if (!isUuid(id)) return undefined;
  const [job] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  return job;
}

export async function getJobWithListName(id: string): Promise<(Job & { listName: string | null }) | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await getDb()
    .select({ job: jobs, listName: lists.name })
    .from(jobs)
    .leftJoin(lists, eq(lists.id, jobs.listId))
    .where(eq(jobs.id, id));
  return row && { ...row.job, listName: row.listName };
}

export type JobFilter = {
  workspaceIds: string[];
  listId?: string;
  kind?: JobKind | JobKind[];
  state?: JobState;
  createdBy?: string;
  from?: Date;
  to?: Date;
};

export async function findJobs(filter: JobFilter, paging: { start: number; limit: number }) {
  if (filter.workspaceIds.length === 0) return { items: [] as (Job & { listName: string | null })[], count: 0 };
  const conditions: SQL[] = [inArray(jobs.workspaceId, filter.workspaceIds)];
  if (filter.listId) conditions.push(eq(jobs.listId, filter.listId));
  if (filter.kind)
    conditions.push(Array.isArray(filter.kind) ? inArray(jobs.kind, filter.kind) : eq(jobs.kind, filter.kind));
  if (filter.state) conditions.push(eq(jobs.state, filter.state));
  if (filter.createdBy) conditions.push(eq(jobs.createdByEmail, filter.createdBy.toLowerCase()));
  if (filter.from) conditions.push(gte(jobs.createdAt, filter.from));
  if (filter.to) conditions.push(lte(jobs.createdAt, filter.to));
  const where = and(...conditions);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({ job: jobs, listName: lists.name })
      .from(jobs)
      .leftJoin(lists, eq(lists.id, jobs.listId))
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .offset(paging.start)
      .limit(paging.limit),
    db.select({ n: count() }).from(jobs).where(where),
  ]);
  return { items: rows.map((r) => ({ ...r.job, listName: r.listName })), count: total?.n ?? 0 };
}

/**
 * An earlier import that loaded the very same file into the same list, if any. One that failed or
 * was cancelled loaded nothing: naming it would tell the person the file is already in the list.
 */
export async function findEarlierImportWithSameFile(
  listId: string,
  sha256Sum: string,
  beforeJobId: string,
): Promise<{ id: string; createdAt: Date } | undefined> {
  const [row] = await getDb()
    .select({ id: jobs.id, createdAt: jobs.createdAt })
    .from(jobs)
    .where(
      and(
        eq(jobs.listId, listId),
        eq(jobs.sha256Sum, sha256Sum),
        ne(jobs.id, beforeJobId),
        eq(jobs.kind, 'import'),
        eq(jobs.state, 'completed'),
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  return row;
}

/** The newest import (or custom import) of each list: for the lists page. */
export async function latestImportsForLists(
  listIds: string[],
): Promise<Map<string, Pick<Job, 'id' | 'state' | 'createdAt'>>> {
  if (listIds.length === 0) return new Map();
  const rows = await getDb()
    .selectDistinctOn([jobs.listId], { listId: jobs.listId, id: jobs.id, state: jobs.state, createdAt: jobs.createdAt })
    .from(jobs)
    .where(and(inArray(jobs.listId, listIds), inArray(jobs.kind, ['import', 'custom'])))
    .orderBy(jobs.listId, desc(jobs.createdAt));
  return new Map(rows.map((r) => [r.listId!, { id: r.id, state: r.state, createdAt: r.createdAt }]));
}
