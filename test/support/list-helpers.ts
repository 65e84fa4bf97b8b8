import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import postgres from 'postgres';
import { expect, inject } from 'vitest';

import type { ApiErrorBody } from '@/lib/shared/api-error-body';

import { Api, createList, type ApiResponse } from './api';
import { waitFor } from './processes';

/** Shapes of the API's answers, as far as these tests read them. */
export type JobLink = { rel: string; method: string; href: string; uri: string };
export type JobErrorBody = {
  message: string;
  id: string;
  errorCode: number;
  httpStatusCode: number;
  details: string[];
  remediation: string;
  version: number;
  row?: number;
  column?: string;
  value?: string;
};
export type JobBody = {
  id: string;
  version: number;
  kind: string;
  state: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
  fileName: string | null;
  sha256Sum: string | null;
  creationTimeStamp: string;
  startedTimeStamp: string | null;
  completedTimeStamp: string | null;
  createdBy: string;
  listId: string;
  totalErrors: number;
  cancelRequested: boolean;
  results: {
    recordCount: number;
    inserted?: number;
    updated?: number;
    unchanged?: number;
    deleted?: number;
    rowsRead?: number;
    duplicateOfJobId?: string;
  };
  errors: JobErrorBody[];
  links: JobLink[];
};
export type Row = Record<string, string | number | boolean | null>;
export type Collection<T> = { start: number; limit: number; count: number; items: T[]; links: JobLink[] };

export const TERMINAL = ['completed', 'failed', 'cancelled'];

/** The one error shape of the API: `{httpStatusCode, errorCode, message, details[], remediation, version: 2}`. */
export function expectApiError(response: ApiResponse, status: number, errorCode?: number) {
  expect(response.status, response.text).toBe(status);
  const body = response.body as Record<string, unknown>;
  expect(body).toMatchObject({ httpStatusCode: status, version: 2 });
  expect(typeof body.errorCode).toBe('number');
  if (errorCode !== undefined) expect(body.errorCode).toBe(errorCode);
  expect(body.message).toEqual(expect.any(String));
  expect((body.message as string).length).toBeGreaterThan(0);
  expect(body.remediation).toEqual(expect.any(String));
  expect((body.remediation as string).length).toBeGreaterThan(0);
  expect(Array.isArray(body.details)).toBe(true);
  return body as ApiErrorBody;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** GET returning the raw bytes (the Api client decodes text, which drops a BOM and mangles other encodings). */
export async function getBytes(api: Api, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${api.baseUrl}${path}`, { headers: api.token ? { 'x-auth-jwt': api.token } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

export async function getJob(api: Api, listId: string, jobId: string): Promise<JobBody> {
  const response = await api.get<JobBody>(`/api/v1/lists/${listId}/importJobs/${jobId}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/** Polls a job until its state is one of `states` (fast polling, to catch short-lived states). */
export async function waitForState(
  api: Api,
  listId: string,
  jobId: string,
  states: string[],
  timeoutMs = 60_000,
  kind = 'importJobs',
): Promise<JobBody> {
  let job: JobBody | undefined;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    job = (await api.get<JobBody>(`/api/v1/lists/${listId}/${kind}/${jobId}`)).body;
    if (job && states.includes(job.state)) return job;
    if (Date.now() > deadline)
      throw new Error(`Job ${jobId} did not reach ${states.join('/')}: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Uploads, expects 202, waits for the end and returns the job. */
export async function importJob(
  api: Api,
  listId: string,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
  fileName = 'data.csv',
): Promise<JobBody> {
  const response = await api.upload(listId, content, fields, fileName);
  expect(response.status, response.text).toBe(202);
  return (await api.waitForJob(listId, response.body.id)) as JobBody;
}

export async function allContents(api: Api, listId: string, query = ''): Promise<Row[]> {
  const response = await api.get<Collection<Row>>(
    `/api/v1/lists/${listId}/contents?limit=10000${query ? `&${query}` : ''}`,
  );
  expect(response.status, response.text).toBe(200);
  return response.body.items;
}

export async function recordCount(api: Api, listId: string): Promise<number> {
  const response = await api.get(`/api/v1/lists/${listId}`);
  expect(response.status, response.text).toBe(200);
  return response.body.recordCount as number;
}

export function csv(lines: string[], newline = '\n'): string {
  return lines.join(newline) + newline;
}

export const EMPLOYEE_HEADER = 'employeeId,name,salary,active,hired';

/** `count` valid employee rows, keys from `first`. */
export function employeeRows(count: number, first = 1, salary = (i: number) => `${i}.5`): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${first + i},Name ${first + i},${salary(first + i)},true,2020-01-0${(i % 9) + 1}`,
  );
}

export async function uploadDirFiles(): Promise<string[]> {
  return (await fs.readdir(inject('uploadDir'))).sort();
}

/** A single integer key column: the cheapest rows to import, for jobs that must run for a while. */
export const ID_COLUMNS = [{ name: 'id', dataType: 'integer', isKey: true }];

export function idFile(count: number): string {
  const parts = ['id\n'];
  for (let i = 1; i <= count; i++) parts.push(`${i}\n`);
  return parts.join('');
}

/**
 * A list of `count` records `id,note` (ids 1…count, each note written by `note`), imported in one
 * completed job: the large lists the export and read tests stream, sort and filter.
 */
export async function listOfNotes(
  api: Api,
  workspaceId: string,
  count: number,
  note: (id: number) => string,
): Promise<string> {
  const { id } = await createList(api, workspaceId, [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'note', dataType: 'string' },
  ]);
  const parts = ['id,note\n'];
  for (let i = 1; i <= count; i++) parts.push(`${i},${note(i)}\n`);
  expect((await importJob(api, id, parts.join(''))).state).toBe('completed');
  return id;
}

/**
 * Makes both in-process job workers (WORKER_CONCURRENCY defaults to 2) busy, so a job submitted
 * next stays pending: two scratch lists' tables are locked by a transaction held here, and an
 * import into each runs until `finished()` releases the lock — deterministic however fast loads are.
 */
export async function occupyWorkers(admin: Api, workspaceId: string) {
  const lists = await Promise.all([1, 2].map(() => createList(admin, workspaceId, ID_COLUMNS)));
  const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  const holder = await sql.reserve();
  await holder`begin`;
  for (const list of lists)
    await holder.unsafe(`lock table "ld_${list.id.replaceAll('-', '')}" in access exclusive mode`);
  const blockers = await Promise.all(
    lists.map(async (list) => {
      const response = await admin.upload(list.id, idFile(100));
      expect(response.status, response.text).toBe(202);
      return { listId: list.id, jobId: response.body.id as string };
    }),
  );
  for (const blocker of blockers) await waitForState(admin, blocker.listId, blocker.jobId, ['running', ...TERMINAL]);
  for (const blocker of blockers) {
    const job = await getJob(admin, blocker.listId, blocker.jobId);
    expect(job.state, 'a blocker job ended before the test could use the busy workers').toBe('running');
  }
  return {
    blockers,
    finished: async () => {
      await holder`commit`;
      holder.release();
      await sql.end();
      for (const blocker of blockers) await admin.waitForJob(blocker.listId, blocker.jobId, 'importJobs', 120_000);
    },
  };
}

/** The table that holds a list's records (see db/queries/lists), for tests that look at it directly. */
export function dataTableOf(listId: string): string {
  return `ld_${listId.replaceAll('-', '')}`;
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000) {
  await waitFor(check, timeoutMs);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `work` settles to within `ms`, or 'timed out': for a request that must (not) be answered yet. */
export const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);
