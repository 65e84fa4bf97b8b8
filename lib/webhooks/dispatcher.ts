import { claimDueDeliveries, recordDeliveryAttempt, setDeliveryPayload, type DueDelivery } from '@/db/queries/webhooks';

import { eventPayload } from './payload';
import { nextAttemptAt } from './retry-schedule';
import { sendSigned } from './send';
import { webhookSettings } from './settings';

const BATCH = 10;
let timer: NodeJS.Timeout | undefined;
let running = false;

/**
 * Sends due webhook deliveries from the database, in every worker process: each poll claims a few
 * (SKIP LOCKED, so two processes never send the same one at once), sends them side by side, and
 * writes each outcome with its next attempt.
 */
export function startWebhookDispatcher(): void {
  const { pollMs } = webhookSettings();
  timer = setInterval(() => void dispatchDue(), pollMs);
  timer.unref();
}

export function stopWebhookDispatcher(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

export async function dispatchDue(): Promise<void> {
  if (running) return;
  running = true;
  try {
    const settings = webhookSettings();
    const due = await claimDueDeliveries(BATCH, Math.ceil(settings.timeoutMs / 1000) + 30);
    await Promise.all(due.map((delivery) => deliver(delivery, settings)));
  } catch (error) {
    console.error('[webhooks] dispatch failed:', error);
  } finally {
    running = false;
  }
}

async function deliver(delivery: DueDelivery, settings: ReturnType<typeof webhookSettings>): Promise<void> {
  let payload = delivery.payload;
  if (payload === null || payload === undefined) {
    payload = await eventPayload(delivery.eventType, delivery.jobId);
    await setDeliveryPayload(delivery.id, payload);
  }
  const outcome = await sendSigned(
    { url: delivery.url, secret: delivery.secret, messageId: delivery.messageId, body: JSON.stringify(payload) },
    settings,
  );
  const attempts = delivery.attempts + 1;
  await recordDeliveryAttempt(
    delivery,
    {
      ...outcome,
      nextAttemptAt: outcome.ok ? undefined : nextAttemptAt(attempts, delivery.createdAt, settings.retry),
    },
    settings.disableAfter,
  );
}
