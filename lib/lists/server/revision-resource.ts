import type { List, ListRevision } from '@/db/schema';
import { link } from '@/lib/http/collection';
import { API_BASE } from '@/lib/lists/server/resource';

/**
 * A revision as the API answers it. `kept`: its contents are still readable (the current revision
 * always is: it is the list itself); `keptBytes` what keeping them costs.
 */
export function toRevisionResource(list: Pick<List, 'id' | 'revision'>, revision: ListRevision) {
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
  return {
    revision: revision.revision,
    kind: revision.kind,
    current: revision.revision === list.revision,
    jobId: revision.jobId,
    fileName: revision.fileName,
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
