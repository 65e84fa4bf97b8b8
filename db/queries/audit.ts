import { and, desc, eq, inArray, sql } from 'drizzle-orm';

import { getDb } from '../client';
import { auditEvents, jobs, lists } from '../schema';

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
  // What the event is about, as it is now: the list's name and the job's outcome make the log
  // readable as sentences ("… replaced Customers with customers.csv: 2,000 new").
  const listId = sql`coalesce(${auditEvents.detail}->>'listId', case when ${auditEvents.targetType} = 'list' then ${auditEvents.targetId} end)`;
  const rows = await getDb()
    .select({
      event: auditEvents,
      listName: lists.name,
      jobState: jobs.state,
      jobKind: jobs.kind,
      jobResults: jobs.results,
    })
    .from(auditEvents)
    .leftJoin(lists, sql`${lists.id}::text = ${listId}`)
    .leftJoin(jobs, and(eq(auditEvents.targetType, 'job'), sql`${jobs.id}::text = ${auditEvents.targetId}`))
    .where(workspaceIds === 'all' ? undefined : inArray(auditEvents.workspaceId, workspaceIds))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map(({ event, listName, jobState, jobKind, jobResults }) => ({
    ...event,
    about: {
      ...(listName !== null && { listName }),
      ...(jobState !== null && { job: { kind: jobKind, state: jobState, results: jobResults } }),
    },
  }));
}
