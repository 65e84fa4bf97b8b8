import { findJobs } from '@/db/queries/jobs/job-reads';
import { restoreBody } from '@/lib/api-contract/revisions';
import { readJson, readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { jobCollectionItems, jobPath, toJobResource } from '@/lib/jobs/resource';
import { submitRestoreJob } from '@/lib/jobs/submit-restore';
import { loadListFor } from '@/lib/lists/server/access';

type Params = { listId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const query = readQuery(request, pagingSchema);
  const { items, count } = await findJobs(
    { workspaceIds: [list.workspaceId], listId: list.id, kind: 'restore' },
    query,
  );
  return Response.json(collection(request, await jobCollectionItems(items), query, count));
});

/** Makes the contents exactly a kept revision's, as a new revision: a job (202 + Location), all or nothing. */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  const { revision } = await readJson(request, restoreBody);
  const job = await submitRestoreJob(principal, list, revision);
  return Response.json(toJobResource(job, []), { status: 202, headers: { location: jobPath(job) } });
});
