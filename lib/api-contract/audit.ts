import { z } from 'zod';

import { apiSchemas } from './common';

export const auditEventSchema = z
  .looseObject({ id: z.union([z.string(), z.number()]), action: z.string() })
  .register(apiSchemas, { id: 'AuditEvent', description: 'Who did what, when, to which workspace, list or job.' });
