/**
 * What a running job's steps see of its heartbeat: the rows done so far (reported on the next beat)
 * and `check`, which throws JobCancelled once a cancel request or another end of the job is seen.
 */
export type Heartbeat = { rows: number; check: (rows: number) => Promise<void>; stop: () => void };
