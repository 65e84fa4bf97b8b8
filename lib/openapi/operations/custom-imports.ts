import { z } from 'zod';

import { errorSchema } from '@/lib/api-contract/common';
import { customImportRequestSchema, envelopeSchema } from '@/lib/api-contract/custom-imports';

import type { Operation } from '../operation';

const tag = 'Custom imports';
const base = '/view/{viewId}/custom-import/{customImportId}';
const envelope = (description: string) => ({ description, schema: envelopeSchema });
/** Invalid inputs answer in the envelope; a malformed request in the one error shape. */
const invalid = (description: string) => ({ description, schema: z.union([envelopeSchema, errorSchema]) });

export const CUSTOM_IMPORT_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/custom-imports',
    tag,
    summary: 'The custom import scripts and their inputs',
    responses: { 200: envelope('The scripts in the envelope’s payload.') },
  },
  {
    method: 'get',
    path: '/custom-imports/{customImportId}',
    tag,
    summary: 'One custom import script and its inputs',
    responses: { 200: envelope('The script in the envelope’s payload.') },
  },
  {
    method: 'post',
    path: `${base}/validate-input`,
    tag,
    summary: 'Check the inputs of a custom import for a list (`viewId` is the list id)',
    body: customImportRequestSchema,
    responses: { 200: envelope('Valid.'), 400: invalid('Not valid: the messages say why.') },
  },
  {
    method: 'post',
    path: `${base}/preview`,
    tag,
    summary: 'Preview the records a custom import would load',
    body: customImportRequestSchema,
    responses: { 200: envelope('The preview.'), 400: invalid('Not valid: the messages say why.') },
  },
  {
    method: 'post',
    path: `${base}/submit-job`,
    tag,
    summary: 'Run a custom import as a job',
    body: customImportRequestSchema,
    responses: { 200: envelope('The job was submitted; payload.jobId names it.'), 400: invalid('Not valid.') },
  },
];
