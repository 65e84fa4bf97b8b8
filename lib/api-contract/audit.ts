import { z } from 'zod';

import { pagingSchema } from '@/lib/http/collection';

import { apiSchemas } from './common';

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
 * script that read the latest events keeps getting them; `links` name the next (older) page.
 */
export const auditQuery = pagingSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
