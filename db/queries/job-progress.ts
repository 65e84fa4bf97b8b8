import type { IndexBuildProgress, JobProgress, ProgressStore } from '@/lib/shared/job-progress';

import { getSql } from '../client';

/** Only a running job's progress is written: a late tick after the job ended changes nothing. */
async function writeJobProgress(jobId: string, progress: JobProgress): Promise<void> {
  await getSql().unsafe(`update jobs set progress = $2::jsonb where id = $1 and state = 'running'`, [
    jobId,
    JSON.stringify(progress),
  ]);
}

/** pg_stat_progress_create_index of one backend (an ALTER TABLE … ADD PRIMARY KEY reports there too). */
async function readIndexBuild(backendPid: number): Promise<IndexBuildProgress | undefined> {
  const [row] = await getSql().unsafe<
    { phase: string; blocks_total: string; blocks_done: string; tuples_total: string; tuples_done: string }[]
  >(
    `select phase, blocks_total, blocks_done, tuples_total, tuples_done
       from pg_stat_progress_create_index where pid = $1`,
    [backendPid],
  );
  return (
    row && {
      phase: row.phase,
      blocksTotal: Number(row.blocks_total),
      blocksDone: Number(row.blocks_done),
      tuplesTotal: Number(row.tuples_total),
      tuplesDone: Number(row.tuples_done),
    }
  );
}

export const jobProgressStore: ProgressStore = { write: writeJobProgress, readIndexBuild };
