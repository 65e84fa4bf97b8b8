import { findJobs } from '@/db/queries/jobs/job-reads';
import { readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { jobCollectionItems, jobPath, toJobResource } from '@/lib/jobs/resource';
import { assertListAcceptsJobs, submitPurgeJob } from '@/lib/jobs/submit';
import { loadListFor } from '@/lib/lists/server/access';

type Params = { listId: string };

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'viewer');
  const query = readQuery(request, pagingSchema);
  const { items, count } = await findJobs({ workspaceIds: [list.workspaceId], listId: list.id, kind: 'purge' }, query);
  return Response.json(collection(request, await jobCollectionItems(items), query, count));
});

/** Removes all records in one transaction; the list and its history stay. */
export const POST = apiRoute<Params>(async ({ principal, params }) => {
  const list = await loadListFor(principal, params.listId, 'editor');
  await assertListAcceptsJobs(list);
  const job = await submitPurgeJob(principal, list);
  return Response.json(toJobResource(job, []), { status: 202, headers: { location: jobPath(job) } });
});
