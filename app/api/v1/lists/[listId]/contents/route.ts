import { getContentsPage } from '@/db/queries/list-contents';
import { contentsQuery, editContentsBody } from '@/lib/api-contract/lists';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { readContentsQuery } from '@/lib/http/contents-query';
import { apiRoute } from '@/lib/http/handler';
import { admittedRead } from '@/lib/http/record-reads';
import { loadListFor } from '@/lib/lists/server/access';
import { editListRows } from '@/lib/lists/server/apply-row-edits';
import { toListResource } from '@/lib/lists/server/resource';

type Params = { listId: string };

/** Properties an item may have beyond the list's columns (typos are reported one by one, not refused). */
const ITEM_PROPERTY_MARGIN = 20;

/** Records with paging, `sortBy=<col>:ascending|descending` and filters (`col:op:value` or `eq(col,'v')`). */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const search = new URL(request.url).searchParams;
  const paging = contentsQuery.parse(Object.fromEntries(search));
  const { filters, sort } = readContentsQuery(search, list.columns);
  const { items, count } = await admittedRead(principal, request.signal, () =>
    getContentsPage(list.dataTable, list.columns, {
      filters,
      ...(sort && { sort }),
      start: paging.start,
      limit: paging.limit,
    }),
  );
  return Response.json(collection(request, items, paging, count));
});

/**
 * Synchronous row edits: `?op=upsert` adds records (all columns) or updates the given columns of
 * existing ones; `?op=delete` removes records by key. All or nothing, same rules as imports.
 */
export const PUT = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  const op = new URL(request.url).searchParams.get('op') ?? 'upsert';
  if (op !== 'upsert' && op !== 'delete')
    throw ApiError.badRequest(`op=${op} is not an operation.`, 'Use op=upsert or op=delete.');
  // An item names some of the list's columns: far more properties is a mistake (or an attack) that
  // validating key by key would spend seconds on.
  const { items } = await readJson(request, editContentsBody, {
    maxMembers: list.columns.length + ITEM_PROPERTY_MARGIN,
  });
  const edited = await editListRows(principal, list, op, items);
  return Response.json(toListResource(edited));
});
