import { desc, inArray } from 'drizzle-orm';

import { getDb } from '../client';
import { auditEvents } from '../schema';

export type AuditEntry = {
  workspaceId: string | null;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: unknown;
};

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await getDb().insert(auditEvents).values(entry);
}

/**
 * The newest events of the given workspaces; `'all'` (for instance admins) adds every other
 * workspace's and the instance's own (sign-ins, tokens, accounts in no workspace).
 */
export async function listAuditEvents(workspaceIds: string[] | 'all', limit = 200) {
  if (workspaceIds !== 'all' && workspaceIds.length === 0) return [];
  return getDb()
    .select()
    .from(auditEvents)
    .where(workspaceIds === 'all' ? undefined : inArray(auditEvents.workspaceId, workspaceIds))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
