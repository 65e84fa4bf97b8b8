import { and, eq, inArray, isNull, sql } from 'drizzle-orm';

import type { getDb } from '../client';
import { memberships, users, workspaces } from '../schema';

export type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

const ADMIN_CHANGES_LOCK = 4_242_002;

/**
 * Changes that can take away an admin (demoting, removing, disabling) run one at a time, each
 * reading the admins as the previous one left them: two admins demoting or disabling each other at
 * the same moment can never leave a workspace, or the instance, without an admin. They are rare, so
 * one lock for all costs nothing.
 */
export async function serializeAdminChanges(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK})`);
}

/** The enabled admins of each of the workspaces. */
export async function activeAdmins(
  tx: Tx,
  workspaceIds: string[],
): Promise<Map<string, { name: string; adminIds: string[] }>> {
  const byWorkspace = new Map<string, { name: string; adminIds: string[] }>();
  if (workspaceIds.length === 0) return byWorkspace;
  const rows = await tx
    .select({ workspaceId: memberships.workspaceId, name: workspaces.name, userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(
      and(inArray(memberships.workspaceId, workspaceIds), eq(memberships.role, 'admin'), isNull(users.disabledAt)),
    );
  for (const row of rows) {
    const entry = byWorkspace.get(row.workspaceId) ?? { name: row.name, adminIds: [] };
    entry.adminIds.push(row.userId);
    byWorkspace.set(row.workspaceId, entry);
  }
  return byWorkspace;
}

/** Names of the workspaces in which `userId` is the only enabled admin (from activeAdmins' answer). */
export function onlyAdminOf(admins: Map<string, { name: string; adminIds: string[] }>, userId: string): string[] {
  return [...admins.values()]
    .filter((w) => w.adminIds.length === 1 && w.adminIds[0] === userId)
    .map((w) => w.name)
    .sort();
}
