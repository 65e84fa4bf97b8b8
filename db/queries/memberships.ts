import { and, eq } from 'drizzle-orm';

import { getDb } from '../client';
import { memberships, type Role } from '../schema';
import { activeAdmins, onlyAdminOf, serializeAdminChanges } from './workspace-admins';

export type MembershipChange =
  | { outcome: 'changed'; role: Role; previousRole: Role | undefined }
  | { outcome: 'not-member' }
  | { outcome: 'only-admin' };

/**
 * Gives a user `role` in a workspace (adding them when `add` says so) unless that takes away its
 * only enabled admin. Runs under the admin-changes lock, so two admins demoting each other at once
 * are decided one after the other.
 */
export async function setMemberRole(
  workspaceId: string,
  userId: string,
  role: Role,
  options: { add: boolean },
): Promise<MembershipChange> {
  return getDb().transaction(async (tx): Promise<MembershipChange> => {
    await serializeAdminChanges(tx);
    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    if (!current && !options.add) return { outcome: 'not-member' };
    if (current?.role === 'admin' && role !== 'admin') {
      if (onlyAdminOf(await activeAdmins(tx, [workspaceId]), userId).length > 0) return { outcome: 'only-admin' };
    }
    await tx
      .insert(memberships)
      .values({ workspaceId, userId, role })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } });
    return { outcome: 'changed', role, previousRole: current?.role };
  });
}

export type MembershipRemoval =
  { outcome: 'removed'; role: Role } | { outcome: 'not-member' } | { outcome: 'only-admin' };

/** Removes a member unless they are the workspace's only enabled admin (under the admin-changes lock). */
export async function removeMember(workspaceId: string, userId: string): Promise<MembershipRemoval> {
  return getDb().transaction(async (tx): Promise<MembershipRemoval> => {
    await serializeAdminChanges(tx);
    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    if (!current) return { outcome: 'not-member' };
    if (current.role === 'admin' && onlyAdminOf(await activeAdmins(tx, [workspaceId]), userId).length > 0) {
      return { outcome: 'only-admin' };
    }
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return { outcome: 'removed', role: current.role };
  });
}
