import { createList, findLists, type ListFilter, type ListSort } from '@/db/queries/lists';
import { listsQuery } from '@/lib/api-contract/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole, workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson, readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { normalizeColumns } from '@/lib/lists/columns';
import { createListSchema, parseSortBy } from '@/lib/lists/list-input';
import { parseListNameFilter } from '@/lib/lists/server/list-filter';
import { toListResource } from '@/lib/lists/server/resource';

const SORTABLE: ListSort[] = ['name', 'creationTimeStamp', 'modifiedTimeStamp', 'recordCount'];

export const GET = apiRoute(async ({ request, principal }) => {
  const query = readQuery(request, listsQuery);
  const filter: ListFilter = {
    ...(query.filter ? parseListNameFilter(query.filter) : {}),
    ...(query.name !== undefined && { nameContains: query.name }),
  };
  const sort = parseSortBy(query.sortBy) ?? { field: 'name', descending: false };
  if (!SORTABLE.includes(sort.field as ListSort)) {
    throw ApiError.badRequest(`Lists cannot be sorted by "${sort.field}".`, `Sort by one of ${SORTABLE.join(', ')}.`);
  }
  const workspaceIds = principal.memberships
    .map((m) => m.id)
    .filter((id) => !query.workspaceId || id === query.workspaceId);
  const { items, count } = await findLists(
    workspaceIds,
    filter,
    { by: sort.field as ListSort, descending: sort.descending },
    query,
  );
  return Response.json(
    collection(
      request,
      items.map((l) => toListResource(l)),
      query,
      count,
    ),
  );
});

export const POST = apiRoute(async ({ request, principal }) => {
  const body = await readJson(request, createListSchema);
  const workspaceId = body.workspaceId ?? workspaceIdsWithRole(principal, 'admin')[0];
  if (!workspaceId) throw ApiError.forbidden('Only workspace admins can create lists.');
  requireRole(principal, workspaceId, 'admin', 'The workspace');
  const list = await createList({
    workspaceId,
    name: body.name,
    description: body.description,
    label: body.label,
    state: body.state,
    isImmutable: body.isImmutable,
    columns: normalizeColumns(body.columns),
    createdBy: principal.userId,
  });
  if (!list) {
    throw ApiError.conflict(
      ERROR_CODES.nameTaken,
      `A list named "${body.name}" already exists in this workspace.`,
      'Choose another name, or import into the existing list.',
    );
  }
  await auditAs(principal, {
    workspaceId,
    action: 'list.create',
    targetType: 'list',
    targetId: list.id,
    detail: { name: list.name },
  });
  return Response.json(toListResource(list, principal.email, principal.email), {
    status: 201,
    headers: { location: `/api/v1/lists/${list.id}` },
  });
});
