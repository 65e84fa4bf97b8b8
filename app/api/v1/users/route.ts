import { createUser, listUsers } from '@/db/queries/users';
import { upsertMembership } from '@/db/queries/workspaces';
import { toUserResource } from '@/lib/accounts/user-resource';
import { createUserBody } from '@/lib/api-contract/accounts';
import { auditAs } from '@/lib/audit/audit-as';
import { requireRole, workspaceIdsWithRole } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { collection } from '@/lib/http/collection';
import { apiRoute } from '@/lib/http/handler';
import { hashPassword } from '@/lib/password';

/** Users in the workspaces the caller administers; every user for an instance admin. */
export const GET = apiRoute(async ({ request, principal }) => {
  const adminOf = workspaceIdsWithRole(principal, 'admin');
  if (adminOf.length === 0 && !principal.isInstanceAdmin) throw ApiError.forbidden('Only admins can list users.');
  const users = (await listUsers(principal.isInstanceAdmin ? 'all' : adminOf)).map(toUserResource);
  return Response.json(collection(request, users, { start: 0, limit: Math.max(users.length, 1) }, users.length));
});

/**
 * Instance admins create accounts with a password. Workspace admins invite instead (POST /workspaces/{id}/members): a "taken" answer here
 * would tell them which emails have accounts on the instance.
 */
export const POST = apiRoute(async ({ request, principal }) => {
  if (!principal.isInstanceAdmin) {
    throw ApiError.forbidden(
      'Only instance admins create accounts directly.',
      'Invite the person instead: POST /api/v1/workspaces/{workspaceId}/members with {"email", "role"} answers with a one-time link to give them.',
    );
  }
  const body = await readJson(request, createUserBody);
  if (body.workspaceId) requireRole(principal, body.workspaceId, 'admin', 'The workspace');
  const user = await createUser({
    email: body.email,
    name: body.name,
    passwordHash: await hashPassword(body.password),
  });
  if (!user)
    throw ApiError.conflict(
      ERROR_CODES.nameTaken,
      `A user with the email ${body.email} already exists.`,
      'Add the existing user to the workspace instead.',
    );
  if (body.workspaceId) await upsertMembership(body.workspaceId, user.id, body.role ?? 'viewer');
  // An account in no workspace is recorded for the instance, whose admins read every event.
  await auditAs(principal, {
    workspaceId: body.workspaceId ?? null,
    action: 'user.create',
    targetType: 'user',
    targetId: user.id,
    detail: { email: user.email, ...(body.workspaceId && { role: body.role ?? 'viewer' }) },
  });
  return Response.json(
    { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() },
    { status: 201 },
  );
});
