import { and, asc, eq, sql } from 'drizzle-orm';

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

/** Users who belong to any of the given workspaces, with their role in each. */
export async function listUsersInWorkspaces(workspaceIds: string[]) {
  if (workspaceIds.length === 0) return [];
  const rows = await getDb()
    .select({
      ...publicColumns,
      workspaceId: memberships.workspaceId,
      workspaceName: workspaces.name,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(sql`${memberships.workspaceId} in ${workspaceIds}`)
    .orderBy(asc(users.email));
  const byUser = new Map<
    string,
    PublicUser & { memberships: { workspaceId: string; workspaceName: string; role: Role }[] }
  >();
  for (const row of rows) {
    const entry = byUser.get(row.id) ?? {
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: row.createdAt,
      memberships: [],
    };
    entry.memberships.push({ workspaceId: row.workspaceId, workspaceName: row.workspaceName, role: row.role });
    byUser.set(row.id, entry);
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
