import type { Job } from '@/db/schema';
import { ApiError, ERROR_CODES } from '@/lib/errors';

import { jobPath } from './resource';

/** The 409 for a busy list: says which job holds it and where to follow it. */
export function jobConflict(active: Job): ApiError {
  return ApiError.conflict(
    ERROR_CODES.jobRunning,
    `Another ${active.kind} job (${active.id}) is ${active.state} on this list; only one import or purge runs on a list at a time.`,
    'Wait until that job has finished (or cancel it), then try again.',
    [`activeJobId: ${active.id}`, `activeJob: ${jobPath(active)}`, `activeJobState: ${active.state}`],
  );
}
