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

/** `{values, preview}`: the schema the route reads JSON bodies with (multipart carries the same fields). */
export { customImportBodySchema as customImportRequestSchema } from '@/lib/custom-imports/request';
