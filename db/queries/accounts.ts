import { and, eq, isNull, ne, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { apiTokens, users } from '../schema';

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** Revokes the user's API tokens that still work, but `keepTokenId`; returns how many. */
async function revokeTokens(tx: Tx, userId: string, keepTokenId?: string): Promise<number> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        sql`${apiTokens.expiresAt} > now()`,
        keepTokenId ? ne(apiTokens.id, keepTokenId) : undefined,
      ),
    )
    .returning({ id: apiTokens.id });
  return revoked.length;
}

/**
 * Sets a new password hash and, in the same transaction, ends every session of the account (a new
 * session version) and revokes its API tokens, except the token the change was made with.
 */
export async function replacePassword(
  userId: string,
  passwordHash: string,
  options: { mustChangePassword: boolean; keepTokenId?: string },
): Promise<{ sessionVersion: number; passwordChangedAt: Date; tokensRevoked: number } | undefined> {
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: options.mustChangePassword,
        passwordChangedAt: sql`now()`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion, passwordChangedAt: users.passwordChangedAt });
    if (!user) return undefined;
    const tokensRevoked = await revokeTokens(tx, userId, options.keepTokenId);
    return { sessionVersion: user.sessionVersion, passwordChangedAt: user.passwordChangedAt!, tokensRevoked };
  });
}

/**
 * Ends every browser session of the account. With `fromVersion`, only if the sessions are still of
 * that version (a sign-out with an already ended session changes nothing).
 */
export async function endSessions(userId: string, fromVersion?: number): Promise<boolean> {
  const rows = await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), fromVersion === undefined ? undefined : eq(users.sessionVersion, fromVersion)))
    .returning({ id: users.id });
  return rows.length > 0;
}
