import type { ApiErrorBody } from '@/lib/shared/api-error-body';
import { plural } from '@/lib/shared/plural';

/** Numeric error codes of API answers: stable, so scripts may act on them (row problems are in lib/csv/problem.ts). */
export const ERROR_CODES = {
  badRequest: 40000,
  validation: 40001,
  missingFile: 40003,
  wrongPassword: 40004,
  webhookDestinationRefused: 40005,
  unauthenticated: 40100,
  forbidden: 40300,
  crossSite: 40301,
  passwordChangeRequired: 40302,
  notFound: 40400,
  conflict: 40900,
  jobRunning: 40901,
  listDeployed: 40902,
  listImmutable: 40903,
  hasContents: 40904,
  nameTaken: 40905,
  revisionNotKept: 40906,
  revisionColumnsChanged: 40907,
  columnBreaksRecords: 40908,
  gone: 41000,
  revisionGone: 41001,
  tooLarge: 41300,
  unsupportedMediaType: 41500,
  tooManyRequests: 42900,
  internal: 50000,
  workerStopped: 50001,
  unavailable: 50300,
  readTooLong: 50301,
  insufficientStorage: 50700,
} as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly remediation: string,
    readonly details: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static badRequest(message: string, remediation: string, details: string[] = []) {
    return new ApiError(400, ERROR_CODES.badRequest, message, remediation, details);
  }
  static unauthenticated(
    message = 'You are not signed in, or your token is missing, invalid or expired.',
    remediation = 'Sign in again, or get a new token from POST /api/v1/auth/token and send it in the x-auth-jwt or Authorization: Bearer header.',
  ) {
    return new ApiError(401, ERROR_CODES.unauthenticated, message, remediation);
  }
  static forbidden(message: string, remediation = 'Ask an admin of this workspace for a role that allows this.') {
    return new ApiError(403, ERROR_CODES.forbidden, message, remediation);
  }
  static notFound(what: string) {
    return new ApiError(
      404,
      ERROR_CODES.notFound,
      `${what} was not found.`,
      `Check the id in the address; it may have been deleted, or belong to a workspace you are not a member of.`,
    );
  }
  static conflict(errorCode: number, message: string, remediation: string, details: string[] = []) {
    return new ApiError(409, errorCode, message, remediation, details);
  }
  static tooManyRequests(message: string, retryAfterSeconds: number) {
    return new ApiError(
      429,
      ERROR_CODES.tooManyRequests,
      message,
      `Wait ${plural(retryAfterSeconds, 'second')} before trying again.`,
      [],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export function errorBody(error: ApiError, id: string, extraDetails: string[]): ApiErrorBody {
  return {
    httpStatusCode: error.status,
    errorCode: error.errorCode,
    message: error.message,
    details: [...error.details, ...extraDetails],
    remediation: error.remediation,
    id,
    version: 2,
  };
}
