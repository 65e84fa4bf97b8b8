import { listAuditEvents } from '@/db/queries/audit';
import { auditQuery } from '@/lib/api-contract/audit';
import { workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { readQuery } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

/** The audit log a page at a time, newest first: `start` events are skipped, `limit` come. */
export const GET = apiRoute(async ({ request, principal }) => {
  const adminOf = workspaceIdsWithRole(principal, 'admin');
  if (adminOf.length === 0 && !principal.isInstanceAdmin)
    throw ApiError.forbidden('Only admins can read the audit log.');
  const query = readQuery(request, auditQuery);
  const { items, count } = await listAuditEvents(principal.isInstanceAdmin ? 'all' : adminOf, query);
  return Response.json(collection(request, items, query, count));
});
