import { z } from 'zod';

import { apiSchemas } from './common';

/** The custom-import envelope `{status, message, payload}` of the family's custom-import operations. */
export const envelopeSchema = z
  .object({
    status: z.enum(['SUCCESS', 'ERROR']),
    message: z.string(),
    payload: z.unknown(),
  })
  .register(apiSchemas, { id: 'CustomImportEnvelope' });

/** `{values}` (and `preview` on submit), as JSON or as multipart with each file a part named after its input. */
export const customImportRequestSchema = z.looseObject({
  values: z.record(z.string(), z.unknown()).optional(),
  preview: z.unknown().optional(),
});
