import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, type Api } from '../support/api';
import {
  csv,
  dataTableOf,
  EMPLOYEE_HEADER,
  employeeRows,
  importJob,
  recordCount,
  waitUntil,
  type JobBody,
} from '../support/list-helpers';

/**
 * A load stopped in the middle of a statement — here a wait for readers of the list, which would
 * otherwise last LIST_SWAP_WAIT_SECONDS (6 s in the suite): by Cancel, whose request ends the job's
 * statements at once (lib/jobs/load/load-transaction.ts), or by the database ending the load's
 * session, which must fail the job and leave the worker process running (scripts/patch-postgres-js.mjs).
 */
let admin: Api;
let workspaceId: string;
let sql: postgres.Sql;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql.end();
});

/** Whether a session waits for a lock on the list's table (the load, held back by the reader). */
async function loadWaitsForTheList(listId: string): Promise<boolean> {
  return (await sessionsWaitingForTheList(listId)).length > 0;
}

async function sessionsWaitingForTheList(listId: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_locks where relation = to_regclass(${dataTableOf(listId)}) and not granted`;
  return rows.map((row) => row.pid);
}

/** Runs `during` while another session reads the list in an open transaction (as an export does). */
async function whileReadersHoldTheList(listId: string, during: () => Promise<void>): Promise<void> {
  const reader = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const reading = reader.begin(async (tx) => {
    await tx.unsafe(`select count(*) from "${dataTableOf(listId)}"`);
    holding();
    await released;
  });
  try {
    await held;
    await during();
  } finally {
    release();
    await reading;
    await reader.end();
  }
}

describe('Cancel during a load', () => {
  it.each([
    ['an upsert into a listed list (its second transaction, on two connections)', 2000],
    ['the first load of an empty list (one transaction)', 0],
  ])('stops %s at once; the list stays as it was', async (_case, listed) => {
    const list = await createList(admin, workspaceId);
    if (listed > 0) {
      const first = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(listed)]));
      expect(first.state, JSON.stringify(first.errors)).toBe('completed');
    }
    let jobId = '';
    let cancelSeconds = 0;
    await whileReadersHoldTheList(list.id, async () => {
      const response = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3000, 1001)]));
      expect(response.status, response.text).toBe(202);
      jobId = response.body.id as string;
      await waitUntil(() => loadWaitsForTheList(list.id), 20_000);
      const asked = performance.now();
      expect((await admin.delete(`/api/v1/lists/${list.id}/importJobs/${jobId}`)).status).toBe(202);
      const job = (await admin.waitForJob(list.id, jobId)) as JobBody;
      cancelSeconds = (performance.now() - asked) / 1000;
      expect(job.state, JSON.stringify(job.errors)).toBe('cancelled');
      // Still while the reader holds the list: the load did not wait for it any longer.
      expect(await loadWaitsForTheList(list.id)).toBe(false);
    });
    // Without ending its sessions the load waits out the 6 s and reads the file again first.
    expect(cancelSeconds).toBeLessThan(3);
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobId}/logs`);
    const messages = (logs.body.items as { message: string }[]).map((i) => i.message).join('\n');
    expect(messages).toMatch(/Cancelled on request\. Nothing was loaded/);
    expect(messages).not.toMatch(/Unexpected failure|reading the file again/i);
    expect(await recordCount(admin, list.id)).toBe(listed);
    const [left] = await sql<
      { next: string | null }[]
    >`select to_regclass(${`${dataTableOf(list.id)}_next`})::text as next`;
    expect(left?.next).toBeNull();
    // The worker's connections are fine after their sessions were ended: the next load runs.
    const next = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(10, 5001)]));
    expect(next.state, JSON.stringify(next.errors)).toBe('completed');
    expect(await recordCount(admin, list.id)).toBe(listed + 10);
  });
  it('stops a purge waiting for readers at once; nothing is removed', async () => {
    const list = await createList(admin, workspaceId);
    const first = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(500)]));
    expect(first.state, JSON.stringify(first.errors)).toBe('completed');
    let cancelSeconds = 0;
    await whileReadersHoldTheList(list.id, async () => {
      const response = await admin.post(`/api/v1/lists/${list.id}/purgeJobs`);
      expect(response.status, response.text).toBe(202);
      const jobId = response.body.id as string;
      await waitUntil(() => loadWaitsForTheList(list.id), 20_000);
      const asked = performance.now();
      expect((await admin.delete(`/api/v1/jobs/${jobId}`)).status).toBe(202);
      const job = (await admin.waitForJob(list.id, jobId, 'purgeJobs')) as JobBody;
      cancelSeconds = (performance.now() - asked) / 1000;
      expect(job.state, JSON.stringify(job.errors)).toBe('cancelled');
    });
    expect(cancelSeconds).toBeLessThan(3);
    expect(await recordCount(admin, list.id)).toBe(500);
  });
});

describe("the database ends a load's session", () => {
  it('fails the job with what happened, keeps the worker running and the list as it was', async () => {
    const list = await createList(admin, workspaceId);
    const first = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2000)]));
    expect(first.state, JSON.stringify(first.errors)).toBe('completed');
    let job!: JobBody;
    await whileReadersHoldTheList(list.id, async () => {
      const response = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3000, 1001)]));
      expect(response.status, response.text).toBe(202);
      let waiting: number[] = [];
      await waitUntil(async () => (waiting = await sessionsWaitingForTheList(list.id)).length > 0, 20_000);
      // What a failover or an administrator does to the load's session.
      for (const pid of waiting) await sql`select pg_terminate_backend(${pid})`;
      job = (await admin.waitForJob(list.id, response.body.id as string)) as JobBody;
    });
    expect(job.state).toBe('failed');
    // Not 50001 (workerStopped): before the patch postgres.js crashed the worker process on this,
    // and the job was failed by the sweep for a worker that had stopped.
    expect(job.errors).toEqual([
      expect.objectContaining({
        errorCode: 50300,
        message: expect.stringMatching(/^The connection to the database was lost during the load/),
      }),
    ]);
    expect(await recordCount(admin, list.id)).toBe(2000);
    const next = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(10, 5001)]));
    expect(next.state, JSON.stringify(next.errors)).toBe('completed');
    expect(await recordCount(admin, list.id)).toBe(2010);
  });
});
