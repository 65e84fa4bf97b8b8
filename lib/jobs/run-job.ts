import { claimJob, finishJob } from '@/db/queries/jobs/job-lifecycle';
import { getListById } from '@/db/queries/lists';
import type { JobKind } from '@/db/schema';
import { isKeyTooLongToIndex, KEY_TOO_LONG } from '@/lib/lists/key-too-long';

import { failJob } from './fail-job';
import { startHeartbeat } from './heartbeat';
import { JobCancelled } from './job-cancelled';
import { jobError } from './job-error';
import type { JobRun } from './job-run';
import { JobLogWriter } from './log-writer';
import { runCustomImportJob } from './run-custom-import';
import { runImport } from './run-import';
import { runPurge } from './run-purge';
import { runRestore } from './run-restore';

/** The runner of each kind of job: it loads, or fails the job through failJob; the dispatcher does the rest. */
const RUNNERS: Record<JobKind, (run: JobRun) => Promise<void>> = {
  import: runImport,
  custom: runCustomImportJob,
  purge: runPurge,
  restore: runRestore,
};

/**
 * Runs one job to a terminal state: claims it, keeps its heartbeat, hands it to the runner of its
 * kind, and ends it when the runner is stopped (cancelled, ended elsewhere) or fails unexpectedly.
 * Safe to call for a job another process already took: it does nothing.
 */
export async function runJob(jobId: string): Promise<void> {
  const job = await claimJob(jobId);
  if (!job) return;
  const heartbeat = startHeartbeat(job.id);
  const log = new JobLogWriter(job.id);
  try {
    const list = job.listId ? await getListById(job.listId) : undefined;
    if (!list) {
      await failJob(job, [
        jobError('The list of this job no longer exists.', 'Create the list again, then import.', 'notFound'),
      ]);
      return;
    }
    await log.write('INFO', `Job started on list "${list.name}".`);
    await RUNNERS[job.kind]({ job, list, heartbeat, log });
  } catch (caught) {
    // A load stopped mid-statement fails with what its ended session said: the stop is the reason.
    const error = heartbeat.stopped.aborted && !(caught instanceof JobCancelled) ? heartbeat.stopped.reason : caught;
    if (error instanceof JobCancelled && error.reason === 'no-longer-running') {
      // Failed by a stale-job sweep while this process was stalled: that outcome stands.
      await log.write('WARN', 'Stopped: the job had been marked failed meanwhile. Nothing was loaded.');
    } else if (error instanceof JobCancelled) {
      // The log line first: whoever sees the job cancelled finds the line that says so.
      await log.write('WARN', 'Cancelled on request. Nothing was loaded; the list is as it was before.');
      await finishJob(job.id, { state: 'cancelled', rowsProcessed: heartbeat.rows });
    } else if (sessionLost(error)) {
      console.error(`[jobs] job ${job.id} lost its database session:`, error);
      await log.write('ERROR', 'The database ended the connection the load ran on.').catch(() => {});
      await failJob(job, [
        jobError(
          'The connection to the database was lost during the load (the database restarted, or its administrator ended the session). Nothing was loaded; the list is as it was before.',
          'Start the import again. If it keeps happening, tell your administrator.',
          'unavailable',
        ),
      ]).catch(() => {});
    } else if (isKeyTooLongToIndex(error)) {
      await log.write('ERROR', KEY_TOO_LONG.message).catch(() => {});
      await failJob(job, [jobError(KEY_TOO_LONG.message, KEY_TOO_LONG.remediation, 'validation')]).catch(() => {});
    } else {
      console.error(`[jobs] job ${job.id} failed unexpectedly:`, error);
      await log
        .write('ERROR', `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`)
        .catch(() => {});
      await failJob(job, [
        jobError(
          'The job stopped because of an unexpected error. Nothing was loaded; the list is as it was before.',
          'Try again. If it happens again, give your administrator the job id.',
          'internal',
        ),
      ]).catch(() => {});
    }
  } finally {
    heartbeat.stop();
  }
}

/**
 * The database ended the load's session: postgres.js reports the closed connection, or PostgreSQL
 * says it is terminating it (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
 */
function sessionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === 'CONNECTION_CLOSED' ||
    code === 'CONNECTION_ENDED' ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03'
  );
}
