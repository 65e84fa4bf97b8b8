/**
 * `npm run bench`: measures imports against PostgreSQL's own COPY in one run on one database, and
 * prints (and saves under bench/results/) a table of times, ratios to the baseline and server memory.
 * Flags: --quick (100k rows only), --large (adds 5M rows), --rows=N[,N…] (these sizes only), --no-browser, --browser-only.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../db/embedded';
import { createDatabase } from '../test/support/databases';
import { startApp, TEST_ADMIN } from '../test/support/processes';
import { BENCH_COLUMNS, generateCsv } from './data';
import { measureBrowser } from './browser';

type Row = { case: string; rows: number; seconds: number; rowsPerSecond: number; ratio?: number; peakRssMb?: number; note?: string };

const args = new Set(process.argv.slice(2));
const browserOnly = args.has('--browser-only');
const rowsFlag = process.argv.find((a) => a.startsWith('--rows='));
const sizes = rowsFlag
  ? rowsFlag.slice('--rows='.length).split(',').map(Number)
  : args.has('--quick')
    ? [100_000]
    : args.has('--large')
      ? [100_000, 1_000_000, 5_000_000]
      : [100_000, 1_000_000];
const dataDir = path.join(process.cwd(), 'bench', 'data');

async function main() {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.mkdir(path.join(process.cwd(), 'bench', 'results'), { recursive: true });
  const embedded = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? undefined : await startEmbeddedPostgres(path.join(process.cwd(), '.data', 'bench'), () => {});
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || embedded!.url;
  const database = await createDatabase(serverUrl, 'listport_bench');
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-bench-'));
  const app = await startApp({ DATABASE_URL: database.url, UPLOAD_DIR: uploadDir, MAX_UPLOAD_BYTES: String(4 * 1024 ** 3), NODE_OPTIONS: '' });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const results: Row[] = [];
  const api = await apiClient(app.baseUrl);
  try {
    for (const rows of browserOnly ? [] : sizes) {
      const file = path.join(dataDir, `bench-${rows}.csv`);
      const bytes = await ensureFile(file, { rows });
      console.log(`\n${rows.toLocaleString('en-US')} rows (${(bytes / 1024 / 1024).toFixed(0)} MB)`);

      const baseline = await copyBaseline(sql, file);
      results.push({ case: 'baseline: COPY FROM STDIN', rows, seconds: baseline, rowsPerSecond: rows / baseline, ratio: 1 });
      report(results.at(-1)!);
      // The same COPY the way a load writes: into a table created in its transaction (which skips
      // the write-ahead log where wal_level=minimal, as on the embedded server), key built after.
      const fresh = await copyIntoNewTable(sql, file);
      results.push({ case: 'reference: COPY into a new table, key built after', rows, seconds: fresh, rowsPerSecond: rows / fresh, ratio: fresh / baseline });
      report(results.at(-1)!);
      const versusFresh = (seconds: number) => `${(seconds / fresh).toFixed(2)}× the new-table COPY`;

      const listId = await api.createList(`bench ${rows} ${Date.now()}`);
      const insert = await api.importFile(listId, file, 'upsert', app.child.pid!);
      results.push({ case: 'API import (empty list)', rows, seconds: insert.seconds, rowsPerSecond: rows / insert.seconds, ratio: insert.seconds / baseline, peakRssMb: insert.peakRssMb, note: versusFresh(insert.seconds) });
      report(results.at(-1)!);

      const half = path.join(dataDir, `bench-${rows}-upsert.csv`);
      await ensureFile(half, { rows, firstId: Math.floor(rows / 2) + 1, seed: 7 });
      const upsert = await api.importFile(listId, half, 'upsert', app.child.pid!);
      results.push({ case: 'API upsert, 50% existing keys', rows, seconds: upsert.seconds, rowsPerSecond: rows / upsert.seconds, ratio: upsert.seconds / baseline, peakRssMb: upsert.peakRssMb, note: versusFresh(upsert.seconds) });
      report(results.at(-1)!);

      const failing = path.join(dataDir, `bench-${rows}-errors.csv`);
      await ensureFile(failing, { rows, seed: 11, errorEvery: Math.floor(rows / 100) });
      const failed = await api.importFile(listId, failing, 'upsert', app.child.pid!, 'failed');
      results.push({ case: 'API import failing at threshold (100 errors)', rows, seconds: failed.seconds, rowsPerSecond: rows / failed.seconds, ratio: failed.seconds / baseline, peakRssMb: failed.peakRssMb, note: `time to failed; ${versusFresh(failed.seconds)}` });
      report(results.at(-1)!);
    }
    if (!args.has('--no-browser')) {
      const rows = args.has('--quick') ? 100_000 : 1_000_000;
      const file = path.join(dataDir, `bench-${rows}.csv`);
      await ensureFile(file, { rows });
      const listId = await api.createList(`bench browser ${Date.now()}`);
      const browser = await measureBrowser(app.baseUrl, listId, file, TEST_ADMIN);
      results.push({ case: 'browser: read + validate in wizard', rows, seconds: browser.readSeconds, rowsPerSecond: rows / browser.readSeconds, note: `longest main-thread task ${browser.longestTaskMs} ms; scroll to last row ${browser.scrollMs} ms; page JS heap ${browser.heapMb} MB; tab (renderer processes) peak ${browser.tabPeakMb} MB` });
      report(results.at(-1)!);
    }
  } finally {
    await sql.end();
    await app.stop();
    await database.drop();
    await fs.rm(uploadDir, { recursive: true, force: true });
    await embedded?.stop();
  }
  printTable(results);
  const out = path.join(process.cwd(), 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(out, JSON.stringify({ machine: machine(), results }, null, 2));
  await fs.writeFile(path.join(process.cwd(), 'bench', 'results', 'latest.json'), JSON.stringify({ machine: machine(), results }, null, 2));
  console.log(`\nSaved ${path.relative(process.cwd(), out)}`);
}

async function ensureFile(file: string, options: Parameters<typeof generateCsv>[1]): Promise<number> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat) return stat.size;
  return generateCsv(file, options);
}

/** The physical anchor: COPY of the same file into a table shaped like a list's contents (typed columns, primary key). */
async function copyBaseline(sql: postgres.Sql, file: string): Promise<number> {
  const types: Record<string, string> = { integer: 'bigint', string: 'text', number: 'numeric', date: 'date', boolean: 'boolean' };
  await sql.unsafe(`drop table if exists bench_baseline`);
  await sql.unsafe(`create table bench_baseline (${BENCH_COLUMNS.map((c, i) => `c${i + 1} ${types[c.dataType]}`).join(', ')}, primary key (c1))`);
  const started = performance.now();
  await sql.begin(async (tx) => {
    const writable = await tx.unsafe(`copy bench_baseline from stdin with (format csv, header true)`).writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.unsafe(`drop table bench_baseline`);
  return seconds;
}

async function copyIntoNewTable(sql: postgres.Sql, file: string): Promise<number> {
  const types: Record<string, string> = { integer: 'bigint', string: 'text', number: 'numeric', date: 'date', boolean: 'boolean' };
  await sql.unsafe(`drop table if exists bench_fresh`);
  const started = performance.now();
  await sql.begin(async (tx) => {
    await tx.unsafe(`create table bench_fresh (${BENCH_COLUMNS.map((c, i) => `c${i + 1} ${types[c.dataType]}`).join(', ')})`);
    const writable = await tx.unsafe(`copy bench_fresh from stdin with (format csv, header true)`).writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    await tx.unsafe(`alter table bench_fresh add primary key (c1)`);
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.unsafe(`drop table bench_fresh`);
  return seconds;
}

async function apiClient(baseUrl: string) {
  const tokenResponse = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_ADMIN) });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { 'x-auth-jwt': token };
  return {
    async createList(name: string): Promise<string> {
      const response = await fetch(`${baseUrl}/api/v1/lists`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name, columns: BENCH_COLUMNS }) });
      if (response.status !== 201) throw new Error(await response.text());
      return ((await response.json()) as { id: string }).id;
    },
    /** Upload (streamed from disk) until the job's end; samples the server's RSS meanwhile. */
    async importFile(listId: string, file: string, mode: string, serverPid: number, expect = 'completed') {
      const sampler = sampleRss(serverPid);
      const started = performance.now();
      // Uploaded by curl, as a script would: the harness's own multipart encoding (undici's
      // FormData) would cost this 2-core machine more CPU than the server's receiving does.
      const answer = await curlUpload(`${baseUrl}/api/v1/lists/${listId}/importJobs`, headers, { mode }, file);
      if (answer.status !== 202) throw new Error(`${answer.status} ${answer.body}`);
      const { id } = JSON.parse(answer.body) as { id: string };
      console.log(`      · upload answered 202 after ${((performance.now() - started) / 1000).toFixed(2)} s (server peak RSS meanwhile ${sampler.peakSoFar()} MB)`);
      let state = 'pending';
      while (state === 'pending' || state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        state = ((await (await fetch(`${baseUrl}/api/v1/jobs/${id}`, { headers })).json()) as { state: string }).state;
      }
      const seconds = (performance.now() - started) / 1000;
      const peakRssMb = sampler.stop();
      if (state !== expect) throw new Error(`job ${id} ended ${state}, expected ${expect}`);
      const logs = (await (await fetch(`${baseUrl}/api/v1/jobs/${id}/logs`, { headers })).json()) as { items?: { message: string }[] };
      for (const line of logs.items ?? []) console.log(`      · ${line.message}`);
      return { seconds, peakRssMb };
    },
  };
}

function curlUpload(url: string, headers: Record<string, string>, fields: Record<string, string>, file: string): Promise<{ status: number; body: string }> {
  const args = ['-sS', '-w', '\n%{http_code}', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`])];
  for (const [name, value] of Object.entries(fields)) args.push('-F', `${name}=${value}`);
  args.push('-F', `dataFile=@${file}`, url);
  return new Promise((resolve, reject) => {
    execFile('curl', args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

function sampleRss(pid: number) {
  let peak = 0;
  const read = async () => {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb);
  };
  const timer = setInterval(() => void read(), 50);
  void read();
  return { peakSoFar: () => Math.round(peak / 1024), stop: () => (clearInterval(timer), Math.round(peak / 1024)) };
}

function report(row: Row) {
  console.log(`  ${row.case.padEnd(46)} ${row.seconds.toFixed(2).padStart(7)} s  ${Math.round(row.rowsPerSecond).toLocaleString('en-US').padStart(10)} rows/s${row.ratio !== undefined ? `  ${row.ratio.toFixed(2)}×` : ''}${row.peakRssMb ? `  peak RSS ${row.peakRssMb} MB` : ''}${row.note ? `  (${row.note})` : ''}`);
}

function printTable(rows: Row[]) {
  console.log('\n| case | rows | seconds | rows/s | × baseline | server peak RSS | note |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(`| ${r.case} | ${r.rows.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${r.ratio?.toFixed(2) ?? ''} | ${r.peakRssMb ? `${r.peakRssMb} MB` : ''} | ${r.note ?? ''} |`);
  }
  console.log(`\nMachine: ${machine()}`);
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
