import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import type { ApiErrorBody } from '@/lib/shared/api-error-body';
import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import { IMPORT_MODES } from '@/lib/shared/import-mode';
import type { JobProgress } from '@/lib/shared/job-progress';
import type { ListColumn } from '@/lib/shared/list-column';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const JOB_KINDS = ['import', 'purge', 'custom', 'restore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Small key/value store for values every app process must agree on (e.g. the signing secret). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * Every browser session carries the version it was signed in with and is checked against this on
   * every request: signing out, changing or resetting the password and disabling bump it, which ends
   * every session of the account at once.
   */
  sessionVersion: integer('session_version').notNull().default(1),
  /** Set for a password someone else chose (the demo password, an admin's reset): the user must choose their own first. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** A disabled account cannot sign in, and its sessions and tokens stop working. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Instance admins manage every account and read the instance's own audit events (sign-ins, accounts). */
  isInstanceAdmin: boolean('is_instance_admin').notNull().default(false),
});
export type User = typeof users.$inferSelect;

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Workspace = typeof workspaces.$inferSelect;

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);
export type Membership = typeof memberships.$inferSelect;

/**
 * An admin's invitation of an email address to a workspace with a role. The invitee accepts it on
 * their account page (an account with that email) or through the one-time link the admin was given
 * (a new account). Only the link's SHA-256 is stored; the answer to the admin is the same whether
 * the email has an account or not.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    linkHash: text('link_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedByEmail: text('invited_by_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Accepted, declined or cancelled: an invitation is used once. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome', { enum: ['accepted', 'declined', 'cancelled'] }),
  },
  (t) => [index('invitations_email_idx').on(t.email), index('invitations_workspace_idx').on(t.workspaceId)],
);
export type Invitation = typeof invitations.$inferSelect;

/** Issued API tokens; the JWT carries the id so a token can be revoked before it expires. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

export const lists = pgTable(
  'lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    label: text('label').notNull().default(''),
    state: text('state', { enum: ['developing', 'deployed'] })
      .notNull()
      .default('developing'),
    isImmutable: boolean('is_immutable').notNull().default(false),
    /** Ordered column definitions; each carries the storage column it maps to in `dataTable`. */
    columns: jsonb('columns').$type<ListColumn[]>().notNull(),
    /** Name of the per-list table holding the typed contents (one table per list keeps key lookups and sorts indexed). */
    dataTable: text('data_table').notNull().unique(),
    recordCount: bigint('record_count', { mode: 'number' }).notNull().default(0),
    version: integer('version').notNull().default(1),
    /** The contents' revision: 0 when created, one more for every completed load (see list_revisions). */
    revision: integer('revision').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    modifiedBy: uuid('modified_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lists_workspace_name_idx').on(t.workspaceId, t.name)],
);
export type List = typeof lists.$inferSelect;
export type NewList = typeof lists.$inferInsert;

/** A job's error: the API error shape, always with its id, and for a row's problem where it is. */
export type JobError = ApiErrorBody & { id: string; row?: number; column?: string; value?: string };

/** Import options beyond the List Data API's own columns (delimiter, mode, errorThreshold). */
export type ImportJobOptions = {
  /** Take away the apostrophe Listport's exports put before formula-like values (default true). */
  unescapeFormulas?: boolean;
  /** The file's encoding when given (else a byte-order mark's, else UTF-8). */
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';
  /** Rows the import wizard left out of the file because they had problems (they were never uploaded). */
  rowsLeftOut?: number;
  /** A custom import's script title when the job was made: its name for people, kept if the script goes. */
  customImportTitle?: string;
};

export type JobResults = {
  recordCount: number;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  deleted?: number;
  rowsRead?: number;
  /** Rows the person left out in the import wizard: not in the uploaded file, so not loaded. */
  rowsLeftOut?: number;
  duplicateOfJobId?: string;
  /**
   * A failed job whose checking stopped at its error threshold: the file has at least totalErrors
   * errors, maybe more (the rest were not looked for).
   */
  stoppedAtErrorThreshold?: boolean;
  /** The list revision the completed load made (see list_revisions). */
  revision?: number;
  /** For a restore: the revision whose contents it put back. */
  restoredRevision?: number;
};

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    listId: uuid('list_id').references(() => lists.id, { onDelete: 'set null' }),
    state: text('state', { enum: JOB_STATES }).notNull().default('pending'),
    version: integer('version').notNull().default(1),
    mode: text('mode', { enum: IMPORT_MODES }),
    delimiter: text('delimiter'),
    errorThreshold: integer('error_threshold'),
    options: jsonb('options').$type<ImportJobOptions>().notNull().default({}),
    fileName: text('file_name'),
    filePath: text('file_path'),
    fileSize: bigint('file_size', { mode: 'number' }),
    sha256Sum: text('sha256_sum'),
    /**
     * The file the person chose, when the import wizard loaded a file made from it (an Excel sheet
     * read, cells fixed in the browser): the job keeps both. The loaded one is file_name/file_path.
     */
    originalFileName: text('original_file_name'),
    originalFilePath: text('original_file_path'),
    originalFileSize: bigint('original_file_size', { mode: 'number' }),
    originalSha256Sum: text('original_sha256_sum'),
    /** What the person changed in the browser before the upload (see lib/jobs/browser-fixes.ts). */
    browserFixes: jsonb('browser_fixes').$type<BrowserFixes>(),
    /**
     * The rows the person left out in the import wizard, as a CSV with a "Problems" column, so
     * they can be fetched from the job later; removed with the job's other files.
     */
    leftOutFileName: text('left_out_file_name'),
    leftOutFilePath: text('left_out_file_path'),
    leftOutFileSize: bigint('left_out_file_size', { mode: 'number' }),
    customImportId: text('custom_import_id'),
    inputs: jsonb('inputs'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    /** Refreshed by the process running the job; a stale heartbeat means that process died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    rowsProcessed: bigint('rows_processed', { mode: 'number' }).notNull().default(0),
    /** How many errors the job stored in job_errors (at most its error threshold). */
    totalErrors: integer('total_errors').notNull().default(0),
    /** Written while the job runs (the API shows it only then). */
    progress: jsonb('progress').$type<JobProgress>(),
    results: jsonb('results').$type<JobResults>().notNull().default({ recordCount: 0 }),
  },
  (t) => [
    // The per-list job lock: at most one pending or running job per list, enforced by PostgreSQL
    // so that two simultaneous requests can never both be accepted.
    uniqueIndex('jobs_one_active_per_list_idx')
      .on(t.listId)
      .where(sql`${t.state} in ('pending', 'running')`),
    index('jobs_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('jobs_list_created_idx').on(t.listId, t.createdAt),
    index('jobs_list_sha_idx').on(t.listId, t.sha256Sum),
  ],
);
export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;

/**
 * A failed job's errors, one row each in the order found, so that they are read a page at a time:
 * a job may store up to 10,000 (its error threshold), and collections of jobs read none of them.
 */
export const jobErrors = pgTable(
  'job_errors',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    /** 0-based, in the order the errors were found (by row). */
    position: integer('position').notNull(),
    error: jsonb('error').$type<JobError>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] })],
);

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const jobLogs = pgTable(
  'job_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    level: text('level', { enum: LOG_LEVELS }).notNull(),
    message: text('message').notNull(),
    // The time the line was written, also inside a long transaction (now() would give its start).
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index('job_logs_job_idx').on(t.jobId, t.id)],
);
export type JobLog = typeof jobLogs.$inferSelect;

/** Who created, cancelled, purged or changed what: readable by admins. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    detail: jsonb('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * Where the kept contents of earlier revisions live: the table a load swapped out, moved here and
 * renamed `<data table>_r<revision>` (see db/queries/revisions.ts). Apart so that the lists' own
 * tables stay alone in `public` and the storage revisions cost is one schema's size.
 */
export const revisionStorage = pgSchema('list_revisions');

export const REVISION_KINDS = ['created', 'import', 'custom', 'purge', 'rowEdit', 'restore'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** What a load did to the records, as the revision collection names it. */
export type RevisionCounts = { new: number; updated: number; unchanged: number; removed: number };

/**
 * One completed load of a list (or its creation, revision 0): who, when, what it changed. The
 * contents of the few latest stay readable in `keptTable` until a later load or the retention
 * sweep drops them; the current revision's contents are the list's own table.
 */
export const listRevisions = pgTable(
  'revisions',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    kind: text('kind', { enum: REVISION_KINDS }).notNull(),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    /** The restored revision, for kind restore. */
    restoredRevision: integer('restored_revision'),
    fileName: text('file_name'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    recordCount: bigint('record_count', { mode: 'number' }).notNull(),
    counts: jsonb('counts').$type<RevisionCounts>().notNull(),
    /** The list's columns at this revision: its kept contents are read, compared and restored with them. */
    columns: jsonb('columns').$type<ListColumn[]>().notNull(),
    /** Table in the list_revisions schema holding this revision's records once a later load replaced them. */
    keptTable: text('kept_table'),
    keptBytes: bigint('kept_bytes', { mode: 'number' }),
    /** When a later load replaced this revision (the retention period counts from here). */
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.revision] }),
    index('revisions_kept_idx')
      .on(t.replacedAt)
      .where(sql`${t.keptTable} is not null`),
  ],
);
export type ListRevision = typeof listRevisions.$inferSelect;

export const WEBHOOK_EVENTS = ['job.completed', 'job.failed', 'job.cancelled', 'list.purged', 'list.restored'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * A workspace's webhook endpoint: where to POST which events, signed with its secret (Standard
 * Webhooks). An endpoint whose deliveries keep failing is switched off with `disabledReason` saying
 * why, so the page can tell the admin.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events', { enum: WEBHOOK_EVENTS }).array().notNull(),
    /** `whsec_<base64>`: kept as is because every delivery is signed with it. */
    secret: text('secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Failed attempts in a row; a success sets it back to 0. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspaceId)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/**
 * One event for one endpoint, queued in the database and sent by the worker processes. Its
 * `messageId` is the `webhook-id` header: the same on every attempt and on "send again", so a
 * receiver can ignore a message it already handled.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The job the event is about; null for a test event. One delivery per endpoint, event and job. */
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    /** The body, fixed at the first attempt so every attempt sends the same bytes. */
    payload: jsonb('payload'),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    /** A worker holds the delivery until then while it sends it (a worker that dies lets it go). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    /** The first 1 KB of the receiver's answer, or what went wrong (timeout, refused address). */
    responseExcerpt: text('response_excerpt'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_idx').on(t.endpointId, t.eventType, t.jobId),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
