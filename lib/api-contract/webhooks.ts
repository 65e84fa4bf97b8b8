import { z } from 'zod';

import { DELIVERY_STATES, WEBHOOK_EVENTS } from '@/db/schema';
import { SECRET_PATTERN } from '@/lib/webhooks/secret';

import { apiSchemas } from './common';

/** Request and answer shapes of a workspace's webhook endpoints and their delivery log. */

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `events are ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, 'choose at least one event')
  .transform((list) => [...new Set(list)]);

const url = z.string().trim().min(1, 'url is required').max(2000, 'url is at most 2,000 characters');

export const createWebhookBody = z.object({
  url,
  events,
  description: z.string().trim().max(200).optional().default(''),
  enabled: z.boolean().optional().default(true),
  secret: z
    .string()
    .regex(SECRET_PATTERN, 'secret must be whsec_ followed by at least 24 bytes in base64')
    .optional()
    .describe('Leave out to have one made; Standard Webhooks form whsec_<base64>.'),
});

export const updateWebhookBody = z.object({
  url: url.optional(),
  events: events.optional(),
  description: z.string().trim().max(200).optional(),
  enabled: z.boolean().optional().describe('true also forgets past failures, after the endpoint was switched off.'),
  rotateSecret: z.boolean().optional().describe('true: a new secret is made; the old one stops working at once.'),
});

export const webhookSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    secret: z.string().describe('Verify each call’s webhook-signature with it (Standard Webhooks).'),
    enabled: z.boolean(),
    consecutiveFailures: z.number().int(),
    disabledTimeStamp: z.string().nullable(),
    disabledReason: z.string().nullable(),
    creationTimeStamp: z.string(),
    modifiedTimeStamp: z.string(),
  })
  .register(apiSchemas, {
    id: 'Webhook',
    description: 'Where a workspace’s events are POSTed, signed with its secret.',
  });

export const deliverySchema = z
  .object({
    id: z.string(),
    messageId: z.string().describe('The webhook-id header: the same on every attempt of this message.'),
    eventType: z.string(),
    jobId: z.string().nullable(),
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable().describe('The first 1 KB of the answer, or what went wrong.'),
    durationMs: z.number().int().nullable(),
    creationTimeStamp: z.string(),
    lastAttemptTimeStamp: z.string().nullable(),
    nextAttemptTimeStamp: z.string().nullable(),
  })
  .register(apiSchemas, {
    id: 'WebhookDelivery',
    description: 'One message to one endpoint and how its sending went.',
  });
