import { addListColumn } from '@/db/queries/list-columns';
import { getListById } from '@/db/queries/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { addColumnSchema, canonicalDefault, columnToAdd } from '@/lib/lists/column-changes';
import { loadListFor } from '@/lib/lists/server/access';
import { columnProblemError, columnRefusalError } from '@/lib/lists/server/column-refusals';
import { toListResource } from '@/lib/lists/server/resource';

type Params = { listId: string };

/** Adds a column to a list, even one with records: optional, or required with a default for them. */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  const body = await readJson(request, addColumnSchema);
  const added = columnToAdd(list.columns, body);
  if (!('column' in added)) throw columnProblemError(added);
  let defaultValue: string | null = null;
  if (body.default !== undefined) {
    const parsed = canonicalDefault(added.column, body.default);
    if (!('value' in parsed)) throw columnProblemError(parsed);
    defaultValue = parsed.value;
  }
  const result = await addListColumn(list, added.column, defaultValue, principal.userId);
  if ('refused' in result) throw await columnRefusalError(list, result, added.column.name);
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.column.add',
    targetType: 'list',
    targetId: list.id,
    detail: { list: list.name, column: added.column.name, default: body.default ?? null, records: list.recordCount },
  });
  const updated = await getListById(list.id);
  return Response.json(toListResource(updated ?? list, undefined, principal.email), {
    status: 201,
    headers: { location: `/api/v1/lists/${list.id}/columns/${encodeURIComponent(added.column.name)}` },
  });
});
