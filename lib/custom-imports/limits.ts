import { z } from 'zod';

import type { AdmissionOptions } from '@/lib/http/admission';

/**
 * Bounds on script execution. Scripts run in a worker thread: the deadline terminates it, the
 * memory bound is the worker's V8 heap limit, the record bound stops a runaway generator.
 */
const schema = z.object({
  CUSTOM_IMPORT_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 60),
  CUSTOM_IMPORT_PREVIEW_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(60),
  CUSTOM_IMPORT_MEMORY_MB: z.coerce.number().int().min(32).default(512),
  CUSTOM_IMPORT_MAX_RECORDS: z.coerce.number().int().min(1).default(10_000_000),
  CUSTOM_IMPORT_SANDBOXES: z.coerce.number().int().min(1).max(64).default(2),
  CUSTOM_IMPORT_SANDBOXES_PER_USER: z.coerce.number().int().min(1).max(64).default(2),
});

export type SandboxLimits = { deadlineMs: number; memoryMb: number; maxRecords: number };

let cached: z.output<typeof schema> | undefined;

function config() {
  if (!cached) {
    const parsed = schema.safeParse(
      Object.fromEntries(
        Object.entries(process.env).filter(([key, value]) => key.startsWith('CUSTOM_IMPORT_') && value !== ''),
      ),
    );
    if (!parsed.success) {
      throw new Error(
        `Custom import limits are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    cached = parsed.data;
  }
  return cached;
}

/** Limits for a job's run (long) or an interactive validate/preview request (short). */
export function sandboxLimits(kind: 'run' | 'interactive'): SandboxLimits {
  const c = config();
  return {
    deadlineMs: (kind === 'run' ? c.CUSTOM_IMPORT_TIMEOUT_SECONDS : c.CUSTOM_IMPORT_PREVIEW_TIMEOUT_SECONDS) * 1000,
    memoryMb: c.CUSTOM_IMPORT_MEMORY_MB,
    maxRecords: c.CUSTOM_IMPORT_MAX_RECORDS,
  };
}

export const PREVIEW_ROWS = 20;

/**
 * validate-input, preview and submit-job each run the script in a worker thread of up to
 * CUSTOM_IMPORT_MEMORY_MB: at most CUSTOM_IMPORT_SANDBOXES run at once in a process (jobs' own runs
 * are bounded by WORKER_CONCURRENCY), four times as many more may wait up to 30 seconds for their
 * turn, and one user holds at most CUSTOM_IMPORT_SANDBOXES_PER_USER places.
 */
export function sandboxAdmissionOptions(): AdmissionOptions {
  const c = config();
  return {
    what: 'custom import script',
    concurrency: c.CUSTOM_IMPORT_SANDBOXES,
    queue: 4 * c.CUSTOM_IMPORT_SANDBOXES,
    perUser: c.CUSTOM_IMPORT_SANDBOXES_PER_USER,
    maxWaitMs: 30_000,
  };
}
