import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';

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
 * One page of the events of the given workspaces, newest first (by id, the order they were
 * recorded in), and how many there are in all; `'all'` (for instance admins) adds every other
 * workspace's and the instance's own (sign-ins, tokens, accounts in no workspace). With `before`,
 * only the events older than that id count: a page read from there stays the same page however many
 * events are recorded meanwhile. The log only grows: it is read a page at a time, never whole.
 */
export async function listAuditEvents(
  workspaceIds: string[] | 'all',
  paging: { start: number; limit: number; before?: number },
) {
  if (workspaceIds !== 'all' && workspaceIds.length === 0) return { items: [], count: 0 };
  const where = and(
    workspaceIds === 'all' ? undefined : inArray(auditEvents.workspaceId, workspaceIds),
    paging.before === undefined ? undefined : lt(auditEvents.id, paging.before),
  );
  // What the event is about, as it is now: the list's name and the job's outcome make the log
  // readable as sentences ("… replaced Customers with customers.csv: 2,000 new").
  const listId = sql`coalesce(${auditEvents.detail}->>'listId', case when ${auditEvents.targetType} = 'list' then ${auditEvents.targetId} end)`;
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
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
      .where(where)
      .orderBy(desc(auditEvents.id))
      .offset(paging.start)
      .limit(paging.limit),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  const items = rows.map(({ event, listName, jobState, jobKind, jobResults }) => ({
    ...event,
    about: {
      ...(listName !== null && { listName }),
      ...(jobState !== null && { job: { kind: jobKind, state: jobState, results: jobResults } }),
    },
  }));
  return { items, count: total?.n ?? 0 };
}
