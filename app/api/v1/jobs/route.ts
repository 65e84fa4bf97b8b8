import { findJobs } from '@/db/queries/jobs/job-reads';
import { jobsQuery } from '@/lib/api-contract/jobs';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { jobCollectionItems } from '@/lib/jobs/resource';

/** Every job in the caller's workspaces (import, purge, custom), newest first. */
export const GET = apiRoute(async ({ request, principal }) => {
  const query = readQuery(request, jobsQuery);
  const workspaceIds = principal.memberships
    .map((m) => m.id)
    .filter((id) => !query.workspaceId || id === query.workspaceId);
  const { items, count } = await findJobs(
    {
      workspaceIds,
      ...(query.listId && { listId: query.listId }),
      ...(query.kind && { kind: query.kind }),
      ...(query.state && { state: query.state }),
      ...(query.createdBy && { createdBy: query.createdBy }),
      ...(query.from && { from: query.from }),
      ...(query.to && { to: query.to }),
    },
    query,
  );
  return Response.json(collection(request, await jobCollectionItems(items), query, count));
});
