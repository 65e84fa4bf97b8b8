import { getSql } from '@/db/client';
import { heartbeatJob, JOB_CANCEL_CHANNEL } from '@/db/queries/jobs/job-lifecycle';
import { env } from '@/lib/env';

import { JobCancelled } from './job-cancelled';

/**
 * Every 5 s, and at least four times within JOB_STALE_SECONDS: a beat delayed by a busy process or
 * database must not make a live job look dead. (With beats every 5 s and a stale limit of 6 s, one
 * beat late by a second failed a running job as stopped.)
 */
function heartbeatMs(): number {
  return Math.min(5_000, (env().JOB_STALE_SECONDS * 1000) / 4);
}

/**
 * What a running job's steps see of its heartbeat: the rows done so far (reported on the next beat),
 * `check`, which throws JobCancelled once a cancel request or another end of the job is seen, and
 * `stopped`, aborted at that moment with the same JobCancelled as its reason — for work that runs
 * no check while it lasts, such as one long statement (see endsWithTheJob).
 */
export type Heartbeat = {
  rows: number;
  check: (rows: number) => Promise<void>;
  stopped: AbortSignal;
  stop: () => void;
};

/**
 * Keeps the job visibly alive and picks up cancel requests: on every beat, and at once when one is
 * announced (requestCancel notifies), so that Cancel stops a load within a moment.
 */
export function startHeartbeat(jobId: string): Heartbeat {
  const stopping = new AbortController();
  const state: Heartbeat = {
    rows: 0,
    async check(rows: number) {
      state.rows = rows;
      if (stopping.signal.aborted) throw stopping.signal.reason;
    },
    stopped: stopping.signal,
    stop: () => {
      clearInterval(timer);
      void listening.then((listener) => listener?.unlisten()).catch(() => {});
    },
  };
  const beat = () =>
    heartbeatJob(jobId, state.rows)
      .then((result) => {
        const reason = !result.stillRunning ? 'no-longer-running' : result.cancelRequested ? 'requested' : undefined;
        if (reason && !stopping.signal.aborted) stopping.abort(new JobCancelled(reason));
      })
      .catch((error) => console.error(`[jobs] heartbeat for ${jobId} failed:`, error));
  const timer = setInterval(() => void beat(), heartbeatMs());
  const listening = getSql()
    .listen(JOB_CANCEL_CHANNEL, (announced) => {
      if (announced === jobId) void beat();
    })
    .catch((error) => {
      console.error(`[jobs] cannot hear cancel requests at once (picked up on each heartbeat):`, error);
      return undefined;
    });
  return state;
}
