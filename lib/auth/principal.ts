import { decode } from 'next-auth/jwt';

import { getUserById } from '@/db/queries/users';
import { getMembershipsForUser, type WorkspaceMembership } from '@/db/queries/workspaces';
import type { Role } from '@/db/schema';
import { ApiError } from '@/lib/errors';

import { verifyApiToken } from './api-token';
import { getAuthSecret } from './secret';

export type Principal = {
  userId: string;
  email: string;
  name: string;
  memberships: WorkspaceMembership[];
  via: 'token' | 'session';
};

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** Who is calling: an API token (x-auth-jwt or Bearer) or the browser's session cookie. */
export async function authenticate(request: Request): Promise<Principal> {
  const token = bearerToken(request);
  let userId: string | undefined;
  let via: Principal['via'] = 'token';
  if (token) {
    userId = await verifyApiToken(token);
  } else {
    via = 'session';
    userId = await sessionUserId(request.headers.get('cookie') ?? '');
  }
  if (!userId) throw ApiError.unauthenticated();
  const user = await getUserById(userId);
  if (!user) throw ApiError.unauthenticated('The account this token or session belongs to no longer exists.');
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: await getMembershipsForUser(user.id),
    via,
  };
}

function bearerToken(request: Request): string | undefined {
  const direct = request.headers.get('x-auth-jwt')?.trim();
  if (direct) return direct;
  const authorization = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match?.[1];
}

export async function sessionUserId(cookieHeader: string): Promise<string | undefined> {
  const cookies = new Map(
    cookieHeader
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, ...string[]] => pair.length >= 2)
      .map(([name, ...rest]) => [name, decodeURIComponent(rest.join('='))]),
  );
  const value = SESSION_COOKIES.map((name) => cookies.get(name)).find(Boolean);
  if (!value) return undefined;
  const secret = await getAuthSecret();
  try {
    const payload = await decode({ token: value, secret });
    return typeof payload?.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function hasRole(principal: Principal, workspaceId: string, minimum: Role): boolean {
  const membership = principal.memberships.find((m) => m.id === workspaceId);
  return Boolean(membership && RANK[membership.role] >= RANK[minimum]);
}

/**
 * The caller's membership in a workspace, with at least `minimum` role. Not a member → 404 (the
 * workspace's things are never shown to exist); member without the role → 403.
 */
export function requireRole(
  principal: Principal,
  workspaceId: string,
  minimum: Role,
  what = 'The item',
): WorkspaceMembership {
  const membership = principal.memberships.find((m) => m.id === workspaceId);
  if (!membership) throw ApiError.notFound(what);
  if (RANK[membership.role] < RANK[minimum]) {
    throw ApiError.forbidden(
      `This needs the ${minimum} role in workspace "${membership.name}"; you are ${membership.role === 'admin' ? 'an' : 'a'} ${membership.role}.`,
    );
  }
  return membership;
}

export function workspaceIdsWithRole(principal: Principal, minimum: Role): string[] {
  return principal.memberships.filter((m) => RANK[m.role] >= RANK[minimum]).map((m) => m.id);
}
