/**
 * Thrown inside a running job to stop it: its transaction rolls back and it ends cancelled — on a
 * user's request, or because the job is no longer ours to run (the stale-job sweeper of another
 * process marked it failed while this one was stalled).
 */
import { getJobById } from '@/db/queries/jobs/job-reads';

export class JobCancelled extends Error {
  constructor(readonly reason: 'requested' | 'no-longer-running' = 'requested') {
    super(reason === 'requested' ? 'Cancelled on request' : 'The job was ended elsewhere');
  }
}

/**
 * The load could not mark its job completed (the job left "running" meanwhile): stop, and roll the
 * load back, as a cancellation when one was asked for, else as the end another process gave the job.
 * Called by completeLoad (complete-load.ts), the one commit path of every job kind.
 */
export async function stopBecauseNotCompleted(jobId: string): Promise<never> {
  const job = await getJobById(jobId);
  throw new JobCancelled(job?.state === 'running' || job?.state === 'cancelled' ? 'requested' : 'no-longer-running');
}
