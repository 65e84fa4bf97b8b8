import { z } from 'zod';
import { getContentsPage } from '@/db/queries/list-contents';
import { ApiError } from '@/lib/errors';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/access';
import { FilterError, parseFilters } from '@/lib/lists/filters';
import { parseSortBy } from '@/lib/lists/list-input';

type Params = { listId: string };

/** Records with paging, `sortBy=<col>:ascending|descending` and filters (`col:op:value` or `eq(col,'v')`). */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const search = new URL(request.url).searchParams;
  const paging = pagingSchema.extend({ limit: z.coerce.number().int().min(1).max(10_000).default(100) }).parse(Object.fromEntries(search));
  let filters;
  try {
    filters = parseFilters(search.getAll('filter'), list.columns);
  } catch (error) {
    if (error instanceof FilterError) throw ApiError.badRequest(error.message, 'Correct the filter and try again.');
    throw error;
  }
  const sortBy = parseSortBy(search.get('sortBy') ?? undefined);
  const sortColumn = sortBy && list.columns.find((c) => c.name === sortBy.field);
  if (sortBy && !sortColumn) {
    throw ApiError.badRequest(`There is no column "${sortBy.field}" to sort by.`, `Sort by one of: ${list.columns.map((c) => c.name).join(', ')}.`);
  }
  const { items, count } = await getContentsPage(list.dataTable, list.columns, {
    filters,
    ...(sortColumn && sortBy && { sort: { column: sortColumn, descending: sortBy.descending } }),
    start: paging.start,
    limit: paging.limit,
  });
  return Response.json(collection(request, items, paging, count));
});
