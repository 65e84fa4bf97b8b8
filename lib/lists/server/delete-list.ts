import { deleteList } from '@/db/queries/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole, type Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { runningJobConflict } from '@/lib/jobs/conflict';
import { removeUploads } from '@/lib/uploads/housekeeping';

import { findMemberList } from './access';

/**
 * Deletes a list with its contents, kept versions and uploaded files, audited: admins only, never a
 * deployed list nor one a job holds. A list that is not there (or is another workspace's) is no
 * error: deleting twice answers the same, as the List Data API family does (its client sessions
 * delete again without checking; test/integration/list-data-api-replay.test.ts).
 */
export async function deleteListAs(principal: Principal, listId: string): Promise<void> {
  const found = await findMemberList(principal.memberships, listId);
  if (!found) return;
  const { list } = found;
  requireRole(principal, list.workspaceId, 'admin', 'The list');
  if (list.state === 'deployed') {
    throw ApiError.conflict(
      ERROR_CODES.listDeployed,
      'The list is deployed.',
      'Set its state to developing first: PUT …/state?value=developing.',
    );
  }
  const deleted = await deleteList(list);
  if (deleted === 'job-running') throw await runningJobConflict(list);
  if (deleted === 'busy') {
    throw ApiError.conflict(
      ERROR_CODES.conflict,
      'The list is being read (an export, say); it was not deleted.',
      'Try again in a minute, once the export has finished.',
    );
  }
  // The list's uploaded files go with it (its job history stays, without them).
  await removeUploads(deleted.files);
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.delete',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name },
  });
}
