import type { z } from 'zod';

import type { createWebhookBody, deliverySchema, updateWebhookBody, webhookSchema } from '@/lib/api-contract/webhooks';

import { apiFetch, apiPath, withQuery, type Collection } from './client';

/** A workspace's webhook endpoints and their delivery log. */

export type Webhook = z.output<typeof webhookSchema>;
export type WebhookDelivery = z.output<typeof deliverySchema>;

export function listWebhooks(workspaceId: string): Promise<Collection<Webhook>> {
  return apiFetch<Collection<Webhook>>(apiPath`/workspaces/${workspaceId}/webhooks`);
}

/** Adds an endpoint; the answer carries its secret (made by the server unless given). */
export function createWebhook(workspaceId: string, body: z.input<typeof createWebhookBody>): Promise<Webhook> {
  return apiFetch<Webhook>(apiPath`/workspaces/${workspaceId}/webhooks`, { method: 'POST', json: body });
}

export function updateWebhook(
  workspaceId: string,
  webhookId: string,
  body: z.input<typeof updateWebhookBody>,
): Promise<Webhook> {
  return apiFetch<Webhook>(apiPath`/workspaces/${workspaceId}/webhooks/${webhookId}`, { method: 'PATCH', json: body });
}

export function deleteWebhook(workspaceId: string, webhookId: string): Promise<void> {
  return apiFetch<void>(apiPath`/workspaces/${workspaceId}/webhooks/${webhookId}`, { method: 'DELETE' });
}

/** Queues a test call to the endpoint. */
export function testWebhook(workspaceId: string, webhookId: string): Promise<WebhookDelivery> {
  return apiFetch<WebhookDelivery>(apiPath`/workspaces/${workspaceId}/webhooks/${webhookId}/test`, { method: 'POST' });
}

/** The endpoint's newest `limit` deliveries. */
export function listDeliveries(
  workspaceId: string,
  webhookId: string,
  limit: number,
): Promise<Collection<WebhookDelivery>> {
  return apiFetch<Collection<WebhookDelivery>>(
    withQuery(apiPath`/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries`, { limit }),
  );
}

/** Sends a delivery's message again, as a new delivery with the same message id. */
export function resendDelivery(workspaceId: string, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
  return apiFetch<WebhookDelivery>(
    apiPath`/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries/${deliveryId}/resend`,
    { method: 'POST' },
  );
}
