import type { Job } from '@/db/schema';
import { link } from '@/lib/http/collection';
import { API_BASE } from '@/lib/lists/resource';

export function jobPath(job: Pick<Job, 'id' | 'kind' | 'listId'>): string {
  const collection = job.kind === 'purge' ? 'purgeJobs' : 'importJobs';
  return job.listId ? `${API_BASE}/lists/${job.listId}/${collection}/${job.id}` : `${API_BASE}/jobs/${job.id}`;
}

/** A job as the seed document shows it, plus Listport's progress and file fields. */
export function toJobResource(job: Job & { listName?: string | null }) {
  const self = jobPath(job);
  const links = [link('self', 'GET', self), link('up', 'GET', self.slice(0, self.lastIndexOf('/')))];
  if (job.state === 'pending' || job.state === 'running') links.push(link('cancel', 'DELETE', self));
  if (job.kind !== 'purge') links.push(link('logs', 'GET', `${self}/logs`));
  if (job.filePath) links.push(link('file', 'GET', `${self}/file`));
  if (job.filePath && job.state === 'failed' && job.errors.length > 0)
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
    mode: job.mode,
    delimiter: job.delimiter,
    errorThreshold: job.errorThreshold,
    ...(job.kind === 'import' && {
      unescapeFormulas: job.options.unescapeFormulas ?? true,
      encoding: job.options.encoding ?? null,
    }),
    customImportId: job.customImportId,
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
    results: job.results,
    errors: job.errors,
    links,
  };
}
export type JobResource = ReturnType<typeof toJobResource>;
