import { createInvitation } from '@/db/queries/invitations';
import { setMemberRole } from '@/db/queries/memberships';
import { getUserByEmail, normalizeEmail } from '@/db/queries/users';
import { listMembers } from '@/db/queries/workspaces';
import type { Role } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';

import { INVITATION_DAYS, invitationPath, linkHash, newLinkSecret } from './invitation-link';
import { toInvitationResource } from './invitation-resource';
import { onlyAdminConflict } from './only-admin';

export type AddMemberOutcome =
  | { kind: 'member'; status: 200 | 201; member: { userId: string; email: string; name: string; role: Role } }
  | { kind: 'invitation'; invitation: ReturnType<typeof toInvitationResource> & { acceptPath: string } };

/**
 * An admin adds `email` to a workspace with `role`. A current member gets the role (never taking away
 * the workspace's only admin). Anyone else is invited — whether or not the email has an account, so
 * the answer never tells a workspace admin which emails exist on the instance: an account accepts on
 * its account page, a new person through the one-time link in the answer. Only an instance admin,
 * who sees every account anyway, adds an existing account directly.
 */
export async function addMember(
  principal: Principal,
  workspace: { id: string; name: string },
  email: string,
  role: Role,
): Promise<AddMemberOutcome> {
  const normalized = normalizeEmail(email);
  const member = (await listMembers(workspace.id)).find((m) => m.email === normalized);
  const user = member ? undefined : principal.isInstanceAdmin ? await getUserByEmail(normalized) : undefined;
  const target = member ?? (user && { userId: user.id, email: user.email, name: user.name });
  if (target) {
    const change = await setMemberRole(workspace.id, target.userId, role, { add: !member });
    if (change.outcome === 'only-admin') throw onlyAdminConflict(target.email, workspace.name);
    if (change.outcome === 'not-member') throw ApiError.notFound('The member');
    await auditAs(principal, {
      workspaceId: workspace.id,
      action: member ? 'member.role' : 'member.add',
      targetType: 'user',
      targetId: target.userId,
      detail: { email: target.email, role, ...(member && { previousRole: change.previousRole }) },
    });
    return { kind: 'member', status: member ? 200 : 201, member: { ...target, role } };
  }
  const secret = newLinkSecret();
  const invitation = await createInvitation({
    workspaceId: workspace.id,
    email: normalized,
    role,
    linkHash: linkHash(secret),
    invitedBy: principal.userId,
    invitedByEmail: principal.email,
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
  });
  await auditAs(principal, {
    workspaceId: workspace.id,
    action: 'invitation.create',
    targetType: 'invitation',
    targetId: invitation.id,
    detail: { email: normalized, role },
  });
  return {
    kind: 'invitation',
    invitation: {
      ...toInvitationResource({ ...invitation, workspaceName: workspace.name }),
      acceptPath: invitationPath(secret),
    },
  };
}
