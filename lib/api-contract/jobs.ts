import { z } from 'zod';

import { JOB_KINDS, JOB_STATES } from '@/db/schema';
import { pagingSchema } from '@/lib/http/collection';
import { IMPORT_MODES } from '@/lib/shared/import-mode';

import { apiSchemas, errorSchema, linkSchema } from './common';

/** Request and answer shapes of jobs: imports, purges and custom imports. */

/**
 * A date bound of a search. Years past 9999 pass `Date` but not PostgreSQL (postgres.js sends
 * "+010000-01-01…", which it cannot read): refused here in words, not as a 500.
 */
const searchDate = (name: string) =>
  z.coerce
    .date({ message: `${name} must be a date, like 2024-06-30 or 2024-06-30T12:00:00Z.` })
    .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, {
      message: `${name} must be a date between the years 1 and 9999.`,
    })
    .optional();

export const jobsQuery = pagingSchema.extend({
  workspaceId: z.string().uuid().optional(),
  listId: z.string().uuid().optional(),
  kind: z.enum(JOB_KINDS).optional(),
  state: z.enum(JOB_STATES).optional(),
  createdBy: z.string().optional(),
  from: searchDate('from'),
  to: searchDate('to'),
});

export const listJobsQuery = pagingSchema.extend({ state: z.enum(JOB_STATES).optional() });

export const jobErrorsQuery = pagingSchema.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const jobLogsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('Only lines after this log id (for tailing).'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const jobErrorSchema = errorSchema
  .extend({
    id: z.string(),
    row: z.number().int().optional().describe('The row of the file, when the problem is one row’s.'),
    column: z.string().optional(),
    value: z.string().optional().describe('The value as the file has it, cut at 1,000 characters.'),
  })
  .register(apiSchemas, { id: 'JobError', description: 'One problem of a job: where it is and how to fix it.' });

export const jobSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    fileName: z.string().nullable(),
    fileSize: z.number().nullable(),
    sha256Sum: z.string().nullable(),
    mode: z.enum(IMPORT_MODES).nullable(),
    delimiter: z.string().nullable(),
    errorThreshold: z.number().int().nullable(),
    unescapeFormulas: z.boolean().optional(),
    encoding: z.string().nullable().optional(),
    customImportId: z.string().nullable(),
    customImportTitle: z
      .string()
      .nullable()
      .optional()
      .describe("A custom import job's script title, as people know it (null for jobs made before titles were kept)."),
    restoreRevision: z.number().int().nullable().optional().describe('The revision a restore job puts back.'),
    originalFile: z
      .object({ fileName: z.string(), fileSize: z.number().nullable(), sha256Sum: z.string().nullable() })
      .nullable()
      .optional()
      .describe('The file the person chose, when the browser loaded a cleaned copy of it.'),
    browserFixes: z
      .object({
        cellsEdited: z.number().int(),
        rowsDeleted: z.number().int(),
        valuesReplaced: z.array(z.object({ column: z.string(), count: z.number().int() })),
      })
      .nullable()
      .optional()
      .describe('What the person changed in the browser before loading.'),
    leftOutRows: z
      .object({ fileName: z.string(), fileSize: z.number().nullable(), rowCount: z.number().int().nullable() })
      .nullable()
      .optional()
      .describe(
        'The rows with problems the person left out in the import wizard, kept as a CSV with a Problems column (the leftOutRows link downloads it).',
      ),
    creationTimeStamp: z.string(),
    startedTimeStamp: z.string().nullable(),
    completedTimeStamp: z.string().nullable(),
    createdBy: z.string().nullable(),
    listId: z.string().nullable(),
    listName: z.string().nullable().optional(),
    workspaceId: z.string(),
    rowsProcessed: z.number().int(),
    cancelRequested: z.boolean(),
    totalErrors: z.number().int(),
    progress: z
      .object({
        phase: z.string(),
        description: z.string(),
        unit: z.enum(['bytes', 'records']).nullable(),
        done: z.number(),
        total: z.number().nullable(),
        percent: z.number().nullable(),
        secondsLeft: z.number().nullable(),
      })
      .nullable()
      .optional()
      .describe('While the job waits or runs: its step and how far it is; null once it has ended.'),
    results: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'What the job did: recordCount, rowsRead, inserted/updated/unchanged/deleted, revision… A failed job whose checking stopped at its errorThreshold has stoppedAtErrorThreshold: true (totalErrors is then a floor: the rest of the file was not checked).',
      ),
    errors: z.array(jobErrorSchema),
    links: z.array(linkSchema),
  })
  .register(apiSchemas, { id: 'Job', description: 'An import, purge or custom-import job and how far it got.' });

export const jobLogsSchema = z
  .object({
    jobId: z.string(),
    state: z.enum(JOB_STATES),
    items: z.array(z.object({ id: z.number().int(), level: z.string(), timeStamp: z.string(), message: z.string() })),
  })
  .register(apiSchemas, { id: 'JobLogs' });
