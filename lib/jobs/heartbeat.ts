import { heartbeatJob } from '@/db/queries/jobs/job-lifecycle';

import { JobCancelled } from './job-cancelled';

const HEARTBEAT_MS = 5_000;

/**
 * What a running job's steps see of its heartbeat: the rows done so far (reported on the next beat)
 * and `check`, which throws JobCancelled once a cancel request or another end of the job is seen.
 */
export type Heartbeat = { rows: number; check: (rows: number) => Promise<void>; stop: () => void };

/** Keeps the job visibly alive and picks up cancel requests between batches. */
export function startHeartbeat(jobId: string): Heartbeat {
  let stopReason: JobCancelled['reason'] | undefined;
  const state: Heartbeat = {
    rows: 0,
    async check(rows: number) {
      state.rows = rows;
      if (stopReason) throw new JobCancelled(stopReason);
    },
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    heartbeatJob(jobId, state.rows)
      .then((result) => {
        stopReason = !result.stillRunning ? 'no-longer-running' : result.cancelRequested ? 'requested' : undefined;
      })
      .catch((error) => console.error(`[jobs] heartbeat for ${jobId} failed:`, error));
  }, HEARTBEAT_MS);
  return state;
}
