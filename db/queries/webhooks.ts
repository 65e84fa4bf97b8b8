import { and, count, desc, eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';

import { getDb, getSql } from '../client';
import {
  webhookDeliveries,
  webhookEndpoints,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEvent,
} from '../schema';

/** Named reads and writes of webhook endpoints and their queued deliveries. */

export async function listWebhookEndpoints(workspaceId: string): Promise<WebhookEndpoint[]> {
  return getDb()
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(webhookEndpoints.createdAt);
}

export async function getWebhookEndpoint(workspaceId: string, id: string): Promise<WebhookEndpoint | undefined> {
  const [endpoint] = await getDb()
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  return endpoint;
}

export async function createWebhookEndpoint(values: {
  workspaceId: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  secret: string;
  enabled: boolean;
  createdBy: string;
}): Promise<WebhookEndpoint> {
  const [endpoint] = await getDb().insert(webhookEndpoints).values(values).returning();
  return endpoint!;
}

export type WebhookEndpointChange = Partial<
  Pick<WebhookEndpoint, 'url' | 'description' | 'events' | 'secret' | 'enabled'>
>;

/** Switching an endpoint on again forgets its failures, so it gets a fresh start. */
export async function updateWebhookEndpoint(
  workspaceId: string,
  id: string,
  change: WebhookEndpointChange,
): Promise<WebhookEndpoint | undefined> {
  const [endpoint] = await getDb()
    .update(webhookEndpoints)
    .set({
      ...change,
      modifiedAt: new Date(),
      ...(change.enabled === true && { consecutiveFailures: 0, disabledAt: null, disabledReason: null }),
    })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning();
  return endpoint;
}

export async function deleteWebhookEndpoint(workspaceId: string, id: string): Promise<boolean> {
  const rows = await getDb()
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export async function listWebhookDeliveries(
  endpointId: string,
  paging: { start: number; limit: number },
): Promise<{ items: WebhookDelivery[]; count: number }> {
  const db = getDb();
  const where = eq(webhookDeliveries.endpointId, endpointId);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .offset(paging.start)
      .limit(paging.limit),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { items, count: total?.n ?? 0 };
}

/**
 * "Send again": the same message (same webhook-id and body, so a receiver that handled it can tell)
 * is queued for now, with a fresh retry window.
 */
export async function resendWebhookDelivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
  const [delivery] = await getDb()
    .update(webhookDeliveries)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: new Date(), createdAt: new Date(), lockedUntil: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)))
    .returning();
  return delivery;
}

export async function queueTestDelivery(
  endpointId: string,
  messageId: string,
  payload: unknown,
): Promise<WebhookDelivery> {
  const [delivery] = await getDb()
    .insert(webhookDeliveries)
    .values({ endpointId, messageId, eventType: 'webhook.test', payload })
    .returning();
  return delivery!;
}

/**
 * Queues the events of a job that just ended for every enabled endpoint of its workspace that asked
 * for them: job.completed / job.failed / job.cancelled, and list.purged / list.restored for a
 * completed purge / restore. Run
 * in the transaction that ends the job where there is one, so the event commits with the end. The
 * unique index makes a second call for the same end harmless.
 */
export async function queueJobEndedDeliveries(
  jobId: string,
  executor: postgres.Sql | postgres.TransactionSql = getSql(),
) {
  await executor.unsafe(
    `insert into webhook_deliveries (endpoint_id, message_id, event_type, job_id)
     select e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), ev.type, j.id
       from jobs j
       cross join lateral (values ('job.' || j.state),
                                  (case when j.state <> 'completed' then null
                                        when j.kind = 'purge' then 'list.purged'
                                        when j.kind = 'restore' then 'list.restored' end)) as ev(type)
       join webhook_endpoints e on e.workspace_id = j.workspace_id and e.enabled and ev.type = any(e.events)
      where j.id = $1 and j.state in ('completed', 'failed', 'cancelled') and ev.type is not null
     on conflict (endpoint_id, event_type, job_id) do nothing`,
    [jobId],
  );
}

export type DueDelivery = WebhookDelivery & { url: string; secret: string; workspaceId: string };

/**
 * Takes up to `limit` deliveries that are due, for this worker only: SKIP LOCKED hands each to one
 * process, and `locked_until` lets another take it over if this one dies while sending.
 */
export async function claimDueDeliveries(limit: number, lockSeconds: number): Promise<DueDelivery[]> {
  const rows = await getSql().unsafe(
    `update webhook_deliveries d set locked_until = now() + make_interval(secs => $2)
      from webhook_endpoints e
     where d.endpoint_id = e.id and d.id in (
       select d2.id from webhook_deliveries d2 join webhook_endpoints e2 on e2.id = d2.endpoint_id
        where d2.state = 'pending' and d2.next_attempt_at <= now() and e2.enabled
          and (d2.locked_until is null or d2.locked_until < now())
        order by d2.next_attempt_at limit $1 for update of d2 skip locked)
     returning d.id, d.endpoint_id, d.message_id, d.event_type, d.job_id, d.payload, d.attempts, d.created_at,
               e.url, e.secret, e.workspace_id`,
    [limit, lockSeconds],
  );
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    eventType: r.event_type,
    jobId: r.job_id,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
    url: r.url,
    secret: r.secret,
    workspaceId: r.workspace_id,
  })) as DueDelivery[];
}

export async function setDeliveryPayload(id: string, payload: unknown): Promise<void> {
  await getDb().update(webhookDeliveries).set({ payload }).where(eq(webhookDeliveries.id, id));
}

export type AttemptRecord = {
  ok: boolean;
  status: number | null;
  excerpt: string;
  durationMs: number;
  /** When to try again; undefined after a success or when the retry window is over. */
  nextAttemptAt: Date | undefined;
};

/**
 * Writes one attempt's outcome and keeps the endpoint's count of failures in a row; at
 * `disableAfter` failures the endpoint is switched off with the reason shown on the page.
 */
export async function recordDeliveryAttempt(
  delivery: Pick<DueDelivery, 'id' | 'endpointId'>,
  attempt: AttemptRecord,
  disableAfter: number,
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        state: attempt.ok ? 'delivered' : attempt.nextAttemptAt ? 'pending' : 'failed',
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: new Date(),
        nextAttemptAt: attempt.ok ? null : (attempt.nextAttemptAt ?? null),
        lockedUntil: null,
        responseStatus: attempt.status,
        responseExcerpt: attempt.excerpt,
        durationMs: attempt.durationMs,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (attempt.ok) {
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
      return;
    }
    await tx
      .update(webhookEndpoints)
      .set({
        consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`,
        enabled: sql`${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 < ${disableAfter}`,
        disabledAt: sql`case when ${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 >= ${disableAfter} then now() else ${webhookEndpoints.disabledAt} end`,
        disabledReason: sql`case when ${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 >= ${disableAfter} then ${`After ${disableAfter} failed attempts in a row.`} else ${webhookEndpoints.disabledReason} end`,
      })
      .where(eq(webhookEndpoints.id, delivery.endpointId));
  });
}
