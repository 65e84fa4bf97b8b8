/**
 * Thrown inside a running job to stop it: its transaction rolls back and it ends cancelled — on a
 * user's request, or because the job is no longer ours to run (the stale-job sweeper of another
 * process marked it failed while this one was stalled).
 */
export class JobCancelled extends Error {
  constructor(readonly reason: 'requested' | 'no-longer-running' = 'requested') {
    super(reason === 'requested' ? 'Cancelled on request' : 'The job was ended elsewhere');
  }
}
