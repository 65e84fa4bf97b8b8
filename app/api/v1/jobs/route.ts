import { z } from 'zod';

import { findJobs } from '@/db/queries/jobs';
import { JOB_KINDS, JOB_STATES } from '@/db/schema';
import { readQuery } from '@/lib/http/body';
import { collection, pagingSchema } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { jobCollectionItems } from '@/lib/jobs/resource';

const querySchema = pagingSchema.extend({
  workspaceId: z.string().uuid().optional(),
  listId: z.string().uuid().optional(),
  kind: z.enum(JOB_KINDS).optional(),
  state: z.enum(JOB_STATES).optional(),
  createdBy: z.string().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

/** Every job in the caller's workspaces (import, purge, custom), newest first. */
export const GET = apiRoute(async ({ request, principal }) => {
  const query = readQuery(request, querySchema);
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
