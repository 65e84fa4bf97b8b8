import { getDb } from '../../client';
import { jobs, type Job, type NewJob } from '../../schema';
import { FOREIGN_KEY_VIOLATION, pgConstraintName, pgErrorCode, UNIQUE_VIOLATION } from '../pg-errors';
import { getActiveJobForList } from './job-reads';

/**
 * Creates a job, taking the list's job lock. The lock is the partial unique index on active jobs, so
 * of any number of simultaneous requests exactly one succeeds; the others get the job holding it.
 * A list deleted meanwhile is reported as gone.
 */
export async function createJob(
  values: NewJob,
): Promise<{ job: Job } | { lockedBy: Job | undefined } | { listGone: true }> {
  try {
    const [job] = await getDb().insert(jobs).values(values).returning();
    if (!job) throw new Error('Job insert returned nothing');
    return { job };
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && values.listId) {
      return { lockedBy: await getActiveJobForList(values.listId) };
    }
    // The list was deleted after the caller loaded it (while its upload arrived, say).
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION && pgConstraintName(error) === 'jobs_list_id_lists_id_fk') {
      return { listGone: true };
    }
    throw error;
  }
}
