import { keptRevisionBytes } from '@/db/queries/revisions';
import { getUserById } from '@/db/queries/users';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { updateListSchema } from '@/lib/lists/list-input';
import { loadListFor } from '@/lib/lists/server/access';
import { deleteListAs } from '@/lib/lists/server/delete-list';
import { toListResource } from '@/lib/lists/server/resource';
import { updateListAs } from '@/lib/lists/server/update-list';

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
  const updated = await updateListAs(principal, list, body);
  return Response.json(toListResource(updated, undefined, principal.email));
});

/** Deleting a list that does not exist answers 204, as the List Data API family does. */
export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  await deleteListAs(principal, params.listId);
  return new Response(null, { status: 204 });
});
