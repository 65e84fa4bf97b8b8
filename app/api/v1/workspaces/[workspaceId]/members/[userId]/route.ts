import { recordAudit } from '@/db/queries/audit';
import { deleteMembership } from '@/db/queries/users';
import { countAdmins, listMembers } from '@/db/queries/workspaces';
import { requireRole } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { apiRoute } from '@/lib/http/handler';

type Params = { workspaceId: string; userId: string };

export const DELETE = apiRoute<Params>(async ({ principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const member = (await listMembers(params.workspaceId)).find((m) => m.userId === params.userId);
  if (!member) throw ApiError.notFound('The member');
  if (member.role === 'admin' && (await countAdmins(params.workspaceId)) <= 1) {
    throw ApiError.conflict(
      ERROR_CODES.conflict,
      'This is the last admin of the workspace.',
      'Make another member an admin first.',
    );
  }
  await deleteMembership(params.workspaceId, params.userId);
  await recordAudit({
    workspaceId: params.workspaceId,
    actorId: principal.userId,
    actorEmail: principal.email,
    action: 'member.remove',
    targetType: 'user',
    targetId: params.userId,
  });
  return new Response(null, { status: 204 });
});
