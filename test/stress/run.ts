/**
 * `npm run test:stress`: faults and load on real processes sharing one PostgreSQL — two app
 * processes and a separate worker. Prints a table of each case, what was checked and the counts;
 * exits non-zero if any check failed. Bounded in runs and time; all traffic stays on loopback.
 * Flags: --quick (fewer repetitions, for CI).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

import { startEmbeddedPostgres } from '../../db/embedded';
import { createDatabase } from '../support/databases';
import { startApp, startWorker, TEST_ADMIN, type RunningProcess } from '../support/processes';

const quick = process.argv.includes('--quick');
type Outcome = { case: string; checked: string; runs: number; failures: number; detail: string };
const outcomes: Outcome[] = [];

type Client = { base: string; headers: Record<string, string> };

async function token(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  return ((await response.json()) as { token: string }).token;
}

async function createList(client: Client, name: string): Promise<string> {
  const response = await fetch(`${client.base}/api/v1/lists`, {
    method: 'POST',
    headers: { ...client.headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'label', dataType: 'string' },
        { name: 'amount', dataType: 'number' },
      ],
    }),
  });
  if (response.status !== 201) throw new Error(`create list: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

function csv(rows: number, tag: string, firstId = 0): string {
  let out = 'id,label,amount\n';
  for (let i = 0; i < rows; i++) out += `${firstId + i},"${tag} ${i}, quoted",${i}.5\n`;
  return out;
}

async function upload(
  client: Client,
  listId: string,
  body: string,
  mode = 'upsert',
): Promise<{ status: number; id?: string }> {
  const form = new FormData();
  form.append('mode', mode);
  form.append('dataFile', new Blob([body], { type: 'text/csv' }), 'data.csv');
  const response = await fetch(`${client.base}/api/v1/lists/${listId}/importJobs`, {
    method: 'POST',
    headers: client.headers,
    body: form,
  });
  const json = (await response.json().catch(() => ({}))) as { id?: string };
  return { status: response.status, ...(json.id && { id: json.id }) };
}

async function waitForJob(client: Client, jobId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = (await (await fetch(`${client.base}/api/v1/jobs/${jobId}`, { headers: client.headers })).json()) as {
      state: string;
    };
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job.state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'timeout';
}

async function fingerprint(sql: postgres.Sql, listId: string) {
  const [row] = await sql.unsafe(
    `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by c1)), '') as digest from "ld_${listId.replaceAll('-', '')}" t`,
  );
  return `${row!.n}:${row!.digest}`;
}

/** 20 simultaneous imports on one list, spread over both app processes: exactly one is accepted. */
async function lockRace(clients: Client[]) {
  const runs = quick ? 20 : 100;
  let failures = 0;
  const listId = await createList(clients[0]!, `race ${Date.now()}`);
  const body = csv(50, 'race');
  for (let run = 0; run < runs; run++) {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => upload(clients[i % clients.length]!, listId, body)),
    );
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 409);
    if (accepted.length !== 1 || refused.length !== 19) failures++;
    if (accepted[0]?.id) await waitForJob(clients[0]!, accepted[0].id);
  }
  outcomes.push({
    case: '20 simultaneous imports on one list (2 app processes)',
    checked: 'exactly one 202, nineteen 409',
    runs,
    failures,
    detail: `${runs - failures}/${runs} runs exact`,
  });
}

/** Importers and readers at once: every job correct, no error responses; throughput and p95. */
async function mixedLoad(clients: Client[], sql: postgres.Sql) {
  const importers = quick ? 10 : 50;
  const rows = quick ? 5_000 : 20_000;
  const lists = await Promise.all(
    Array.from({ length: importers }, (_, i) => createList(clients[i % clients.length]!, `load ${i} ${Date.now()}`)),
  );
  let stop = false;
  const latencies: number[] = [];
  let readErrors = 0;
  const readers = Array.from({ length: importers }, async (_, i) => {
    const client = clients[i % clients.length]!;
    while (!stop) {
      const started = performance.now();
      const target =
        i % 2 === 0 ? `/api/v1/lists/${lists[i % lists.length]}/contents?limit=50` : `/api/v1/jobs?limit=20`;
      const response = await fetch(`${client.base}${target}`, { headers: client.headers }).catch(() => undefined);
      latencies.push(performance.now() - started);
      if (!response || response.status !== 200) readErrors++;
      await response?.arrayBuffer();
    }
  });
  const started = performance.now();
  const results = await Promise.all(
    lists.map(async (listId, i) => {
      const client = clients[i % clients.length]!;
      const answer = await upload(client, listId, csv(rows, `l${i}`));
      if (answer.status !== 202 || !answer.id) return false;
      return (await waitForJob(client, answer.id, 300_000)) === 'completed';
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(readers);
  let wrongCounts = 0;
  for (const listId of lists) if (!(await fingerprint(sql, listId)).startsWith(`${rows}:`)) wrongCounts++;
  latencies.sort((a, b) => a - b);
  const p95 = Math.round(latencies[Math.floor(latencies.length * 0.95)] ?? 0);
  const failedJobs = results.filter((ok) => !ok).length;
  outcomes.push({
    case: `${importers} importers + ${importers} readers`,
    checked: 'every job completed with exact contents, no reader errors',
    runs: importers,
    failures: failedJobs + wrongCounts + (readErrors > 0 ? 1 : 0),
    detail: `${Math.round((importers * rows) / seconds).toLocaleString('en-US')} rows/s imported; ${latencies.length} reads, p95 ${p95} ms, ${readErrors} errors; ${failedJobs} failed jobs, ${wrongCounts} wrong lists`,
  });
}

/** kill -9 of the worker at random moments of a replace load: the list is exactly before or exactly after. */
async function killDuringLoad(client: Client, sql: postgres.Sql, startVictim: () => RunningProcess) {
  const runs = quick ? 4 : 15;
  const listId = await createList(client, `kill ${Date.now()}`);
  let victim = startVictim();
  const first = await upload(client, listId, csv(1_000, 'before'));
  await waitForJob(client, first.id!);
  const before = await fingerprint(sql, listId);
  const big = csv(300_000, 'after');
  let halfLoaded = 0;
  let stuck = 0;
  let killedMidway = 0;
  for (let run = 0; run < runs; run++) {
    const answer = await upload(client, listId, big, 'replace');
    while (
      (
        (await (await fetch(`${client.base}/api/v1/jobs/${answer.id}`, { headers: client.headers })).json()) as {
          state: string;
        }
      ).state === 'pending'
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, Math.random() * 2500));
    await victim.kill9();
    victim = startVictim();
    const state = await waitForJob(client, answer.id!, 90_000);
    const after = await fingerprint(sql, listId);
    if (state === 'timeout') stuck++;
    if (state === 'failed') killedMidway++;
    const exactFile = after.startsWith('300000:');
    if (!(after === before && state === 'failed') && !(exactFile && state === 'completed')) halfLoaded++;
    // Next run starts from the original contents again.
    if (exactFile) {
      const restore = await upload(client, listId, csv(1_000, 'before'), 'replace');
      await waitForJob(client, restore.id!);
    }
  }
  await victim.stop();
  outcomes.push({
    case: 'kill -9 of the worker during a 300k-row replace',
    checked: 'list exactly as before (job failed) or exactly the file (completed); no job left running',
    runs,
    failures: halfLoaded + stuck,
    detail: `${killedMidway} killed mid-load, ${runs - killedMidway - stuck} finished first; ${halfLoaded} half-loaded lists, ${stuck} stuck jobs`,
  });
}

/**
 * The database goes away in the middle of a load and comes back: the job ends failed, the list is as
 * it was, and the same app process serves again without a restart.
 */
async function databaseRestart() {
  const runs = quick ? 1 : 3;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-restart-'));
  let server = await startEmbeddedPostgres(dataDir, () => {});
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-restart-uploads-'));
  const app = await startApp({ DATABASE_URL: server.url, UPLOAD_DIR: uploadDir, JOB_STALE_SECONDS: '5' });
  const sql = () => postgres(server.url, { max: 1, onnotice: () => {} });
  let failures = 0;
  const details: string[] = [];
  try {
    const client = { base: app.baseUrl, headers: { 'x-auth-jwt': await token(app.baseUrl) } };
    const listId = await createList(client, 'restart');
    await waitForJob(client, (await upload(client, listId, csv(1_000, 'before'))).id!);
    let db = sql();
    const before = await fingerprint(db, listId);
    await db.end();
    for (let run = 0; run < runs; run++) {
      const answer = await upload(client, listId, csv(300_000, 'after'), 'replace');
      while (
        (
          (await (await fetch(`${client.base}/api/v1/jobs/${answer.id}`, { headers: client.headers })).json()) as {
            state: string;
          }
        ).state === 'pending'
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 300));
      await server.stop();
      const whileDown = (await fetch(`${client.base}/api/health`)).status;
      // An upload while the database is away: refused clearly, nothing stored.
      const filesBefore = (await fs.readdir(uploadDir)).length;
      const uploadWhileDown = await upload(client, listId, csv(1_000, 'down'));
      const strayFiles = (await fs.readdir(uploadDir)).length - filesBefore;
      await new Promise((r) => setTimeout(r, 2000));
      server = await startEmbeddedPostgres(dataDir, () => {});
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        healthy = (await fetch(`${client.base}/api/health`).catch(() => undefined))?.status === 200;
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      const state = await waitForJob(client, answer.id!, 60_000);
      db = sql();
      const after = await fingerprint(db, listId);
      await db.end();
      const consistent =
        (state === 'failed' && after === before) || (state === 'completed' && after.startsWith('300000:'));
      const next = await upload(client, listId, csv(10, 'again', 5_000));
      const recovered = next.status === 202 && (await waitForJob(client, next.id!)) === 'completed';
      if (
        !consistent ||
        !healthy ||
        whileDown !== 503 ||
        !recovered ||
        uploadWhileDown.status !== 503 ||
        strayFiles !== 0
      )
        failures++;
      details.push(
        `run ${run + 1}: health ${whileDown} and upload ${uploadWhileDown.status} while down (${strayFiles} files kept), job ${state}, list ${after === before ? 'unchanged' : 'changed'}, next import ${recovered ? 'ok' : 'FAILED'}`,
      );
      // Back to the original contents for the next run.
      const reset = await upload(client, listId, csv(1_000, 'before'), 'replace');
      await waitForJob(client, reset.id!);
    }
  } finally {
    await app.stop();
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.rm(uploadDir, { recursive: true, force: true });
  }
  outcomes.push({
    case: 'PostgreSQL stopped and restarted during a load',
    checked:
      'health and uploads 503 while down, no file kept; job ends failed with the list unchanged; same app process imports again',
    runs,
    failures,
    detail: details.join('; '),
  });
}

async function main() {
  const embedded = process.env.TEST_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres(path.join(process.cwd(), '.data', 'stress'), () => {});
  const database = await createDatabase(process.env.TEST_DATABASE_URL ?? embedded!.url, 'listport_stress');
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-stress-'));
  const env = { DATABASE_URL: database.url, UPLOAD_DIR: uploadDir, JOB_STALE_SECONDS: '5', WORKER_CONCURRENCY: '2' };
  const processes: RunningProcess[] = [];
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    const appA = await startApp({ ...env, RUN_WORKER: 'false' });
    const appB = await startApp({ ...env, RUN_WORKER: 'false' });
    processes.push(appA, appB);
    const clients = await Promise.all(
      [appA, appB].map(async (app) => ({ base: app.baseUrl, headers: { 'x-auth-jwt': await token(app.baseUrl) } })),
    );
    const workers = [startWorker(env), startWorker(env)];
    processes.push(...workers);
    console.log('Two app processes (API only) and two worker processes on one database.');
    await lockRace(clients);
    console.log('…lock race done');
    await mixedLoad(clients, sql);
    console.log('…mixed load done');
    for (const w of workers) await w.stop();
    await killDuringLoad(clients[0]!, sql, () => {
      const worker = startWorker({ ...env, WORKER_CONCURRENCY: '1' });
      processes.push(worker);
      return worker;
    });
    console.log('…kill -9 done');
    await databaseRestart();
  } finally {
    await sql.end();
    for (const p of processes) await p.stop();
    await database.drop();
    await fs.rm(uploadDir, { recursive: true, force: true });
    await embedded?.stop();
  }
  console.log('\n| case | checked | runs | failures | result |');
  console.log('|---|---|---:|---:|---|');
  for (const o of outcomes) console.log(`| ${o.case} | ${o.checked} | ${o.runs} | ${o.failures} | ${o.detail} |`);
  const failed = outcomes.reduce((n, o) => n + o.failures, 0);
  console.log(
    `\n${outcomes.length - outcomes.filter((o) => o.failures > 0).length} passed, ${outcomes.filter((o) => o.failures > 0).length} failed`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
