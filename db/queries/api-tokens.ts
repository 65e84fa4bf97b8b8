import { and, desc, eq, gt, isNull } from 'drizzle-orm';

import { getDb } from '../client';
import { apiTokens } from '../schema';

export async function createApiToken(userId: string, label: string, expiresAt: Date) {
  const [token] = await getDb().insert(apiTokens).values({ userId, label, expiresAt }).returning();
  if (!token) throw new Error('Token could not be stored.');
  return token;
}

/** A token is usable while it exists, is not revoked and has not expired. */
export async function isApiTokenActive(tokenId: string, userId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.id, tokenId),
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, new Date()),
      ),
    );
  return Boolean(row);
}

export async function listApiTokens(userId: string) {
  return getDb()
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(200);
}

export async function revokeApiToken(tokenId: string, userId: string): Promise<boolean> {
  const rows = await getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
