import type postgres from 'postgres';

import { completeJobInTransaction } from '@/db/queries/jobs/job-lifecycle';
import { recordListLoad } from '@/db/queries/list-contents';
import type { LoadCounts } from '@/db/queries/list-load/load-counts';
import { recordRevision, type RevisionEntry } from '@/db/queries/revisions';
import type { JobResults } from '@/db/schema';

import { stopBecauseNotCompleted } from './job-cancelled';
import type { JobRun } from './job-run';

/** What a runner's load did, and what its job reports of it. */
export type CompletedLoad = {
  counts: LoadCounts;
  /** The records the load went through (read from the file, copied from a revision, removed): the job's rowsProcessed. */
  rows: number;
  /** What the new revision records besides who, when and the counts: its kind, and the file or revision it came from. */
  revision: Pick<RevisionEntry, 'kind' | 'fileName' | 'restoredRevision'>;
  /** The job's results besides the list's new record count and the revision made, which this adds. */
  results: Omit<JobResults, 'recordCount' | 'revision'>;
  /** The log line that commits with the load, given the revision it made. */
  summary: (revision: number) => string;
};

/**
 * Ends a successful load in its own transaction, so that the list's new count, its revision, the job
 * "completed" and the summary line commit with the data, or none does. The one commit path of every
 * job kind (imports, custom imports, purges, restores).
 */
export async function completeLoad(tx: postgres.TransactionSql, run: JobRun, load: CompletedLoad): Promise<void> {
  const { job, list } = run;
  await run.heartbeat.check(load.rows);
  // The summary line commits with the load: every line before it must be written first.
  await run.log.flushed();
  const recordCount = await recordListLoad(tx, list.id, load.counts.inserted - load.counts.deleted, job.createdBy);
  const revision = await recordRevision(tx, {
    ...load.revision,
    listId: list.id,
    jobId: job.id,
    userId: job.createdBy,
    email: job.createdByEmail,
    counts: load.counts,
  });
  const results = { recordCount, ...load.results, revision };
  const completed = await completeJobInTransaction(tx, job.id, results, load.rows, load.summary(revision));
  // Reaped as stale or cancelled meanwhile: roll everything back rather than contradict the job's state.
  if (!completed) await stopBecauseNotCompleted(job.id);
}
