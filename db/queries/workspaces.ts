import { and, asc, count, eq, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { memberships, users, workspaces, type Role } from '../schema';

export type WorkspaceMembership = { id: string; name: string; role: Role };

/** The workspaces a user belongs to, with their role in each: the root of every authorisation check. */
export async function getMembershipsForUser(userId: string): Promise<WorkspaceMembership[]> {
  return getDb()
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

/** Creates a workspace with its creator as admin; undefined when the name is taken. */
export async function createWorkspace(name: string, creatorId: string) {
  return getDb().transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name }).onConflictDoNothing().returning();
    if (!workspace) return undefined;
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: creatorId, role: 'admin' });
    return workspace;
  });
}

export async function getWorkspaceByName(name: string) {
  const [workspace] = await getDb().select().from(workspaces).where(eq(workspaces.name, name));
  return workspace;
}

/** Adds or changes a member's role. */
export async function upsertMembership(workspaceId: string, userId: string, role: Role) {
  const [row] = await getDb()
    .insert(memberships)
    .values({ workspaceId, userId, role })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } })
    .returning();
  return row;
}

export async function listMembers(workspaceId: string) {
  return getDb()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
      disabled: sql<boolean>`${users.disabledAt} is not null`,
      mustChangePassword: users.mustChangePassword,
      instanceAdmin: users.isInstanceAdmin,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

export async function countAdmins(workspaceId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'admin')));
  return row?.n ?? 0;
}
