import { removeMember, setMemberRole } from '@/db/queries/memberships';
import { listMembers } from '@/db/queries/workspaces';
import { changeMemberRoleBody } from '@/lib/api-contract/workspaces';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { apiRoute } from '@/lib/http/handler';
import { onlyAdminConflict } from '@/lib/members/only-admin';
import { isUuid } from '@/lib/shared/ids';

type Params = { workspaceId: string; userId: string };

async function requireMember(workspaceId: string, userId: string) {
  const member = isUuid(userId) ? (await listMembers(workspaceId)).find((m) => m.userId === userId) : undefined;
  if (!member) throw ApiError.notFound('The member');
  return member;
}

/** Changes a member's role; never takes away the workspace's only enabled admin. */
export const PATCH = apiRoute<Params>(async ({ request, principal, params }) => {
  const workspace = requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const body = await readJson(request, changeMemberRoleBody);
  const member = await requireMember(params.workspaceId, params.userId);
  const change = await setMemberRole(params.workspaceId, member.userId, body.role, { add: false });
  if (change.outcome === 'only-admin') throw onlyAdminConflict(member.email, workspace.name);
  if (change.outcome === 'not-member') throw ApiError.notFound('The member');
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'member.role',
    targetType: 'user',
    targetId: member.userId,
    detail: { email: member.email, role: body.role, previousRole: change.previousRole },
  });
  return Response.json({ userId: member.userId, email: member.email, name: member.name, role: body.role });
});

/** Removes a member from the workspace (their account stays); never its only enabled admin. */
export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  const workspace = requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const member = await requireMember(params.workspaceId, params.userId);
  const removal = await removeMember(params.workspaceId, member.userId);
  if (removal.outcome === 'only-admin') throw onlyAdminConflict(member.email, workspace.name);
  if (removal.outcome === 'not-member') throw ApiError.notFound('The member');
  await auditAs(principal, {
    workspaceId: params.workspaceId,
    action: 'member.remove',
    targetType: 'user',
    targetId: member.userId,
    detail: { email: member.email, role: removal.role },
  });
  return new Response(null, { status: 204 });
});
