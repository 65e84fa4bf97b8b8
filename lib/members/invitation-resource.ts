import type { InvitationView } from '@/db/queries/invitations';

/** An invitation as the API shows it to the inviting admin and to the invitee. */
export function toInvitationResource(invitation: InvitationView) {
  return {
    id: invitation.id,
    workspaceId: invitation.workspaceId,
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedByEmail,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
