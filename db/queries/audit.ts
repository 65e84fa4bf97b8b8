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

export async function listAuditEvents(workspaceIds: string[], limit = 200) {
  if (workspaceIds.length === 0) return [];
  return getDb()
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.workspaceId, workspaceIds))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
