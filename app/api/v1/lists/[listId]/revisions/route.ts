import { findRevisions } from '@/db/queries/revisions';
import { readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { loadListFor } from '@/lib/lists/server/access';
import { toRevisionResource } from '@/lib/lists/server/revision-resource';

type Params = { listId: string };

/** The list's revisions, newest first; `keptBytes` is what its kept versions take in all. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const query = readQuery(request, pagingSchema);
  const { items, count, keptBytes } = await findRevisions(list.id, query);
  return Response.json({
    ...collection(
      request,
      items.map((r) => toRevisionResource(list, r)),
      query,
      count,
    ),
    currentRevision: list.revision,
    keptBytes,
  });
});
