import { getContentsPage } from '@/db/queries/list-contents';
import { revisionContentsQuery } from '@/lib/api-contract/revisions';
import { collection } from '@/lib/http/collection';
import { readContentsQuery } from '@/lib/http/contents-query';
import { apiRoute } from '@/lib/http/handler';
import { admittedRead } from '@/lib/http/record-reads';
import { loadListFor } from '@/lib/lists/server/access';
import { parseRevisionNumber, revisionSource } from '@/lib/lists/server/revision-source';

type Params = { listId: string; revision: string };

/** A kept revision's records, with the paging, `sortBy` and `filter` of `…/contents` (its own columns). */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const source = await revisionSource(list, parseRevisionNumber(params.revision));
  const search = new URL(request.url).searchParams;
  const paging = revisionContentsQuery.parse(Object.fromEntries(search));
  const { filters, sort } = readContentsQuery(search, source.columns);
  const { items, count } = await admittedRead(principal, request.signal, () =>
    getContentsPage(source.table, source.columns, {
      filters,
      ...(sort && { sort }),
      start: paging.start,
      limit: paging.limit,
    }),
  );
  return Response.json({ ...collection(request, items, paging, count), revision: source.revision });
});
