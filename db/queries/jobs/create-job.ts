import { getDb } from '../../client';
import { jobs, type Job, type NewJob } from '../../schema';
import { pgErrorCode, UNIQUE_VIOLATION } from '../pg-errors';
import { getActiveJobForList } from './job-reads';

/**
 * Creates a job, taking the list's job lock. The lock is the partial unique index on active jobs, so
 * of any number of simultaneous requests exactly one succeeds; the others get the job holding it.
 */
export async function createJob(values: NewJob): Promise<{ job: Job } | { lockedBy: Job | undefined }> {
  try {
    const [job] = await getDb().insert(jobs).values(values).returning();
    if (!job) throw new Error('Job insert returned nothing');
    return { job };
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && values.listId) {
      return { lockedBy: await getActiveJobForList(values.listId) };
    }
    throw error;
  }
}
