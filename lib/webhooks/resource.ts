import type { WebhookDelivery, WebhookEndpoint } from '@/db/schema';

export function toWebhookResource(endpoint: WebhookEndpoint) {
  return {
    id: endpoint.id,
    workspaceId: endpoint.workspaceId,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    secret: endpoint.secret,
    enabled: endpoint.enabled,
    consecutiveFailures: endpoint.consecutiveFailures,
    disabledTimeStamp: endpoint.disabledAt?.toISOString() ?? null,
    disabledReason: endpoint.disabledReason,
    creationTimeStamp: endpoint.createdAt.toISOString(),
    modifiedTimeStamp: endpoint.modifiedAt.toISOString(),
  };
}

export function toDeliveryResource(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    messageId: delivery.messageId,
    eventType: delivery.eventType,
    jobId: delivery.jobId,
    state: delivery.state,
    attempts: delivery.attempts,
    responseStatus: delivery.responseStatus,
    responseExcerpt: delivery.responseExcerpt,
    durationMs: delivery.durationMs,
    creationTimeStamp: delivery.createdAt.toISOString(),
    lastAttemptTimeStamp: delivery.lastAttemptAt?.toISOString() ?? null,
    nextAttemptTimeStamp: delivery.state === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
  };
}
