import { getMembershipsForUser, type WorkspaceMembership } from '@/db/queries/workspaces';
import type { Role } from '@/db/schema';
import { ApiError } from '@/lib/errors';

import { checkCredential, type Credential } from './active-account';
import { verifyApiToken } from './api-token';
import { readSessionCookie, type SessionClaims } from './session';

export type Principal = {
  userId: string;
  email: string;
  name: string;
  memberships: WorkspaceMembership[];
  via: 'token' | 'session';
  /** The API token the request came with, when it came with one. */
  tokenId?: string;
  /** The browser session the request came with, when it came with one. */
  session?: SessionClaims;
  isInstanceAdmin: boolean;
  /** Someone else chose this account's password: until the user chooses their own, only that is allowed. */
  mustChangePassword: boolean;
};

/** Who is calling: an API token (x-auth-jwt or Bearer) or the browser's session cookie. */
export async function authenticate(request: Request): Promise<Principal> {
  const token = bearerToken(request);
  let credential: Credential | undefined;
  let session: SessionClaims | undefined;
  if (token) {
    const verified = await verifyApiToken(token);
    if (verified && 'expiredAt' in verified)
      throw ApiError.unauthenticated(
        `This token expired on ${verified.expiredAt.toISOString()}.`,
        'Get a new token from POST /api/v1/auth/token (each lasts TOKEN_TTL_HOURS, 30 days by default) and send it in the x-auth-jwt or Authorization: Bearer header.',
      );
    if (verified) credential = { via: 'token', ...verified };
  } else {
    session = await readSessionCookie(request.headers.get('cookie') ?? '');
    if (session) credential = { via: 'session', userId: session.userId, sessionVersion: session.sessionVersion };
  }
  if (!credential) throw ApiError.unauthenticated();
  const { account, refusal } = await checkCredential(credential);
  if (!account) throw ApiError.unauthenticated(refusal);
  return {
    userId: account.id,
    email: account.email,
    name: account.name,
    memberships: await getMembershipsForUser(account.id),
    via: credential.via,
    ...(credential.via === 'token' && { tokenId: credential.tokenId }),
    ...(session && { session }),
    isInstanceAdmin: account.isInstanceAdmin,
    mustChangePassword: account.mustChangePassword,
  };
}

function bearerToken(request: Request): string | undefined {
  const direct = request.headers.get('x-auth-jwt')?.trim();
  if (direct) return direct;
  const authorization = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match?.[1];
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

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
