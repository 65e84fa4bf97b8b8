import { getActiveJobForList } from '@/db/queries/jobs/job-reads';
import { deleteList, updateList } from '@/db/queries/lists';
import { keptRevisionBytes } from '@/db/queries/revisions';
import { getUserById } from '@/db/queries/users';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { jobConflict } from '@/lib/jobs/conflict';
import { normalizeColumns, sameColumns } from '@/lib/lists/columns';
import { updateListSchema } from '@/lib/lists/list-input';
import { findMemberList, loadListFor } from '@/lib/lists/server/access';
import { toListResource } from '@/lib/lists/server/resource';
import { removeUploads } from '@/lib/uploads/housekeeping';

type Params = { listId: string };

export const GET = apiRoute<Params>(async ({ principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const [creator, modifier, revisionStorage] = await Promise.all([
    list.createdBy ? getUserById(list.createdBy) : undefined,
    list.modifiedBy ? getUserById(list.modifiedBy) : undefined,
    keptRevisionBytes(list.id),
  ]);
  // The storage the list's kept earlier versions take (see docs/revisions.md).
  return Response.json({ ...toListResource(list, creator?.email, modifier?.email), revisionStorage });
});

export const PUT = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'admin');
  const body = await readJson(request, updateListSchema);
  const columns = body.columns ? normalizeColumns(body.columns) : undefined;
  const columnsChange = columns && !sameColumns(columns, list.columns) ? columns : undefined;
  if (columnsChange) {
    const active = await getActiveJobForList(list.id);
    if (active) throw jobConflict(active);
  }
  const result = await updateList(
    list,
    {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.label !== undefined && { label: body.label }),
      ...(body.state !== undefined && { state: body.state }),
      ...(body.isImmutable !== undefined && { isImmutable: body.isImmutable }),
      ...(columnsChange && { columns: columnsChange }),
    },
    principal.userId,
  );
  if (result === 'has-contents') {
    throw ApiError.conflict(
      ERROR_CODES.hasContents,
      `The columns of "${list.name}" cannot change while it has ${list.recordCount} records.`,
      'Purge the list first (POST …/purgeJobs), then change its columns, or create a new list.',
    );
  }
  if (result === 'job-running') {
    const active = await getActiveJobForList(list.id);
    if (active) throw jobConflict(active);
    throw ApiError.conflict(
      ERROR_CODES.jobRunning,
      `A job was running on "${list.name}" while its columns were changing.`,
      'Try again: the job has finished now.',
    );
  }
  if (result === 'name-taken') {
    throw ApiError.conflict(
      ERROR_CODES.nameTaken,
      `A list named "${body.name}" already exists in this workspace.`,
      'Choose another name.',
    );
  }
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.update',
    targetType: 'list',
    targetId: list.id,
    detail: { fields: Object.keys(body) },
  });
  return Response.json(toListResource(result, undefined, principal.email));
});

/** Deleting a list that does not exist answers 204, as the List Data API family does. */
export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  const found = await findMemberList(principal.memberships, params.listId);
  if (!found) return new Response(null, { status: 204 });
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
  if (deleted === 'job-running') {
    const active = await getActiveJobForList(list.id);
    throw active
      ? jobConflict(active)
      : ApiError.conflict(ERROR_CODES.jobRunning, 'A job is running on this list.', 'Wait for it to finish.');
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
  return new Response(null, { status: 204 });
});
