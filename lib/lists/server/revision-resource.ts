import type { RevisionWithFiles } from '@/db/queries/revisions';
import type { List } from '@/db/schema';
import { link } from '@/lib/http/collection';
import { API_BASE } from '@/lib/lists/server/resource';

/**
 * A revision as the API answers it. `kept`: its contents are still readable (the current revision
 * always is: it is the list itself); `keptBytes` what keeping them costs. `fileName` is the file
 * that was loaded (the job's `fileName`); `originalFileName` the file the person chose, when the
 * import wizard loaded a CSV made from it — the name they know the import by.
 */
export function toRevisionResource(list: Pick<List, 'id' | 'revision'>, revision: RevisionWithFiles) {
  const base = `${API_BASE}/lists/${list.id}/revisions`;
  const kept = revision.revision === list.revision || revision.keptTable !== null;
  const links = [link('list', 'GET', `${API_BASE}/lists/${list.id}`)];
  if (kept) {
    links.push(link('contents', 'GET', `${base}/${revision.revision}/contents`));
    links.push(link('exportContents', 'GET', `${base}/${revision.revision}/contents.csv`));
  }
  if (revision.revision > 0)
    links.push(link('diffs', 'GET', `${base}/contents?revision=${revision.revision}&diffs=true`));
  if (revision.jobId) links.push(link('job', 'GET', `${API_BASE}/jobs/${revision.jobId}`));
  // Imports and custom imports keep the file they loaded until UPLOAD_RETENTION_DAYS.
  if (revision.jobId && revision.jobFileKept && (revision.kind === 'import' || revision.kind === 'custom'))
    links.push(link('file', 'GET', `${API_BASE}/lists/${list.id}/importJobs/${revision.jobId}/file`));
  return {
    revision: revision.revision,
    kind: revision.kind,
    current: revision.revision === list.revision,
    jobId: revision.jobId,
    fileName: revision.fileName,
    originalFileName: revision.originalFileName,
    restoredRevision: revision.restoredRevision,
    createdBy: revision.createdByEmail,
    creationTimeStamp: revision.createdAt.toISOString(),
    recordCount: revision.recordCount,
    counts: revision.counts,
    kept,
    keptBytes: revision.keptBytes ?? 0,
    replacedTimeStamp: revision.replacedAt?.toISOString() ?? null,
    links,
  };
}
export type RevisionResource = ReturnType<typeof toRevisionResource>;
