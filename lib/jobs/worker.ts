import { failStaleJobs, findOldPendingJobs } from '@/db/queries/jobs/job-lifecycle';
import { dropExpiredRevisions } from '@/db/queries/revisions';
import { startWebhookDispatcher, stopWebhookDispatcher } from '@/lib/webhooks/dispatcher';

import { jobError } from './job-error';
import { enqueueJob, startQueueWorkers, stopQueue } from './queue';
import { runJob } from './run-job';

let sweeper: NodeJS.Timeout | undefined;

/**
 * Runs queued jobs in this process and sweeps for jobs orphaned by a process that died: running
 * jobs with a stale heartbeat are failed (their transaction was rolled back), pending jobs whose
 * message may have been lost are sent again. Every `sweepSeconds` (JOB_SWEEP_SECONDS, 10 s by default).
 */
export async function startJobWorker(concurrency: number, staleSeconds: number, sweepSeconds: number): Promise<void> {
  await sweep(staleSeconds);
  await startQueueWorkers(concurrency, runJob);
  // Webhook deliveries are sent by the same processes that run jobs.
  startWebhookDispatcher();
  sweeper = setInterval(() => void sweep(staleSeconds), sweepSeconds * 1000);
  sweeper.unref();
}

async function sweep(staleSeconds: number): Promise<void> {
  try {
    for (const job of await failStaleJobs(staleSeconds, workerStoppedError())) {
      console.warn(`[jobs] job ${job.id} was running in a process that stopped; marked failed (nothing was loaded).`);
    }
    for (const job of await findOldPendingJobs(staleSeconds)) await enqueueJob(job.id);
    // Kept list versions past LIST_REVISIONS_MAX_DAYS (or beyond LIST_REVISIONS_KEPT) are dropped.
    await dropExpiredRevisions();
  } catch (error) {
    console.error('[jobs] sweep failed:', error);
  }
}

export async function stopJobWorker(): Promise<void> {
  if (sweeper) clearInterval(sweeper);
  stopWebhookDispatcher();
  await stopQueue();
}

function workerStoppedError() {
  return jobError(
    'The server process running this job stopped before it finished. Nothing was loaded; the list is as it was before.',
    'Start the import again.',
    'workerStopped',
  );
}
