import { getActiveJobForList } from '@/db/queries/jobs/job-reads';
import type { ColumnChangeRefusal } from '@/db/queries/list-columns';
import type { List } from '@/db/schema';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { jobConflict } from '@/lib/jobs/conflict';

import type { ColumnProblem } from '../column-changes';

/** The 400 for a column change the column cannot take (a name in use, a bad default…). */
export function columnProblemError(problem: ColumnProblem): ApiError {
  return new ApiError(400, ERROR_CODES.validation, problem.message, 'Correct the field and send the change again.', [
    `field: ${problem.field}`,
  ]);
}

/** The 409 for a column change refused by the list's state or its records. */
export async function columnRefusalError(
  list: List,
  refusal: ColumnChangeRefusal,
  columnName: string,
): Promise<ApiError> {
  switch (refusal.refused) {
    case 'job-running': {
      const active = await getActiveJobForList(list.id);
      return active
        ? jobConflict(active)
        : ApiError.conflict(ERROR_CODES.jobRunning, 'A job is running on this list.', 'Wait for it to finish.');
    }
    case 'deployed':
      return ApiError.conflict(
        ERROR_CODES.listDeployed,
        `"${list.name}" is deployed: its columns cannot change.`,
        'Set its state to developing first (PUT …/state?value=developing), then change the column.',
      );
    case 'changed-meanwhile':
      return ApiError.conflict(
        ERROR_CODES.conflict,
        `The column "${columnName}" was changed by someone else meanwhile.`,
        'Reload the list and make the change again.',
      );
    case 'breaks':
      return ApiError.conflict(
        ERROR_CODES.columnBreaksRecords,
        `${refusal.records.toLocaleString('en-US')} ${refusal.records === 1 ? 'record' : 'records'} of "${list.name}" would break this change to "${columnName}": ${refusal.example}`,
        'Fix those records first (edit them, or import corrected values), or choose a rule they meet. A new required column needs a default for the existing records.',
        [`records: ${refusal.records}`],
      );
  }
}
