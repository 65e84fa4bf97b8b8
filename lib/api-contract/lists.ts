import { z } from 'zod';

import { TEXT_ENCODINGS } from '@/lib/csv/decode';
import { columnFormatSchema } from '@/lib/formats/schema';
import { pagingSchema } from '@/lib/http/collection';
import { MAX_ROW_EDIT_ITEMS } from '@/lib/lists/row-edits';
import { DATA_TYPES } from '@/lib/shared/data-types';

import { apiSchemas, linkSchema } from './common';

/** Request and answer shapes of lists and their contents. */

export const listsQuery = pagingSchema.extend({
  name: z.string().optional().describe('Lists whose name contains this text.'),
  filter: z.string().optional().describe('A name filter such as contains(name,"orders").'),
  sortBy: z
    .string()
    .optional()
    .describe('name, creationTimeStamp, modifiedTimeStamp or recordCount, :ascending or :descending.'),
  workspaceId: z.string().uuid().optional(),
});

export const editContentsBody = z.object({
  items: z
    .array(z.record(z.string(), z.unknown()), { message: 'items must be an array of records' })
    .min(1, 'items must contain at least one record')
    .max(MAX_ROW_EDIT_ITEMS, `at most ${MAX_ROW_EDIT_ITEMS} items per request`),
});

export const contentsCsvQuery = z.object({
  format: z
    .enum(['canonical', 'list'], {
      message: 'format takes "canonical" (the default) or "list" (the columns’ formats).',
    })
    .optional()
    .default('canonical'),
});

/** Fields of `POST /lists/guess` beside the file. */
export const guessOptions = z.object({
  delimiter: z
    .string()
    .optional()
    .transform((d) => (d === '\\t' || d?.toLowerCase() === 'tab' ? '\t' : d))
    .refine((d) => d === undefined || d === 'auto' || [...d].length === 1, 'delimiter must be one character or "auto".')
    .refine((d) => d !== '\r' && d !== '\n' && d !== '"', 'delimiter cannot be a line break or the quote character.'),
  encoding: z.enum(TEXT_ENCODINGS, { message: `encoding must be one of ${TEXT_ENCODINGS.join(', ')}.` }).optional(),
});

export const columnSchema = z
  .looseObject({
    name: z.string(),
    dataType: z.enum(DATA_TYPES),
    isKey: z.boolean(),
    keyPosition: z.number().int().optional(),
    required: z.boolean(),
    maxLength: z.number().int().optional(),
    pattern: z.string().optional(),
    allowedValues: z.array(z.string()).optional(),
    format: columnFormatSchema.optional().describe('How files write the column’s values.'),
  })
  .register(apiSchemas, { id: 'Column' });

export const listSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    label: z.string(),
    description: z.string(),
    workspaceId: z.string(),
    state: z.enum(['developing', 'deployed']),
    isImmutable: z.boolean(),
    columns: z.array(columnSchema),
    recordCount: z.number().int(),
    revision: z.number().int().optional().describe('The contents’ revision: one more for every completed load.'),
    revisionStorage: z
      .object({ bytes: z.number().int(), versions: z.number().int() })
      .optional()
      .describe('What the list’s kept earlier versions take.'),
    version: z.number().int(),
    creationTimeStamp: z.string(),
    modifiedTimeStamp: z.string(),
    createdBy: z.string().nullable(),
    modifiedBy: z.string().nullable(),
    links: z.array(linkSchema),
  })
  .register(apiSchemas, { id: 'List' });

export const recordSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .register(apiSchemas, { id: 'Record', description: 'One row of a list: column name → value.' });

export const listGuessSchema = z
  .looseObject({ name: z.string(), columns: z.array(z.looseObject({ name: z.string() })) })
  .register(apiSchemas, { id: 'ListGuess', description: 'Proposed columns for a file, judged on every row.' });

export const importPreviewSchema = z
  .looseObject({ valid: z.boolean(), errors: z.array(z.looseObject({})) })
  .register(apiSchemas, {
    id: 'ImportPreview',
    description: 'What an import of the file would do; nothing is loaded.',
  });

/** Paging of a list's records; `sortBy` and filters are read by lib/http/contents-query against the list's columns. */
export const contentsQuery = pagingSchema.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  sortBy: z.string().optional().describe('<column>:ascending or <column>:descending.'),
  filter: z.string().optional().describe("Filters such as eq(country,'DE') or country:eq:DE."),
});
