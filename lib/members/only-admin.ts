import { ApiError, ERROR_CODES } from '@/lib/errors';

/** The refusal of a change that would leave a workspace without an enabled admin. */
export function onlyAdminConflict(email: string, workspaceName: string): ApiError {
  return ApiError.conflict(
    ERROR_CODES.conflict,
    `${email} is the only admin of "${workspaceName}": the workspace would have nobody to manage it.`,
    'Make another member an admin first, then change or remove this one.',
  );
}
