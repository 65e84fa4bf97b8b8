import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';

import { isUuid } from '@/lib/shared/ids';

import { getDb } from '../client';
import {
  jobLogs,
  jobs,
  lists,
  type Job,
  type JobError,
  type JobKind,
  type JobResults,
  type JobState,
  type LogLevel,
  type NewJob,
} from '../schema';
import { storeJobErrors } from './job-errors';
import { pgErrorCode, UNIQUE_VIOLATION } from './pg-errors';
import { queueJobEndedDeliveries } from './webhooks';

export const ACTIVE_STATES: JobState[] = ['pending', 'running'];

/**
 * Creates a job, taking the list's job lock. The lock is the partial unique index on active jobs, so
 * of any number of simultaneous requests exactly one succeeds; the others get the job holding it.
 */
export async function createJob(values: NewJob): Promise<{ job: Job } | { lockedBy: Job | undefined }> {
  try {
    const [job] = await getDb().insert(jobs).values(values).returning();
    if (!job) throw new Error('Job insert returned nothing');
    return { job };
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && values.listId) {
      return { lockedBy: await getActiveJobForList(values.listId) };
    }
    throw error;
  }
}

export async function getActiveJobForList(listId: string): Promise<Job | undefined> {
  const [job] = await getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.listId, listId), inArray(jobs.state, ACTIVE_STATES)));
  return job;
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

/** An earlier import of the very same file into the same list, if any. */
export async function findEarlierImportWithSameFile(
  listId: string,
  sha256Sum: string,
  beforeJobId: string,
): Promise<string | undefined> {
  const [row] = await getDb()
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(eq(jobs.listId, listId), eq(jobs.sha256Sum, sha256Sum), ne(jobs.id, beforeJobId), eq(jobs.kind, 'import')),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  return row?.id;
}

/** Moves a pending job to running; only one process can win, so a job runs once. */
export async function claimJob(id: string): Promise<Job | undefined> {
  const now = new Date();
  const [job] = await getDb()
    .update(jobs)
    .set({ state: 'running', startedAt: now, heartbeatAt: now, version: sql`${jobs.version} + 1` })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'pending')))
    .returning();
  return job;
}

/** Refreshes the heartbeat and progress; tells the runner whether a cancel was requested. */
export async function heartbeatJob(
  id: string,
  rowsProcessed: number,
): Promise<{ cancelRequested: boolean; stillRunning: boolean }> {
  const [row] = await getDb()
    .update(jobs)
    .set({ heartbeatAt: new Date(), rowsProcessed })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning({ cancelRequestedAt: jobs.cancelRequestedAt });
  return { cancelRequested: Boolean(row?.cancelRequestedAt), stillRunning: Boolean(row) };
}

export type JobOutcome = {
  state: Extract<JobState, 'completed' | 'failed' | 'cancelled'>;
  results?: JobResults;
  /** Stored in job_errors; the job's totalErrors is their number. */
  errors?: JobError[];
  rowsProcessed?: number;
};

/** Ends a running job with its errors; returns false when it was no longer running (e.g. reaped as stale). */
export async function finishJob(id: string, outcome: JobOutcome): Promise<boolean> {
  const ended = await getDb().transaction(async (tx) => {
    const rows = await tx
      .update(jobs)
      .set({
        state: outcome.state,
        completedAt: new Date(),
        version: sql`${jobs.version} + 1`,
        ...(outcome.results && { results: outcome.results }),
        ...(outcome.errors && { totalErrors: outcome.errors.length }),
        ...(outcome.rowsProcessed !== undefined && { rowsProcessed: outcome.rowsProcessed }),
      })
      .where(and(eq(jobs.id, id), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    if (rows.length === 0) return false;
    if (outcome.errors) await storeJobErrors(tx, id, outcome.errors);
    return true;
  });
  if (ended) await announceJobEnded(id);
  return ended;
}

/**
 * Queues the webhook events of a job ended outside a load's transaction. After the end committed: a
 * failure here is logged, never turned into a failure of the job.
 */
async function announceJobEnded(id: string): Promise<void> {
  await queueJobEndedDeliveries(id).catch((error) =>
    console.error(`[webhooks] could not queue the events of job ${id}:`, error),
  );
}

/**
 * Completes a running job inside the load's own transaction, so "completed" commits together with
 * the data — or neither does. The log line saying what was loaded commits with them: whoever sees
 * the job completed also finds that line in its log. Both carry the time they are written
 * (clock_timestamp(), a moment before COMMIT), not the transaction's start (now()), which for a
 * big load is seconds earlier than the lines it logged meanwhile.
 */
export async function completeJobInTransaction(
  tx: postgres.TransactionSql,
  id: string,
  results: JobResults,
  rowsProcessed: number,
  summary: string,
): Promise<boolean> {
  const rows = await tx.unsafe(
    `update jobs set state = 'completed', completed_at = clock_timestamp(), version = version + 1, results = $2::jsonb, rows_processed = $3
      where id = $1 and state = 'running' and cancel_requested_at is null returning id`,
    [id, JSON.stringify(results), rowsProcessed],
  );
  if (rows.length === 0) return false;
  await tx.unsafe(`insert into job_logs (job_id, level, message) values ($1, 'INFO', $2)`, [id, summary]);
  // The webhook events commit with the data and the job's end, or not at all.
  await queueJobEndedDeliveries(id, tx);
  return true;
}

/** Cancels a pending job at once; asks a running one to stop (its runner rolls back and ends it cancelled). */
export async function requestCancel(id: string): Promise<Job | undefined> {
  const db = getDb();
  const [pending] = await db
    .update(jobs)
    .set({
      state: 'cancelled',
      cancelRequestedAt: new Date(),
      completedAt: new Date(),
      version: sql`${jobs.version} + 1`,
    })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'pending')))
    .returning();
  if (pending) {
    await announceJobEnded(pending.id);
    return pending;
  }
  const [running] = await db
    .update(jobs)
    .set({ cancelRequestedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning();
  return running ?? (await getJobById(id));
}

/**
 * A running job whose process stopped heartbeating died with it; its transaction was rolled back
 * by PostgreSQL, so the truthful end is failed, with nothing loaded — with the caller's `error`.
 */
export async function failStaleJobs(staleSeconds: number, error: JobError): Promise<Job[]> {
  const cutoff = new Date(Date.now() - staleSeconds * 1000);
  const reaped = await getDb().transaction(async (tx) => {
    const failed = await tx
      .update(jobs)
      .set({ state: 'failed', completedAt: new Date(), totalErrors: 1, version: sql`${jobs.version} + 1` })
      .where(and(eq(jobs.state, 'running'), lt(jobs.heartbeatAt, cutoff)))
      .returning();
    for (const job of failed) await storeJobErrors(tx, job.id, [{ ...error, id: crypto.randomUUID() }]);
    return failed;
  });
  for (const job of reaped) await announceJobEnded(job.id);
  return reaped;
}

/** Pending jobs old enough that their queue message may have been lost (the process died between insert and send). */
export async function findOldPendingJobs(olderThanSeconds: number): Promise<Pick<Job, 'id' | 'kind'>[]> {
  return getDb()
    .select({ id: jobs.id, kind: jobs.kind })
    .from(jobs)
    .where(and(eq(jobs.state, 'pending'), lt(jobs.createdAt, new Date(Date.now() - olderThanSeconds * 1000))))
    .limit(100);
}

/** A log line is kept up to this length (a script may log a whole record, or a stack trace). */
export const MAX_LOG_LINE_CHARS = 4_000;

export async function addJobLog(jobId: string, level: LogLevel, message: string): Promise<void> {
  const line = message.length > MAX_LOG_LINE_CHARS ? `${message.slice(0, MAX_LOG_LINE_CHARS)}…` : message;
  await getDb().insert(jobLogs).values({ jobId, level, message: line });
}

export async function getJobLogs(jobId: string, afterId: number, limit = 500) {
  return getDb()
    .select()
    .from(jobLogs)
    .where(and(eq(jobLogs.jobId, jobId), gt(jobLogs.id, afterId)))
    .orderBy(asc(jobLogs.id))
    .limit(limit);
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
