import { changeListColumn } from '@/db/queries/list-columns';
import { getListById } from '@/db/queries/lists';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import {
  changeColumnSchema,
  changedColumn,
  findColumn,
  needsRecordCheck,
  storedValueChecker,
} from '@/lib/lists/column-changes';
import { loadListFor } from '@/lib/lists/server/access';
import { columnProblemError, columnRefusalError } from '@/lib/lists/server/column-refusals';
import { toListResource } from '@/lib/lists/server/resource';

type Params = { listId: string; columnName: string };

/** Changes a column's name, rules, allowed values or format, checked against the list's records first. */
export const PATCH = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  const name = params.columnName;
  // Next hands the segment decoded; a name with a literal "%xx" may still arrive encoded once more.
  const before = findColumn(list.columns, name) ?? findColumn(list.columns, decodeOnce(name));
  if (!before) throw ApiError.notFound(`The column "${name}" of "${list.name}"`);
  const body = await readJson(request, changeColumnSchema);
  const changed = changedColumn(list.columns, before, body);
  if (!('column' in changed)) throw columnProblemError(changed);
  const check = needsRecordCheck(before, changed.column);
  const result = await changeListColumn(
    list,
    before,
    changed.column,
    check,
    storedValueChecker(changed.column),
    principal.userId,
  );
  if ('refused' in result) throw await columnRefusalError(list, result, before.name);
  const { dataType: _dataType, isKey: _isKey, ...fields } = body;
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'list.column.change',
    targetType: 'list',
    targetId: list.id,
    detail: { list: list.name, column: before.name, changes: fields },
  });
  const updated = await getListById(list.id);
  return Response.json(toListResource(updated ?? list, undefined, principal.email));
});

function decodeOnce(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
