import { z } from 'zod';

import { pagingSchema } from '@/lib/http/collection';

import { apiSchemas, collectionOf } from './common';

export const auditEventSchema = z
  .looseObject({
    id: z.union([z.string(), z.number()]),
    workspaceId: z.string().nullable(),
    actorEmail: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    detail: z.unknown(),
    createdAt: z.string(),
    about: z
      .looseObject({ listName: z.string().optional(), job: z.looseObject({ state: z.string() }).optional() })
      .describe('What the event is about as it is now: the list’s name, the job’s outcome.'),
  })
  .register(apiSchemas, { id: 'AuditEvent', description: 'Who did what, when, to which workspace, list or job.' });

/**
 * A page of the log, newest first. Without `limit` the newest 200 come, as before paging: a
 * script that read the latest events keeps getting them. Scripts page with `before`, the
 * `nextBefore` of the page they read: `start` counts from the newest event, so the events recorded
 * while a script pages would shift its pages (kept for the callers that send it).
 */
export const auditQuery = pagingSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'Only the events older than this id: the `nextBefore` of the page read before. Pages read this way neither repeat nor skip an event while new ones are recorded; `start` and `count` then count from it.',
    ),
});

export const auditPageSchema = collectionOf(auditEventSchema).extend({
  nextBefore: z
    .number()
    .int()
    .optional()
    .describe(
      'The `before` that asks for the next, older page (the id of this page’s oldest event); absent on the last.',
    ),
});
