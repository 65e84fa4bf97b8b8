import { recordAudit } from '@/db/queries/audit';
import { findOpenInvitationByLink, redeemInvitationLink } from '@/db/queries/invitations';
import { acceptInvitationBody } from '@/lib/api-contract/accounts';
import { clientAddressOf } from '@/lib/auth/client-address';
import { withPasswordWork } from '@/lib/auth/password-work';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { publicApiRoute } from '@/lib/http/handler';
import { isLinkSecret, linkHash } from '@/lib/members/invitation-link';
import { hashPassword } from '@/lib/password';

type Params = { secret: string };

function notOpen(): ApiError {
  return new ApiError(
    404,
    ERROR_CODES.notFound,
    'This invitation link does not work: it was already used, was cancelled, or has expired.',
    'Ask the admin who invited you for a new invitation.',
  );
}

/** What a one-time invitation link offers: which workspace, with which role, for which email. */
export const GET = publicApiRoute<Params>(async ({ params }) => {
  const invitation = isLinkSecret(params.secret) ? await findOpenInvitationByLink(linkHash(params.secret)) : undefined;
  if (!invitation) throw notOpen();
  return Response.json({
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedByEmail,
    expiresAt: invitation.expiresAt.toISOString(),
  });
});

/** Creates the invited person's account with the name and password they choose, and makes them a member. */
export const POST = publicApiRoute<Params>(async ({ request, params }) => {
  if (!isLinkSecret(params.secret)) throw notOpen();
  const body = await readJson(request, acceptInvitationBody);
  const client = clientAddressOf(request.headers);
  const passwordHash = await withPasswordWork(client, () => hashPassword(body.password));
  const redeemed = await redeemInvitationLink(linkHash(params.secret), { name: body.name, passwordHash });
  if (redeemed.outcome === 'not-open') throw notOpen();
  if (redeemed.outcome === 'email-taken') {
    // Recorded for the instance's admins: the inviting admin holds this link too, and could try it
    // to learn that the email has an account.
    await recordAudit({
      workspaceId: null,
      actorId: null,
      actorEmail: redeemed.invitation.email,
      action: 'invitation.link.refused',
      targetType: 'invitation',
      targetId: redeemed.invitation.id,
      detail: { reason: 'the email has an account', client, invitedBy: redeemed.invitation.invitedByEmail },
    });
    throw ApiError.conflict(
      ERROR_CODES.conflict,
      `${redeemed.invitation.email} already has a Listport account.`,
      'Sign in with that account and accept the invitation on the "Your account" page.',
    );
  }
  const { user, invitation } = redeemed;
  await recordAudit({
    workspaceId: invitation.workspaceId,
    actorId: user.id,
    actorEmail: user.email,
    action: 'invitation.accept',
    targetType: 'invitation',
    targetId: invitation.id,
    detail: { role: invitation.role, newAccount: true, client },
  });
  return Response.json(
    { id: user.id, email: user.email, name: user.name, workspaceId: invitation.workspaceId, role: invitation.role },
    { status: 201 },
  );
});
