import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { apiTokens, memberships, users } from '../schema';
import { activeAdmins, onlyAdminOf, serializeAdminChanges, type Tx } from './workspace-admins';

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

export type DisableOutcome =
  | { outcome: 'disabled'; tokensRevoked: number }
  | { outcome: 'already-disabled' }
  | { outcome: 'only-admin'; workspaces: string[] }
  | { outcome: 'only-instance-admin' };

/**
 * Disables an account: its sessions end (session version) and its tokens are revoked at once, in
 * one transaction — unless it is the only enabled admin of a workspace or of the instance, which
 * would leave nobody able to administer it.
 */
export async function disableAccount(userId: string): Promise<DisableOutcome> {
  return getDb().transaction(async (tx): Promise<DisableOutcome> => {
    await serializeAdminChanges(tx);
    const adminOf = await tx
      .select({ workspaceId: memberships.workspaceId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, 'admin')));
    const only = onlyAdminOf(
      await activeAdmins(
        tx,
        adminOf.map((m) => m.workspaceId),
      ),
      userId,
    );
    if (only.length > 0) return { outcome: 'only-admin', workspaces: only };
    const instanceAdmins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.isInstanceAdmin, true), isNull(users.disabledAt)));
    if (instanceAdmins.length === 1 && instanceAdmins[0]!.id === userId) return { outcome: 'only-instance-admin' };
    const [disabled] = await tx
      .update(users)
      .set({ disabledAt: sql`now()`, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), isNull(users.disabledAt)))
      .returning({ id: users.id });
    if (!disabled) return { outcome: 'already-disabled' };
    return { outcome: 'disabled', tokensRevoked: await revokeTokens(tx, userId) };
  });
}

/** Lets a disabled account sign in again (its old sessions and tokens stay ended). */
export async function enableAccount(userId: string): Promise<boolean> {
  const rows = await getDb()
    .update(users)
    .set({ disabledAt: null })
    .where(and(eq(users.id, userId), isNotNull(users.disabledAt)))
    .returning({ id: users.id });
  return rows.length > 0;
}
