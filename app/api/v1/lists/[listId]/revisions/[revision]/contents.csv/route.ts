import { contentsCsvResponse } from '@/lib/http/contents-csv';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/server/access';
import { parseRevisionNumber, revisionSource } from '@/lib/lists/server/revision-source';

type Params = { listId: string; revision: string };

/** A kept revision's records as CSV: the parameters and the writing of the list's `contents.csv`. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const source = await revisionSource(list, parseRevisionNumber(params.revision));
  return contentsCsvResponse(request, principal, {
    list,
    source,
    fileNameSuffix: ` revision ${source.revision}`,
    detail: { revision: source.revision },
  });
});
