import { listOpenInvitationsOfWorkspace } from '@/db/queries/invitations';
import { requireRole } from '@/lib/auth/principal';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { toInvitationResource } from '@/lib/members/invitation-resource';

type Params = { workspaceId: string };

/** The workspace's invitations not yet accepted, declined, cancelled or expired. */
export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const items = (await listOpenInvitationsOfWorkspace(params.workspaceId)).map(toInvitationResource);
  return Response.json(collection(request, items, { start: 0, limit: Math.max(items.length, 1) }, items.length));
});
