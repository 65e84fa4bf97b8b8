/**
 * A job's way from pending to its end: claimed by one runner, kept alive by its heartbeat, ended
 * (completed in the load's transaction, failed, cancelled), or reaped when its process died.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type postgres from 'postgres';

import { getDb, getSql } from '../../client';
import { jobs, type Job, type JobError, type JobResults, type JobState } from '../../schema';
import { storeJobErrors } from '../job-errors';
import { queueJobEndedDeliveries } from '../webhooks';
import { getJobById } from './job-reads';

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

/**
 * Cancels a pending job at once; asks a running one to stop (its runner rolls back and ends it
 * cancelled). `requested` says whether this call did either: a job that had ended is left as it is.
 */
export async function requestCancel(id: string): Promise<{ job: Job | undefined; requested: boolean }> {
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
    return { job: pending, requested: true };
  }
  const [running] = await db
    .update(jobs)
    .set({ cancelRequestedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.state, 'running')))
    .returning();
  if (!running) return { job: await getJobById(id), requested: false };
  // Its runner hears this at once (see lib/jobs/heartbeat.ts); without it, on its next beat.
  await getSql()
    .notify(JOB_CANCEL_CHANNEL, id)
    .catch((error) => console.error(`[jobs] could not announce the cancel request of job ${id}:`, error));
  return { job: running, requested: true };
}

/** Where a cancel request of a running job is announced, with the job's id. */
export const JOB_CANCEL_CHANNEL = 'listport_job_cancel';

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
