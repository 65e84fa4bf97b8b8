import { finishJob } from '@/db/queries/jobs/job-lifecycle';
import type { Job, JobError } from '@/db/schema';

export type FailJobOptions = {
  rowsRead?: number;
  duplicateOfJobId?: string;
  rowsLeftOut?: number;
  /** Checking stopped at the error threshold: the errors are the first ones, not all of them. */
  stoppedAtErrorThreshold?: boolean;
};

/**
 * Ends a job as failed with its errors; nothing of it was loaded, so its results say so. The one
 * fail path of the job runners (imports, custom imports, restores and the dispatcher's own errors).
 */
export async function failJob(
  job: Pick<Job, 'id'>,
  errors: JobError[],
  { rowsRead = 0, duplicateOfJobId, rowsLeftOut, stoppedAtErrorThreshold }: FailJobOptions = {},
): Promise<void> {
  await finishJob(job.id, {
    state: 'failed',
    errors,
    rowsProcessed: rowsRead,
    results: {
      recordCount: 0,
      rowsRead,
      ...(rowsLeftOut && { rowsLeftOut }),
      ...(duplicateOfJobId && { duplicateOfJobId }),
      ...(stoppedAtErrorThreshold && { stoppedAtErrorThreshold }),
    },
  });
}
