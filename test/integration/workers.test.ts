import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace } from '../support/api';
import { createDatabase } from '../support/databases';
import { dataTableOf } from '../support/list-helpers';
import { startApp, startWorker, waitFor, type RunningProcess } from '../support/processes';

/**
 * Real processes on one database: an API-only app and separate `npm run worker` processes, as
 * deployed on several machines. Jobs run once; a worker killed with SIGKILL mid-load leaves the
 * list exactly as it was and its job ends failed.
 */
describe('separate worker processes', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: RunningProcess & { baseUrl: string };
  const workers: RunningProcess[] = [];
  // A killed worker's job is failed by the next sweep once it is stale: sweeping every second, not 10.
  const env = () => ({
    DATABASE_URL: database.url,
    JOB_STALE_SECONDS: '5',
    JOB_SWEEP_SECONDS: '1',
    WORKER_CONCURRENCY: '1',
  });

  beforeAll(async () => {
    database = await createDatabase(inject('serverUrl'));
    app = await startApp({ ...env(), RUN_WORKER: 'false', UPLOAD_DIR: inject('uploadDir') });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await app?.stop();
    await database?.drop();
  });

  function worker(): RunningProcess {
    const started = startWorker({ ...env(), UPLOAD_DIR: inject('uploadDir') });
    workers.push(started);
    return started;
  }

  it('runs every job exactly once across two worker processes', async () => {
    worker();
    worker();
    const admin = await adminApi(app.baseUrl);
    const workspaceId = await createWorkspace(admin);
    const submitted: { listId: string; jobId: string; rows: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const list = await createList(admin, workspaceId, [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'label', dataType: 'string' },
      ]);
      const rows = 500 + i * 100;
      const csv = 'id,label\n' + Array.from({ length: rows }, (_, n) => `${n},item ${n}`).join('\n');
      const response = await admin.upload(list.id, csv);
      expect(response.status).toBe(202);
      submitted.push({ listId: list.id, jobId: response.body.id, rows });
    }
    for (const { listId, jobId, rows } of submitted) {
      const job = await admin.waitForJob(listId, jobId, 'importJobs', 90_000);
      expect(job.state).toBe('completed');
      expect(job.results.inserted).toBe(rows);
      const logs = await admin.get(`/api/v1/lists/${listId}/importJobs/${jobId}/logs`);
      const starts = logs.body.items.filter((l: { message: string }) => l.message.startsWith('Job started'));
      expect(starts).toHaveLength(1);
      expect((await admin.get(`/api/v1/lists/${listId}`)).body.recordCount).toBe(rows);
    }
  });

  it('leaves the list exactly as it was when the worker is killed during a load, and fails the job', async () => {
    for (const w of workers.splice(0)) await w.stop();
    const admin = await adminApi(app.baseUrl);
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'name', dataType: 'string' },
      { name: 'amount', dataType: 'number' },
    ]);
    // A first load that must survive every crash untouched.
    const first = worker();
    const before = 'id,name,amount\n' + Array.from({ length: 1000 }, (_, n) => `${n},before ${n},${n}.5`).join('\n');
    const initial = await admin.upload(list.id, before);
    expect((await admin.waitForJob(list.id, initial.body.id)).state).toBe('completed');
    const snapshot = await contentsFingerprint(database.url, list.id);

    const big =
      'id,name,amount\n' +
      Array.from({ length: 400_000 }, (_, n) => `${n},after ${n} with some longer text,${n}.25`).join('\n');
    let victim = first;
    const results: string[] = [];
    for (const delayMs of [200, 700, 1200]) {
      const response = await admin.upload(list.id, big, { mode: 'replace' });
      expect(response.status).toBe(202);
      await waitFor(
        async () =>
          (await admin.get(`/api/v1/lists/${list.id}/importJobs/${response.body.id}`)).body.state === 'running',
        30_000,
      );
      await new Promise((r) => setTimeout(r, delayMs));
      await victim.kill9();
      const stateAtKill = (await admin.get(`/api/v1/lists/${list.id}/importJobs/${response.body.id}`)).body.state;
      victim = worker();
      const job = await admin.waitForJob(list.id, response.body.id, 'importJobs', 60_000);
      const after = await contentsFingerprint(database.url, list.id);
      if (job.state === 'completed') {
        // The kill came after the commit: then the list is exactly the file.
        expect(after.count).toBe(400_000);
        results.push(`${delayMs}ms: completed before kill`);
        console.log(`[kill -9 during load] ${results.join('; ')}`);
        return;
      }
      expect(stateAtKill).toBe('running');
      expect(job.state).toBe('failed');
      expect(job.errors[0].message).toContain('Nothing was loaded');
      expect(after).toEqual(snapshot);
      expect((await admin.get(`/api/v1/lists/${list.id}`)).body.recordCount).toBe(1000);
      results.push(`${delayMs}ms: failed, list unchanged`);
    }
    console.log(`[kill -9 during load] ${results.join('; ')}`);
    expect(results.length).toBeGreaterThan(0);
  });

  it('leaves the list exactly as it was when the worker is killed during a restore, and fails the job', async () => {
    for (const w of workers.splice(0)) await w.stop();
    const admin = await adminApi(app.baseUrl);
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'name', dataType: 'string' },
    ]);
    let victim = worker();
    // Revision 1: 300k records to restore; revision 2: 1,000 records that must survive the crash.
    const big =
      'id,name\n' + Array.from({ length: 300_000 }, (_, n) => `${n},kept ${n} with some longer text`).join('\n');
    const first = await admin.upload(list.id, big);
    expect((await admin.waitForJob(list.id, first.body.id, 'importJobs', 120_000)).state).toBe('completed');
    const small = 'id,name\n' + Array.from({ length: 1000 }, (_, n) => `${n},current ${n}`).join('\n');
    const second = await admin.upload(list.id, small, { mode: 'replace' });
    expect((await admin.waitForJob(list.id, second.body.id)).state).toBe('completed');
    const snapshot = await contentsFingerprint(database.url, list.id);

    const response = await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
    expect(response.status, response.text).toBe(202);
    await waitFor(
      async () =>
        (await admin.get(`/api/v1/lists/${list.id}/restoreJobs/${response.body.id}`)).body.state === 'running',
      30_000,
    );
    await new Promise((r) => setTimeout(r, 150));
    await victim.kill9();
    victim = worker();
    const job = await admin.waitForJob(list.id, response.body.id, 'restoreJobs', 60_000);
    const after = await contentsFingerprint(database.url, list.id);
    const revision = (await admin.get(`/api/v1/lists/${list.id}`)).body.revision;
    if (job.state === 'completed') {
      // The kill came after the commit: then the list is exactly revision 1.
      expect(after.count).toBe(300_000);
      expect(revision).toBe(3);
      console.log('[kill -9 during restore] completed before the kill');
      return;
    }
    expect(job.state).toBe('failed');
    expect(after).toEqual(snapshot);
    expect(revision).toBe(2);
    // The kept version it was restoring is still there, and a second attempt restores it.
    const again = await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
    expect(again.status, again.text).toBe(202);
    expect((await admin.waitForJob(list.id, again.body.id, 'restoreJobs', 60_000)).state).toBe('completed');
    expect((await contentsFingerprint(database.url, list.id)).count).toBe(300_000);
    console.log('[kill -9 during restore] failed, list unchanged, restored on the second attempt');
  }, 180_000);
});

async function contentsFingerprint(url: string, listId: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const table = dataTableOf(listId);
    const [row] = await sql.unsafe(
      `select count(*)::int as count, md5(string_agg(t::text, '|' order by c1)) as digest from "${table}" t`,
    );
    return { count: row!.count as number, digest: row!.digest as string };
  } finally {
    await sql.end();
  }
}

/** Worker processes (lib/jobs/worker-main.ts) whose DATABASE_URL is this one: the app's own child, here. */
function workerPidsFor(databaseUrl: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!command.includes('lib/jobs/worker-main.ts')) continue;
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environment.includes(`DATABASE_URL=${databaseUrl}`)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('the app’s own job worker process (RUN_WORKER=true, the default)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: (RunningProcess & { baseUrl: string }) | undefined;

  beforeAll(async () => {
    database = await createDatabase(inject('serverUrl'));
    app = await startApp({ DATABASE_URL: database.url, UPLOAD_DIR: inject('uploadDir') });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function importRows(rows: number) {
    const admin = await adminApi(app!.baseUrl);
    const list = await createList(admin, await createWorkspace(admin), [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'label', dataType: 'string' },
    ]);
    const csv = 'id,label\n' + Array.from({ length: rows }, (_, n) => `${n},item ${n}`).join('\n');
    const response = await admin.upload(list.id, csv);
    expect(response.status).toBe(202);
    return admin.waitForJob(list.id, response.body.id, 'importJobs', 90_000);
  }

  it('runs jobs in a child process, starts it again when it dies, and it ends with the app', async () => {
    await waitFor(
      () => workerPidsFor(database.url).length === 1,
      30_000,
      () => app!.output(),
    );
    const [first] = workerPidsFor(database.url);
    expect(first).not.toBe(app!.child.pid);
    // Loads yield the processor to requests (WORKER_NICENESS, 10 by default, set as the worker
    // starts); the app keeps its own.
    await waitFor(
      () => os.getPriority(first!) === 10,
      30_000,
      () => `worker's nice: ${os.getPriority(first!)}`,
    );
    expect(os.getPriority(app!.child.pid!)).toBe(os.getPriority());
    expect((await importRows(2_000)).state).toBe('completed');

    process.kill(first!, 'SIGKILL');
    await waitFor(
      () => workerPidsFor(database.url).some((pid) => pid !== first),
      30_000,
      () => app!.output(),
    );
    expect(app!.output()).toContain('the job worker process stopped (SIGKILL); starting it again in 1 s.');
    expect((await importRows(500)).state).toBe('completed');

    // Killed without a chance to clean up, the app takes its worker with it (the IPC channel closes).
    await app!.kill9();
    app = undefined;
    await waitFor(() => workerPidsFor(database.url).length === 0, 30_000);
  });
});
