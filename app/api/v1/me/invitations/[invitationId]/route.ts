import { acceptInvitation, closeInvitation } from '@/db/queries/invitations';
import { answerInvitationBody } from '@/lib/api-contract/accounts';
import { auditAs } from '@/lib/audit/audit-as';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { isUuid } from '@/lib/shared/ids';

type Params = { invitationId: string };

/** The invitee accepts (joins the workspace with the invited role) or declines an invitation to their email. */
export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  const { accept } = await readJson(request, answerInvitationBody);
  const invitation = !isUuid(params.invitationId)
    ? undefined
    : accept
      ? await acceptInvitation(params.invitationId, { id: principal.userId, email: principal.email })
      : await closeInvitation(params.invitationId, 'declined', { email: principal.email });
  if (!invitation) {
    throw new ApiError(
      404,
      ERROR_CODES.notFound,
      'The invitation was not found: it was already answered, cancelled, or has expired.',
      'Ask an admin of the workspace to invite you again.',
    );
  }
  await auditAs(principal, {
    workspaceId: invitation.workspaceId,
    action: accept ? 'invitation.accept' : 'invitation.decline',
    targetType: 'invitation',
    targetId: invitation.id,
    detail: { role: invitation.role },
  });
  return Response.json({ id: invitation.id, workspaceId: invitation.workspaceId, accepted: accept });
});
