import type { JobError } from '@/db/schema';
import type { Problem } from '@/lib/csv/problem';
import { ERROR_CODES } from '@/lib/errors';

/** A row's problem as the job stores and the API returns it; long values are cut so one cell cannot bloat the job. */
export function problemToJobError(problem: Problem): JobError {
  const details: string[] = [];
  if (problem.row !== undefined) details.push(`row: ${problem.row}`);
  if (problem.column !== undefined) details.push(`column: ${problem.column}`);
  if (problem.value !== undefined) details.push(`value: ${problem.value.slice(0, 200)}`);
  return {
    message: problem.message,
    id: crypto.randomUUID(),
    errorCode: problem.errorCode,
    httpStatusCode: 400,
    details,
    remediation: problem.remediation,
    version: 2,
    ...(problem.row !== undefined && { row: problem.row }),
    ...(problem.column !== undefined && { column: problem.column }),
    ...(problem.value !== undefined && { value: problem.value.slice(0, 1000) }),
  };
}

/** A job's error that is not about a row: its code from the registry, its HTTP status from the code. */
export function jobError(message: string, remediation: string, code: keyof typeof ERROR_CODES): JobError {
  const errorCode = ERROR_CODES[code];
  return {
    message,
    id: crypto.randomUUID(),
    errorCode,
    httpStatusCode: Math.floor(errorCode / 100),
    details: [],
    remediation,
    version: 2,
  };
}
