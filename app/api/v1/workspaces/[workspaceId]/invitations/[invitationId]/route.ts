import { closeInvitation } from '@/db/queries/invitations';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/shared/ids';

type Params = { workspaceId: string; invitationId: string };

/** Cancels an open invitation: its link stops working and the invitee no longer sees it. */
export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const closed =
    isUuid(params.invitationId) &&
    (await closeInvitation(params.invitationId, 'cancelled', { workspaceId: params.workspaceId }));
  if (!closed) throw ApiError.notFound('The invitation');
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'invitation.cancel',
    targetType: 'invitation',
    targetId: params.invitationId,
  });
  return new Response(null, { status: 204 });
});
