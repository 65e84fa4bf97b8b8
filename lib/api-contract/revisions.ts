import { z } from 'zod';

import { DIFF_CHANGES } from '@/db/queries/revision-diffs';
import { REVISION_KINDS } from '@/db/schema';
import { pagingSchema } from '@/lib/http/collection';

import { apiSchemas, collectionOf, linkSchema } from './common';
import { contentsCsvQuery, recordSchema } from './lists';

/** `GET …/revisions/{revision}/contents`: paging as `…/contents` (filters and sortBy are read beside it). */
export const revisionContentsQuery = pagingSchema.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

/** `GET …/revisions/{revision}/contents.csv`: the format parameter of the list's `contents.csv`. */
export const revisionCsvQuery = contentsCsvQuery;

/** `GET …/revisions/contents?revision=A[&diffs=true&compareTo=B&change=…]`. */
export const revisionDiffsQuery = pagingSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  revision: z.string({ message: 'revision is required: the revision to read or compare.' }),
  diffs: z.enum(['true', 'false'], { message: 'diffs takes true or false.' }).optional().default('false'),
  compareTo: z.string().optional(),
  change: z.enum(DIFF_CHANGES, { message: `change takes ${DIFF_CHANGES.join(', ')}.` }).optional(),
});

/** `POST …/restoreJobs`. */
export const restoreBody = z.object({
  revision: z
    .number({ message: 'revision must be the number of a kept revision.' })
    .int('revision must be a whole number.')
    .min(0, 'revision cannot be negative.'),
});

const countsSchema = z.object({
  new: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
});

export const revisionSchema = z
  .object({
    revision: z.number().int(),
    kind: z.enum(REVISION_KINDS),
    current: z.boolean(),
    jobId: z.string().nullable(),
    fileName: z.string().nullable().describe('The file that was loaded (the job’s fileName).'),
    originalFileName: z
      .string()
      .nullable()
      .describe(
        'The file the person chose, when the import wizard loaded a CSV made from it (the job’s originalFile).',
      ),
    restoredRevision: z.number().int().nullable(),
    createdBy: z.string(),
    creationTimeStamp: z.string(),
    recordCount: z.number().int(),
    counts: countsSchema,
    kept: z.boolean().describe('Its contents can still be read, compared and restored.'),
    keptBytes: z.number().int(),
    replacedTimeStamp: z.string().nullable(),
    links: z.array(linkSchema),
  })
  .register(apiSchemas, { id: 'Revision', description: 'One completed load of a list, or its creation (0).' });

export const revisionsCollectionSchema = collectionOf(revisionSchema).extend({
  currentRevision: z.number().int(),
  keptBytes: z.number().int().describe('What the list’s kept revisions take on disk.'),
});

export const revisionContentsSchema = collectionOf(recordSchema).extend({ revision: z.number().int() });

/** Records of a revision, or with diffs=true what changed between two: each item says its change. */
export const revisionDiffsSchema = z.union([
  revisionContentsSchema,
  collectionOf(
    z
      .looseObject({
        change: z.enum(DIFF_CHANGES),
        key: recordSchema.describe('The key columns’ values.'),
        before: recordSchema.nullable(),
        after: recordSchema.nullable(),
        changedColumns: z.array(z.string()),
      })
      .describe('An added, removed or changed record (with before/after).'),
  ).extend({
    revision: z.number().int(),
    compareTo: z.number().int(),
    counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  }),
]);
