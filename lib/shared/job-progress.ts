/**
 * How far a running job is, written by its worker at most every half second (see
 * lib/jobs/progress.ts). `percent` and `secondsLeft` are null while the step gives no measure.
 */
export type JobProgress = {
  /** A stable code for the step: waiting, starting, checking, rechecking, keys, building, merging, removing, script. */
  phase: string;
  /** The step in plain words, e.g. "Checking the file". */
  description: string;
  /** What `done` and `total` count. */
  unit: 'bytes' | 'records' | null;
  done: number;
  total: number | null;
  percent: number | null;
  secondsLeft: number | null;
};

export type IndexBuildProgress = {
  phase: string;
  blocksTotal: number;
  blocksDone: number;
  tuplesTotal: number;
  tuplesDone: number;
};

export type ProgressStore = {
  write: (jobId: string, progress: JobProgress) => Promise<void>;
  /** PostgreSQL's own progress of an index being built by the given backend, if one is. */
  readIndexBuild: (backendPid: number) => Promise<IndexBuildProgress | undefined>;
};
