import { createJob } from '@/db/queries/jobs/create-job';
import type { Job, NewJob } from '@/db/schema';
import { ApiError } from '@/lib/errors';

import { jobConflict } from './conflict';

/**
 * Creates a job under its list's lock (one pending or running job a list), or throws the 409 that
 * names the job holding the list (404 when the list was deleted meanwhile).
 */
export async function createJobOrConflict(values: NewJob): Promise<Job> {
  const created = await createJob(values);
  if ('listGone' in created) throw ApiError.notFound('The list');
  if ('lockedBy' in created) throw jobConflict(created.lockedBy);
  return created.job;
}
