import type { z } from 'zod';

import type { jobErrorSchema, jobLogsSchema, jobSchema } from '@/lib/api-contract/jobs';

import { apiFetch, apiPath, withQuery, type Collection } from './client';

/** Jobs: imports, purges, restores and custom imports, followed while they run. */

export type Job = z.output<typeof jobSchema>;
export type JobError = z.output<typeof jobErrorSchema>;
export type JobLogs = z.output<typeof jobLogsSchema>;

export function getJob(jobId: string): Promise<Job> {
  return apiFetch<Job>(apiPath`/jobs/${jobId}`);
}

/** Asks a pending or running job to stop; nothing of it is loaded. */
export function cancelJob(jobId: string): Promise<Job> {
  return apiFetch<Job>(apiPath`/jobs/${jobId}`, { method: 'DELETE' });
}

export function listJobErrors(jobId: string, start: number, limit: number): Promise<Collection<JobError>> {
  return apiFetch<Collection<JobError>>(withQuery(apiPath`/jobs/${jobId}/errors`, { start, limit }));
}

/** The log lines after the line `after` (0: from the first), to tail a running job. */
export function getJobLogs(jobId: string, after: number): Promise<JobLogs> {
  return apiFetch<JobLogs>(withQuery(apiPath`/jobs/${jobId}/logs`, { after }));
}

/**
 * The job under its list (…/importJobs/{id}, …/purgeJobs/{id}, …/restoreJobs/{id}), where its file,
 * original file and error report are downloaded; none once the list was deleted.
 */
export function listJobPath(job: Pick<Job, 'id' | 'kind' | 'listId'>): string | undefined {
  if (!job.listId) return undefined;
  if (job.kind === 'purge') return apiPath`/lists/${job.listId}/purgeJobs/${job.id}`;
  if (job.kind === 'restore') return apiPath`/lists/${job.listId}/restoreJobs/${job.id}`;
  return apiPath`/lists/${job.listId}/importJobs/${job.id}`;
}
