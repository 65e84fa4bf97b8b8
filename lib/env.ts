import path from 'node:path';
import { z } from 'zod';

import { parseTrustedProxies } from '@/lib/auth/client-address';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters.').optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters.').optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  UPLOAD_DIR: z.string().optional(),
  /** Days a finished job's stored files (the original upload, a custom import's CSV) are kept; unset keeps them. */
  UPLOAD_RETENTION_DAYS: z.coerce.number().positive().max(36_500).optional(),
  /** true: jobs run in a worker process the app starts beside itself; inline: in the app's own process; false: elsewhere. */
  RUN_WORKER: z.enum(['true', 'inline', 'false']).default('true'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * The job worker's CPU priority (Unix nice, 0-19): a load yields the processor to the HTTP server's
   * requests on a busy machine instead of sharing it equally. 0 keeps the default priority.
   */
  WORKER_NICENESS: z.coerce.number().int().min(0).max(19).default(10),
  JOB_STALE_SECONDS: z.coerce.number().int().min(5).default(30),
  /** How often a worker sweeps for orphaned jobs and expired list versions; tests shorten it to wait less. */
  JOB_SWEEP_SECONDS: z.coerce.number().positive().max(3600).default(10),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 30),
  /** Import previews (POST …/importPreview) checking a file at once in this process; each holds a database connection. */
  IMPORT_PREVIEWS: z.coerce.number().int().min(1).max(64).default(2),
  /** Of those, running or waiting, per user. */
  IMPORT_PREVIEWS_PER_USER: z.coerce.number().int().min(1).max(64).default(2),
  /** CSV exports (a list's or a revision's contents.csv) streaming at once in this process; each holds a database connection. */
  CSV_EXPORTS: z.coerce.number().int().min(1).max(64).default(4),
  /** Of those, running or waiting, per user. */
  CSV_EXPORTS_PER_USER: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * Error reports (…/importJobs/{jobId}/errorReport) made at once in this process: each parses the
   * job's whole stored file again on the event loop (a 58 MB file: about 4 s of CPU).
   */
  ERROR_REPORTS: z.coerce.number().int().min(1).max(64).default(2),
  /** Of those, running or waiting, per user. */
  ERROR_REPORTS_PER_USER: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * An export or error report whose client takes nothing for this long is ended (incomplete): it
   * would hold its connection or its place for ever.
   */
  CSV_EXPORT_STALL_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /**
   * The longest a read of records may run in the database — a page of a list's or a revision's
   * contents, a comparison of two revisions — before it is stopped and answered 503 (readTooLong).
   * Loads, jobs, exports and migrations are not bounded by it. Fractions allowed (tests use 0.05).
   */
  API_READ_TIMEOUT_SECONDS: z.coerce.number().min(0.001).max(3600).default(20),
  /** Reads of records through the API (contents pages, revision comparisons) at once in this process; each holds a database connection. */
  API_READS: z.coerce.number().int().min(1).max(64).default(10),
  /** Of those, running or waiting, per user. */
  API_READS_PER_USER: z.coerce.number().int().min(1).max(64).default(6),
  /** List proposals (POST /lists/guess) reading a whole file at once in this process, each in a thread. */
  LIST_GUESSES: z.coerce.number().int().min(1).max(64).default(2),
  /** Of those, running or waiting, per user. */
  LIST_GUESSES_PER_USER: z.coerce.number().int().min(1).max(64).default(2),
  /** How long a load waits for readers of a list (e.g. an export) before merging in place instead of swapping its table. */
  /** Password checks and hashings (scrypt) at once in this process; more wait in a short queue. */
  PASSWORD_CHECKS: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * The proxies in front of the app (addresses, CIDR ranges or "loopback"): only a request from one of
   * them has its X-Forwarded-For read for the client's address (sign-in limits, audit). Unset: the
   * connection's address, whatever the header says.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^TRUST_PROXY: /, '') });
      }
    }),
  LIST_SWAP_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * From this size of a list's table (MB) an upsert or append that rewrites it copies the untouched
   * records on two connections side by side (see rewriteSideBySide); 0: at every size.
   */
  REWRITE_SIDE_BY_SIDE_FROM_MB: z.coerce.number().min(0).max(1_000_000).default(32),
  /** Earlier versions of a list's contents kept readable and restorable besides the current one; 0 keeps none. */
  LIST_REVISIONS_KEPT: z.coerce.number().int().min(0).max(100).default(5),
  /** Days a replaced version stays kept (counted from the load that replaced it). */
  LIST_REVISIONS_MAX_DAYS: z.coerce.number().positive().max(36_500).default(30),
  /** true: webhooks may go to http:// and to private, loopback and link-local addresses (tests, on-premise). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** How long a receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  /** First retry delay of a failed delivery; each next one is 4× longer. */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** How long after the event a failed delivery is still retried. */
  WEBHOOK_RETRY_HOURS: z.coerce.number().positive().max(168).default(24),
  /** Failed attempts in a row after which an endpoint is switched off. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(10_000).default(50),
  /** How often worker processes look for due deliveries. */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export type Env = z.infer<typeof envSchema> & { uploadDir: string };

let cached: Env | undefined;

/** Environment, checked once: a wrong value stops the start with a message naming the variable. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable (DATABASE_URL=) means unset, as in most tools.
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Listport's configuration is invalid:\n  ${problems}`);
  }
  // Where uploads go is configuration, not a file of the build: turbopackIgnore keeps Next's output
  // tracing from copying the whole project into the build because of this path.
  cached = {
    ...parsed.data,
    uploadDir: path.resolve(
      /* turbopackIgnore: true */ parsed.data.UPLOAD_DIR ??
        path.join(/* turbopackIgnore: true */ parsed.data.DATA_DIR, 'uploads'),
    ),
  };
  return cached;
}
