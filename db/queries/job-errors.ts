import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';

import { getDb, type Db } from '../client';
import { jobErrors, type JobError } from '../schema';

/**
 * What a job stores of its errors is bounded (docs/jobs.md): at most its error threshold of them
 * (10,000 at most), each with its strings cut to these lengths — a value can be a megabyte of CSV
 * field, and a remediation lists allowed values of up to 1,000 characters each.
 */
export const STORED_ERROR_LIMITS = { value: 1_000, message: 2_000, remediation: 2_000, details: 10, detail: 500 };

type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function boundJobError(error: JobError): JobError {
  const limits = STORED_ERROR_LIMITS;
  return {
    ...error,
    message: cut(error.message, limits.message),
    remediation: cut(error.remediation, limits.remediation),
    details: error.details.slice(0, limits.details).map((d) => cut(d, limits.detail)),
    ...(error.column !== undefined && { column: cut(error.column, limits.detail) }),
    ...(error.value !== undefined && { value: cut(error.value, limits.value) }),
  };
}

/** Stores a job's errors in order, in the caller's transaction (one statement, however many). */
export async function storeJobErrors(db: Executor, jobId: string, errors: readonly JobError[]): Promise<void> {
  if (errors.length === 0) return;
  const rows = JSON.stringify(errors.map(boundJobError));
  await db.execute(
    sql`insert into ${jobErrors} (job_id, position, error)
        select ${jobId}, e.ordinality - 1, e.value from jsonb_array_elements(${rows}::jsonb) with ordinality as e(value, ordinality)`,
  );
}

/** One page of a job's errors, in the order they were found. */
export async function getJobErrors(jobId: string, page: { start: number; limit: number }): Promise<JobError[]> {
  const rows = await getDb()
    .select({ error: jobErrors.error })
    .from(jobErrors)
    .where(and(eq(jobErrors.jobId, jobId), sql`${jobErrors.position} >= ${page.start}`))
    .orderBy(asc(jobErrors.position))
    .limit(page.limit);
  return rows.map((r) => r.error);
}

/** The first `count` errors of each of these jobs (by primary key: no job's other errors are read). */
export async function firstErrorsOfJobs(jobIds: string[], count: number): Promise<Map<string, JobError[]>> {
  const byJob = new Map<string, JobError[]>();
  if (jobIds.length === 0 || count === 0) return byJob;
  const rows = await getDb()
    .select()
    .from(jobErrors)
    .where(and(inArray(jobErrors.jobId, jobIds), lt(jobErrors.position, count)))
    .orderBy(asc(jobErrors.jobId), asc(jobErrors.position));
  for (const row of rows) byJob.set(row.jobId, [...(byJob.get(row.jobId) ?? []), row.error]);
  return byJob;
}
