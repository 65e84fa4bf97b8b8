import { firstErrorsOfJobs, getJobErrors } from '@/db/queries/job-errors';
import type { Job, JobError } from '@/db/schema';
import { link } from '@/lib/http/collection';
import { API_BASE } from '@/lib/lists/server/resource';
import type { JobProgress } from '@/lib/shared/job-progress';
import { unmeasured } from '@/lib/shared/progress-words';

/** A job's body carries its first 100 errors (as many as the default error threshold); …/errors pages them all. */
export const ERRORS_IN_JOB_BODY = 100;
/** A job in a collection carries its first few: a page of 50 jobs with 10,000 errors each stays small. */
export const ERRORS_IN_COLLECTION_ITEM = 3;

export function jobPath(job: Pick<Job, 'id' | 'kind' | 'listId'>): string {
  const collection = job.kind === 'purge' ? 'purgeJobs' : job.kind === 'restore' ? 'restoreJobs' : 'importJobs';
  return job.listId ? `${API_BASE}/lists/${job.listId}/${collection}/${job.id}` : `${API_BASE}/jobs/${job.id}`;
}

/**
 * A job as the seed document shows it, plus Listport's progress and file fields. `errors` are the
 * first of the job's errors (totalErrors says how many it has; the `errors` link pages them).
 */
export function toJobResource(job: Job & { listName?: string | null }, errors: JobError[]) {
  const self = jobPath(job);
  const links = [link('self', 'GET', self), link('up', 'GET', self.slice(0, self.lastIndexOf('/')))];
  if (job.state === 'pending' || job.state === 'running') links.push(link('cancel', 'DELETE', self));
  if (job.kind !== 'purge') links.push(link('logs', 'GET', `${self}/logs`));
  if (job.filePath) links.push(link('file', 'GET', `${self}/file`));
  if (job.originalFilePath) links.push(link('originalFile', 'GET', `${self}/originalFile`));
  if (job.leftOutFilePath) links.push(link('leftOutRows', 'GET', `${self}/leftOutRows`));
  if (job.totalErrors > 0) links.push(link('errors', 'GET', `${self}/errors`));
  if (job.filePath && job.state === 'failed' && job.totalErrors > 0)
    links.push(link('errorReport', 'GET', `${self}/errorReport`));
  if (job.listId) links.push(link('list', 'GET', `${API_BASE}/lists/${job.listId}`));
  return {
    id: job.id,
    version: job.version,
    kind: job.kind,
    state: job.state,
    fileName: job.fileName,
    fileSize: job.fileSize,
    sha256Sum: job.sha256Sum,
    originalFile: job.originalFileName
      ? { fileName: job.originalFileName, fileSize: job.originalFileSize, sha256Sum: job.originalSha256Sum }
      : null,
    browserFixes: job.browserFixes,
    // Kept after the file itself expires (as originalFile is): the job still says rows were left out.
    leftOutRows: job.leftOutFileName
      ? { fileName: job.leftOutFileName, fileSize: job.leftOutFileSize, rowCount: job.options.rowsLeftOut ?? null }
      : null,
    mode: job.mode,
    delimiter: job.delimiter,
    errorThreshold: job.errorThreshold,
    ...(job.kind === 'import' && {
      unescapeFormulas: job.options.unescapeFormulas ?? true,
      encoding: job.options.encoding ?? null,
    }),
    customImportId: job.customImportId,
    ...(job.kind === 'custom' && { customImportTitle: job.options.customImportTitle ?? null }),
    ...(job.kind === 'restore' && {
      // The revision a restore puts back (its results say which revision it made).
      restoreRevision: (job.inputs as { revision?: number } | null)?.revision ?? null,
    }),
    creationTimeStamp: job.createdAt.toISOString(),
    startedTimeStamp: job.startedAt?.toISOString() ?? null,
    completedTimeStamp: job.completedAt?.toISOString() ?? null,
    createdBy: job.createdByEmail,
    listId: job.listId,
    ...(job.listName !== undefined && { listName: job.listName }),
    workspaceId: job.workspaceId,
    rowsProcessed: job.rowsProcessed,
    cancelRequested: Boolean(job.cancelRequestedAt),
    totalErrors: job.totalErrors,
    progress: progressOf(job),
    results: job.results,
    errors,
    links,
  };
}
export type JobResource = ReturnType<typeof toJobResource>;

/** Progress only while the job is waiting or running: a finished job's last progress would mislead. */
function progressOf(job: Job): JobProgress | null {
  if (job.state === 'pending') return unmeasured('waiting');
  if (job.state !== 'running') return null;
  return job.progress ?? unmeasured('starting');
}

/** A job's body, with its first errors read. */
export async function jobResource(job: Job & { listName?: string | null }): Promise<JobResource> {
  const errors = job.totalErrors > 0 ? await getJobErrors(job.id, { start: 0, limit: ERRORS_IN_JOB_BODY }) : [];
  return toJobResource(job, errors);
}

/** Jobs of a collection, each with its first few errors, read in one query. */
export async function jobCollectionItems(jobs: (Job & { listName?: string | null })[]): Promise<JobResource[]> {
  const failed = jobs.filter((j) => j.totalErrors > 0).map((j) => j.id);
  const errors = await firstErrorsOfJobs(failed, ERRORS_IN_COLLECTION_ITEM);
  return jobs.map((job) => toJobResource(job, errors.get(job.id) ?? []));
}
