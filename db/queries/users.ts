import { and, asc, eq, inArray, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { memberships, users, workspaces, type Role } from '../schema';

export type PublicUser = { id: string; email: string; name: string; createdAt: Date };

const publicColumns = { id: users.id, email: users.email, name: users.name, createdAt: users.createdAt };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(email: string) {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

export async function getUserById(id: string): Promise<PublicUser | undefined> {
  const [user] = await getDb().select(publicColumns).from(users).where(eq(users.id, id));
  return user;
}

/** A user with what decides whether they may act: the gate of every request. */
export type Account = PublicUser & {
  sessionVersion: number;
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
  disabledAt: Date | null;
  isInstanceAdmin: boolean;
};

const accountColumns = {
  ...publicColumns,
  sessionVersion: users.sessionVersion,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
  disabledAt: users.disabledAt,
  isInstanceAdmin: users.isInstanceAdmin,
};

export async function getAccount(id: string): Promise<Account | undefined> {
  const [user] = await getDb().select(accountColumns).from(users).where(eq(users.id, id));
  return user;
}

export async function requirePasswordChange(id: string): Promise<void> {
  await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, id));
}

export async function countUsers(): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(users);
  return row?.n ?? 0;
}

/** Creates a user; returns undefined when the email is taken. */
export async function createUser(input: {
  email: string;
  name: string;
  passwordHash: string;
  mustChangePassword?: boolean;
  isInstanceAdmin?: boolean;
}): Promise<PublicUser | undefined> {
  const [user] = await getDb()
    .insert(users)
    .values({ ...input, email: normalizeEmail(input.email) })
    .onConflictDoNothing()
    .returning(publicColumns);
  return user;
}

export type UserWithMemberships = Account & {
  memberships: { workspaceId: string; workspaceName: string; role: Role }[];
};

/**
 * Users with their role in each workspace: those who belong to any of `workspaceIds`, or every user
 * (those in no workspace too) for `'all'`. Memberships outside `workspaceIds` are not listed.
 */
export async function listUsers(workspaceIds: string[] | 'all'): Promise<UserWithMemberships[]> {
  if (workspaceIds !== 'all' && workspaceIds.length === 0) return [];
  const rows = await getDb()
    .select({
      ...accountColumns,
      workspaceId: memberships.workspaceId,
      workspaceName: workspaces.name,
      role: memberships.role,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(workspaceIds === 'all' ? undefined : inArray(memberships.workspaceId, workspaceIds))
    .orderBy(asc(users.email), asc(workspaces.name));
  const byUser = new Map<string, UserWithMemberships>();
  for (const { workspaceId, workspaceName, role, ...user } of rows) {
    const entry = byUser.get(user.id) ?? { ...user, memberships: [] };
    if (workspaceId && workspaceName && role) entry.memberships.push({ workspaceId, workspaceName, role });
    byUser.set(user.id, entry);
  }
  return [...byUser.values()];
}

export async function deleteMembership(workspaceId: string, userId: string): Promise<boolean> {
  const deleted = await getDb()
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return deleted.length > 0;
}
