import { collectionOf } from '@/lib/api-contract/common';
import { createWebhookBody, deliverySchema, updateWebhookBody, webhookSchema } from '@/lib/api-contract/webhooks';
import { pagingSchema } from '@/lib/http/collection';

import type { Operation } from '../operation';

const tag = 'Webhooks';
const base = '/workspaces/{workspaceId}/webhooks';

export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: base,
    tag,
    summary: 'The workspace’s webhook endpoints (workspace admins)',
    responses: { 200: { description: 'The endpoints, with their secrets.', schema: collectionOf(webhookSchema) } },
  },
  {
    method: 'post',
    path: base,
    tag,
    summary: 'Add a webhook endpoint (workspace admins)',
    description:
      'The URL must be https and resolve to public addresses (unless the server sets WEBHOOK_ALLOW_PRIVATE=true). Each call is signed as Standard Webhooks describe: see docs/webhooks.md.',
    body: createWebhookBody,
    bodyExample: { url: 'https://example.com/listport-hook', events: ['job.completed', 'job.failed'] },
    responses: { 201: { description: 'The endpoint, with its secret.', schema: webhookSchema } },
  },
  {
    method: 'get',
    path: `${base}/{webhookId}`,
    tag,
    summary: 'A webhook endpoint',
    responses: { 200: { description: 'The endpoint.', schema: webhookSchema } },
  },
  {
    method: 'patch',
    path: `${base}/{webhookId}`,
    tag,
    summary: 'Change a webhook endpoint, switch it on or off, or make a new secret',
    body: updateWebhookBody,
    bodyExample: { enabled: true },
    responses: { 200: { description: 'The endpoint.', schema: webhookSchema } },
  },
  {
    method: 'delete',
    path: `${base}/{webhookId}`,
    tag,
    summary: 'Remove a webhook endpoint and its delivery log',
    responses: { 204: { description: 'Removed.' } },
  },
  {
    method: 'get',
    path: `${base}/{webhookId}/deliveries`,
    tag,
    summary: 'The endpoint’s delivery log, newest first',
    query: pagingSchema,
    responses: { 200: { description: 'A page of deliveries.', schema: collectionOf(deliverySchema) } },
  },
  {
    method: 'post',
    path: `${base}/{webhookId}/deliveries/{deliveryId}/resend`,
    tag,
    summary: 'Send a delivery again (same webhook-id and body)',
    responses: { 202: { description: 'Queued.', schema: deliverySchema } },
  },
  {
    method: 'post',
    path: `${base}/{webhookId}/test`,
    tag,
    summary: 'Send a webhook.test event to the endpoint',
    responses: { 202: { description: 'Queued.', schema: deliverySchema } },
  },
];
