import { z } from 'zod';

import { recordAudit } from '@/db/queries/audit';
import { getUserByEmail } from '@/db/queries/users';
import { listMembers, upsertMembership } from '@/db/queries/workspaces';
import { ROLES } from '@/db/schema';
import { requireRole } from '@/lib/auth/principal';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';

type Params = { workspaceId: string };

const bodySchema = z.object({
  email: z.string().trim().email('email must be an email address'),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
});

export const GET = apiRoute<Params>(async ({ request, principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const members = await listMembers(params.workspaceId);
  return Response.json(collection(request, members, { start: 0, limit: Math.max(members.length, 1) }, members.length));
});

export const POST = apiRoute<Params>(async ({ request, principal, params }) => {
  requireRole(principal, params.workspaceId, 'admin', 'The workspace');
  const body = await readJson(request, bodySchema);
  const user = await getUserByEmail(body.email);
  if (!user) {
    throw ApiError.badRequest(
      `There is no user with the email ${body.email}.`,
      'Create the user first (POST /api/v1/users), then add them to the workspace.',
    );
  }
  const membership = await upsertMembership(params.workspaceId, user.id, body.role);
  await recordAudit({
    workspaceId: params.workspaceId,
    actorId: principal.userId,
    actorEmail: principal.email,
    action: 'member.add',
    targetType: 'user',
    targetId: user.id,
    detail: body,
  });
  return Response.json(
    { userId: user.id, email: user.email, name: user.name, role: membership?.role ?? body.role },
    { status: 201 },
  );
});
