import { recordAudit, type AuditEntry } from '@/db/queries/audit';

/** Who did it: a signed-in principal (its user id and email). */
type Actor = { userId: string; email: string };

/** Records what a signed-in user did: the actor fields come from the principal, once. */
export function auditAs(actor: Actor, entry: Omit<AuditEntry, 'actorId' | 'actorEmail'>): Promise<void> {
  return recordAudit({ ...entry, actorId: actor.userId, actorEmail: actor.email });
}
