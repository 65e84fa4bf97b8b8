import { z } from 'zod';

import { type Job, type List } from '@/db/schema';
import { auditAs } from '@/lib/audit/audit-as';
import type { Principal } from '@/lib/auth/principal';
import { TEXT_ENCODINGS } from '@/lib/csv/decode';
import { ApiError, ERROR_CODES } from '@/lib/errors';
import { browserFixesField } from '@/lib/import-session/browser-fixes';
import { DEFAULT_ERROR_THRESHOLD, MAX_ERROR_THRESHOLD } from '@/lib/shared/error-threshold';
import { IMPORT_MODES } from '@/lib/shared/import-mode';
import type { StoredUpload } from '@/lib/uploads/receive-upload';

import { throwIfJobRunning } from './conflict';
import { createJobOrConflict } from './create-job-or-conflict';
import { detectFileDelimiter } from './detect-file-delimiter';
import { enqueueJob } from './queue';

export const importOptionsSchema = z.object({
  delimiter: z
    .string()
    .optional()
    .default(',')
    .transform((d) => (d === '\\t' || d.toLowerCase() === 'tab' ? '\t' : d.toLowerCase() === 'auto' ? 'auto' : d))
    .refine(
      (d) => d === 'auto' || [...d].length === 1,
      'delimiter must be exactly one character (use \\t for tab), or auto to detect it.',
    )
    .refine((d) => d !== '\r' && d !== '\n', 'delimiter cannot be a line break (\\r or \\n).')
    .refine((d) => d !== '"', 'delimiter cannot be the quote character (").')
    .refine((d) => d !== '\0', 'delimiter cannot be the NUL character (\\0); use , ; | or \\t.'),
  mode: z
    .enum(IMPORT_MODES, { message: `mode must be one of ${IMPORT_MODES.join(', ')}.` })
    .optional()
    .default('upsert'),
  errorThreshold: z.coerce
    .number({ message: 'errorThreshold must be a number.' })
    .int('errorThreshold must be a whole number.')
    .min(1, 'errorThreshold must be at least 1.')
    .max(MAX_ERROR_THRESHOLD, `errorThreshold can be at most ${MAX_ERROR_THRESHOLD}.`)
    .optional()
    .default(DEFAULT_ERROR_THRESHOLD),
  encoding: z.enum(TEXT_ENCODINGS, { message: `encoding must be one of ${TEXT_ENCODINGS.join(', ')}.` }).optional(),
  unescapeFormulas: z
    .enum(['true', 'false'], { message: 'unescapeFormulas must be true or false.' })
    .optional()
    .default('true')
    .transform((value) => value === 'true'),
  // Sent by the import wizard: how many rows with problems the person chose to leave out of this file.
  rowsLeftOut: z.coerce
    .number({ message: 'rowsLeftOut must be a number.' })
    .int('rowsLeftOut must be a whole number.')
    .min(0, 'rowsLeftOut cannot be negative.')
    .optional(),
  // Sent by the import wizard: what the person changed in the browser (see lib/jobs/browser-fixes.ts).
  browserFixes: browserFixesField.optional(),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;

/**
 * `delimiter=auto`: the delimiter is detected from the file's first 64 KB as the browser detects it,
 * before the job is created (the job then says which one it used).
 */
export async function resolveDelimiter(options: ImportOptions, path: string): Promise<ImportOptions> {
  if (options.delimiter !== 'auto') return options;
  return { ...options, delimiter: await detectFileDelimiter(path, options.encoding) };
}

/** Rules that refuse a job before any upload is read: a busy list, or an immutable one already loaded. */
export async function assertListAcceptsJobs(list: List): Promise<void> {
  if (list.isImmutable && list.recordCount > 0) {
    throw ApiError.conflict(
      ERROR_CODES.listImmutable,
      `The list "${list.name}" is immutable and already loaded.`,
      'Create a new list for new data, or ask an admin to make this list mutable.',
    );
  }
  await throwIfJobRunning(list);
}

/** Creates the import job under the list's lock and queues it (the caller removes the file if this throws). */
export async function submitImportJob(
  principal: Principal,
  list: List,
  upload: StoredUpload,
  options: ImportOptions,
  files: {
    /** The file the person chose, when `upload` was made from it in the browser. */
    original?: StoredUpload;
    /** The rows the person left out of `upload` in the browser, with their problems (a CSV). */
    leftOut?: StoredUpload;
  } = {},
): Promise<Job> {
  const { original, leftOut } = files;
  const job = await createJobOrConflict({
    kind: 'import',
    workspaceId: list.workspaceId,
    listId: list.id,
    mode: options.mode,
    delimiter: options.delimiter,
    errorThreshold: options.errorThreshold,
    options: {
      unescapeFormulas: options.unescapeFormulas,
      ...(options.encoding && { encoding: options.encoding }),
      ...(options.rowsLeftOut && { rowsLeftOut: options.rowsLeftOut }),
    },
    fileName: upload.fileName,
    filePath: upload.path,
    fileSize: upload.size,
    sha256Sum: upload.sha256,
    ...(original && {
      originalFileName: original.fileName,
      originalFilePath: original.path,
      originalFileSize: original.size,
      originalSha256Sum: original.sha256,
    }),
    ...(leftOut && {
      leftOutFileName: leftOut.fileName,
      leftOutFilePath: leftOut.path,
      leftOutFileSize: leftOut.size,
    }),
    ...(options.browserFixes && { browserFixes: options.browserFixes }),
    createdBy: principal.userId,
    createdByEmail: principal.email,
  });
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'import.create',
    targetType: 'job',
    targetId: job.id,
    detail: { listId: list.id, fileName: original?.fileName ?? upload.fileName, mode: options.mode },
  });
  await enqueueJob(job.id);
  return job;
}

export async function submitPurgeJob(principal: Principal, list: List): Promise<Job> {
  if (list.isImmutable && list.recordCount > 0) {
    throw ApiError.conflict(
      ERROR_CODES.listImmutable,
      `The list "${list.name}" is immutable: it cannot be purged.`,
      'Create a new list instead.',
    );
  }
  const job = await createJobOrConflict({
    kind: 'purge',
    workspaceId: list.workspaceId,
    listId: list.id,
    createdBy: principal.userId,
    createdByEmail: principal.email,
  });
  await auditAs(principal, {
    workspaceId: list.workspaceId,
    action: 'purge.create',
    targetType: 'job',
    targetId: job.id,
    detail: { listId: list.id, recordCount: list.recordCount },
  });
  await enqueueJob(job.id);
  return job;
}
