/**
 * The one API error shape, as the List Data API family answers:
 * `{httpStatusCode, errorCode, message, details[], remediation, id?, version: 2}`.
 * A job's errors are stored and returned in it too (db/schema.ts's JobError).
 */
export type ApiErrorBody = {
  httpStatusCode: number;
  errorCode: number;
  message: string;
  details: string[];
  remediation: string;
  id?: string;
  version: 2;
};
