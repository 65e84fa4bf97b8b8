import type { Job, List } from '@/db/schema';

import type { Heartbeat } from './heartbeat';
import type { JobLogWriter } from './log-writer';

/** What the dispatcher (run-job.ts) hands the runner of a job's kind: the claimed job, its list, heartbeat and log. */
export type JobRun = { job: Job; list: List; heartbeat: Heartbeat; log: JobLogWriter };
