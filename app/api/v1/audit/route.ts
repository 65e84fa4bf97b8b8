import { listAuditEvents } from '@/db/queries/audit';
import { workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

export const GET = apiRoute(async ({ request, principal }) => {
  const adminOf = workspaceIdsWithRole(principal, 'admin');
  if (adminOf.length === 0 && !principal.isInstanceAdmin)
    throw ApiError.forbidden('Only admins can read the audit log.');
  const events = await listAuditEvents(principal.isInstanceAdmin ? 'all' : adminOf);
  return Response.json(collection(request, events, { start: 0, limit: 200 }, events.length));
});
