import { recordAudit, type AuditEntry } from '@/db/queries/audit';
import type { WorkspaceMembership } from '@/db/queries/workspaces';

/**
 * Records something done to an account in the audit log of each workspace it belongs to, so their
 * admins see it; an account in no workspace is recorded for the instance (its admins see everything).
 */
export async function recordAccountAudit(
  entry: Omit<AuditEntry, 'workspaceId'>,
  memberships: WorkspaceMembership[],
): Promise<void> {
  const workspaceIds = memberships.length > 0 ? memberships.map((m) => m.id) : [null];
  for (const workspaceId of workspaceIds) await recordAudit({ ...entry, workspaceId });
}
