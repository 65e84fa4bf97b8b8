import { createJob } from '@/db/queries/jobs/create-job';
import { getRevision } from '@/db/queries/revisions';
import type { Job, List } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { columnsChangeBlocking } from '@/lib/lists/server/revision-source';

import { jobConflict } from './conflict';
import { enqueueJob } from './queue';
import { assertListAcceptsJobs } from './submit';

/**
 * Checks a restore and creates its job under the list's lock, like an import: 409 while another
 * job holds the list, for an immutable list, for a revision no longer kept, or across a change of
 * columns other than added ones. Audited.
 */
export async function submitRestoreJob(principal: Principal, list: List, revision: number): Promise<Job> {
  if (list.isImmutable) {
    throw ApiError.conflict(
      ERROR_CODES.listImmutable,
      `The list "${list.name}" is immutable: its contents cannot be restored.`,
      'Create a new list and import the revision’s export (…/revisions/{revision}/contents.csv) into it.',
    );
  }
  await assertListAcceptsJobs(list);
  if (revision === list.revision) {
    throw ApiError.conflict(
      ERROR_CODES.conflict,
      `Revision ${revision} is already the contents of "${list.name}".`,
      'Choose an earlier revision to restore.',
    );
  }
  const record = revision < list.revision ? await getRevision(list.id, revision) : undefined;
  if (!record) throw ApiError.notFound(`Revision ${revision} of the list`);
  if (!record.keptTable) {
    throw ApiError.conflict(
      ERROR_CODES.revisionNotKept,
      `The contents of revision ${revision} are no longer kept, so it cannot be restored.`,
      'Only the latest versions are kept (LIST_REVISIONS_KEPT, for LIST_REVISIONS_MAX_DAYS); choose one whose "kept" is true.',
    );
  }
  const blocking = columnsChangeBlocking(record.columns, list.columns);
  if (blocking) {
    throw ApiError.conflict(
      ERROR_CODES.revisionColumnsChanged,
      `Revision ${revision} cannot be restored: since then ${blocking}.`,
      'A revision can be restored only while all its columns are still in the list (added columns are fine). Download its export instead (…/revisions/{revision}/contents.csv).',
    );
  }
  const created = await createJob({
    kind: 'restore',
    workspaceId: list.workspaceId,
    listId: list.id,
    inputs: { revision },
    createdBy: principal.userId,
    createdByEmail: principal.email,
  });
  if ('lockedBy' in created) throw jobConflict(created.lockedBy);
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'restore.create',
    targetType: 'job',
    targetId: created.job.id,
    detail: { listId: list.id, revision, fromRevision: list.revision, recordCount: record.recordCount },
  });
  await enqueueJob(created.job.id);
  return created.job;
}
