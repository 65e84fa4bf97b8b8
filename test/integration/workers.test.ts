import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace } from '../support/api';
import { createDatabase } from '../support/databases';
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
  const env = () => ({ DATABASE_URL: database.url, JOB_STALE_SECONDS: '5', WORKER_CONCURRENCY: '1' });

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
});

async function contentsFingerprint(url: string, listId: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const table = `ld_${listId.replaceAll('-', '')}`;
    const [row] = await sql.unsafe(
      `select count(*)::int as count, md5(string_agg(t::text, '|' order by c1)) as digest from "${table}" t`,
    );
    return { count: row!.count as number, digest: row!.digest as string };
  } finally {
    await sql.end();
  }
}
