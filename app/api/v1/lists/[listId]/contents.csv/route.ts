import { contentsCsvResponse } from '@/lib/http/contents-csv';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/server/access';

type Params = { listId: string };

/**
 * The list's records as CSV, streamed: all of them, or those `filter` selects, in `sortBy` order —
 * the same parameters as `…/contents`. Values are canonical (2024-12-31, 1234.56), or written in each
 * column's format with ?format=list; anything a spreadsheet would run as a formula is neutralised,
 * header included.
 */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  return contentsCsvResponse(request, principal, {
    list,
    source: { table: list.dataTable, columns: list.columns },
    detail: { records: list.recordCount },
  });
});
