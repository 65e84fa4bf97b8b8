import { getActiveJobForList } from '@/db/queries/jobs/job-reads';
import type { Job, List } from '@/db/schema';
import { ApiError, ERROR_CODES } from '@/lib/errors';

import { jobPath } from './resource';

const KIND_WORDS: Record<Job['kind'], string> = {
  import: 'An import',
  custom: 'A custom import',
  purge: 'A purge',
  restore: 'A restore',
};

/**
 * The 409 for a busy list (given the job found holding it, if still there): says in words what holds it (the job's id and link are in `details`,
 * for scripts and for the page's "See the job that is running" link).
 */
export function jobConflict(active: Job | undefined): ApiError {
  // The job that held the list may have ended between the refused write and the lookup.
  if (!active)
    return ApiError.conflict(
      ERROR_CODES.jobRunning,
      'Another job started on this list.',
      'Try again when it has finished.',
    );
  const what =
    active.kind === 'import' && active.fileName ? `An import of ${active.fileName}` : KIND_WORDS[active.kind];
  return ApiError.conflict(
    ERROR_CODES.jobRunning,
    `${what}, started by ${active.createdByEmail}, is ${active.state === 'pending' ? 'waiting to run' : 'running'} on this list; only one import or purge runs on a list at a time.`,
    'Wait until that job has finished (or cancel it), then try again.',
    [`activeJobId: ${active.id}`, `activeJob: ${jobPath(active)}`, `activeJobState: ${active.state}`],
  );
}

/** The 409 for a write the list's lock refused ('job-running'): names the job holding the list. */
export async function runningJobConflict(list: Pick<List, 'id'>): Promise<ApiError> {
  return jobConflict(await getActiveJobForList(list.id));
}

/**
 * Refuses early, before any work, while a job holds the list. Only a check: the write that follows
 * still takes the list's lock and may be refused (then `runningJobConflict`).
 */
export async function throwIfJobRunning(list: Pick<List, 'id'>): Promise<void> {
  const active = await getActiveJobForList(list.id);
  if (active) throw jobConflict(active);
}
