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
import { SQL_TYPES } from '../db/queries/sql-names';
import { createDatabase } from '../test/support/databases';
import { startApp, TEST_ADMIN } from '../test/support/processes';
import { measureBrowser } from './browser';
import { BENCH_COLUMNS, generateCsv } from './data';

type Row = {
  case: string;
  rows: number;
  /** Median over the rounds. */
  seconds: number;
  rowsPerSecond: number;
  /** Median of each round's time over that round's baseline. */
  ratio?: number;
  /** Lowest and highest of those ratios. */
  ratioRange?: [number, number];
  /** Median over the rounds of the server's peak RSS during the import. */
  peakRssMb?: number;
  rounds: number;
  note?: string;
};

/** One measurement of a case in one round. */
type Sample = { seconds: number; baseline: number; reference?: number; peakRssMb?: number };

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
// This machine's speed drifts from minute to minute: each size is measured in rounds, baseline
// included, and the table reports medians (and the spread of the ratios).
const roundsFlag = process.argv.find((a) => a.startsWith('--rounds='));
const rounds = roundsFlag ? Number(roundsFlag.slice('--rounds='.length)) : args.has('--quick') ? 1 : 3;
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds wants a whole number of at least 1, not ${roundsFlag}`);
const dataDir = path.join(process.cwd(), 'bench', 'data');

async function main() {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.mkdir(path.join(process.cwd(), 'bench', 'results'), { recursive: true });
  const embedded =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
      ? undefined
      : await startEmbeddedPostgres(path.join(process.cwd(), '.data', 'bench'), () => {});
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || embedded!.url;
  const database = await createDatabase(serverUrl, 'listport_bench');
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-bench-'));
  const withApp = async (
    run: (app: Awaited<ReturnType<typeof startApp>>, api: Awaited<ReturnType<typeof apiClient>>) => Promise<void>,
  ) => {
    const app = await startApp({
      DATABASE_URL: database.url,
      UPLOAD_DIR: uploadDir,
      MAX_UPLOAD_BYTES: String(4 * 1024 ** 3),
      NODE_OPTIONS: '',
    });
    try {
      const api = await apiClient(app.baseUrl);
      // A fresh server loads its routes and warms its code on first use: one small import first, so
      // the first round does not time that (it added ~0.6 s to the first upload of 1M rows).
      const warmUp = path.join(dataDir, 'bench-1000.csv');
      await ensureFile(warmUp, { rows: 1000 });
      await api.importFile(await api.createList(`bench warm-up ${Date.now()}`), warmUp, 'upsert', app.child.pid!, {
        verbose: false,
      });
      await run(app, api);
    } finally {
      await app.stop();
    }
  };
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const results: Row[] = [];
  try {
    // The browser first: after the big loads, PostgreSQL's autovacuum of their tables would share its CPU.
    if (!args.has('--no-browser')) {
      const rows = args.has('--quick') ? 100_000 : 1_000_000;
      const file = path.join(dataDir, `bench-${rows}.csv`);
      await ensureFile(file, { rows });
      await withApp(async (app, api) => {
        const listId = await api.createList(`bench browser ${Date.now()}`);
        const browser = await measureBrowser(app.baseUrl, listId, file, rows, TEST_ADMIN);
        results.push({
          case: 'browser: read + validate in wizard',
          rows,
          seconds: browser.readSeconds,
          rowsPerSecond: rows / browser.readSeconds,
          rounds: 1,
          note: `${longestTaskNote(browser.longestTaskMs)}; scroll to last row ${browser.scrollMs} ms; page JS heap ${browser.heapMb} MB; tab (renderer processes) peak ${browser.tabPeakMb} MB`,
        });
        console.log(
          `  ${results.at(-1)!.case.padEnd(46)} ${browser.readSeconds.toFixed(2).padStart(7)} s  (${results.at(-1)!.note})`,
        );
      });
    }
    for (const rows of browserOnly ? [] : sizes) {
      const file = path.join(dataDir, `bench-${rows}.csv`);
      const bytes = await ensureFile(file, { rows });
      const half = path.join(dataDir, `bench-${rows}-upsert.csv`);
      await ensureFile(half, { rows, firstId: Math.floor(rows / 2) + 1, seed: 7 });
      const failing = path.join(dataDir, `bench-${rows}-errors.csv`);
      await ensureFile(failing, { rows, seed: 11, errorEvery: Math.floor(rows / 100) });
      const samples = new Map<string, Sample[]>();
      const record = (name: string, sample: Sample) => {
        samples.set(name, [...(samples.get(name) ?? []), sample]);
        report(name, sample);
      };
      // A fresh server for each size: its memory figures then start from the same state, and the
      // growth from 1M to 5M compares like with like (a server's peak RSS only ever rises).
      await withApp(async (app, api) => {
        for (let round = 1; round <= rounds; round++) {
          console.log(
            `\n${rows.toLocaleString('en-US')} rows (${(bytes / 1024 / 1024).toFixed(0)} MB), round ${round} of ${rounds}`,
          );
          // Job logs are printed in the first round only.
          const verbose = round === 1;
          const baseline = await copyBaseline(sql, file);
          record(CASES.baseline, { seconds: baseline, baseline });
          // The same COPY the way a load writes: into a table created in its transaction (which skips
          // the write-ahead log where wal_level=minimal, as on the embedded server), key built after.
          const reference = await copyIntoNewTable(sql, file);
          record(CASES.reference, { seconds: reference, baseline });

          const listId = await api.createList(`bench ${rows} ${Date.now()}`);
          const insert = await api.importFile(listId, file, 'upsert', app.child.pid!, { verbose });
          record(CASES.import, { ...insert, baseline, reference });
          const upsert = await api.importFile(listId, half, 'upsert', app.child.pid!, { verbose });
          record(CASES.upsert, { ...upsert, baseline, reference });
          const failed = await api.importFile(listId, failing, 'upsert', app.child.pid!, { verbose, expect: 'failed' });
          record(CASES.failing, { ...failed, baseline, reference });
          // The next round must not share the two cores with autovacuum working on this round's list.
          await api.deleteList(listId);
        }
      });
      for (const [name, list] of samples) results.push(summarize(name, rows, list));
    }
  } finally {
    await sql.end();
    await database.drop();
    await fs.rm(uploadDir, { recursive: true, force: true });
    await embedded?.stop();
  }
  printTable(results);
  const out = path.join(process.cwd(), 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const saved = JSON.stringify({ machine: machine(), commit: await currentCommit(), rounds, results }, null, 2);
  await fs.writeFile(out, saved);
  await fs.writeFile(path.join(process.cwd(), 'bench', 'results', 'latest.json'), saved);
  console.log(`\nSaved ${path.relative(process.cwd(), out)}`);
}

/** Browsers report only tasks of 50 ms or more ("long tasks"): none seen is not a task of 0 ms. */
function longestTaskNote(ms: number): string {
  return ms === 0 ? 'no main-thread task of 50 ms or more' : `longest main-thread task ${ms} ms`;
}

async function ensureFile(file: string, options: Parameters<typeof generateCsv>[1]): Promise<number> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat) return stat.size;
  return generateCsv(file, options);
}

/** The bench list's columns typed as a list's table stores them (see db/queries/sql-names). */
const TABLE_COLUMNS = BENCH_COLUMNS.map((c, i) => `c${i + 1} ${SQL_TYPES[c.dataType]}`).join(', ');

/** The physical anchor: COPY of the same file into a table shaped like a list's contents (typed columns, primary key). */
async function copyBaseline(sql: postgres.Sql, file: string): Promise<number> {
  await sql.unsafe(`drop table if exists bench_baseline`);
  await sql.unsafe(`create table bench_baseline (${TABLE_COLUMNS}, primary key (c1))`);
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
  await sql.unsafe(`drop table if exists bench_fresh`);
  const started = performance.now();
  await sql.begin(async (tx) => {
    await tx.unsafe(`create table bench_fresh (${TABLE_COLUMNS})`);
    const writable = await tx.unsafe(`copy bench_fresh from stdin with (format csv, header true)`).writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    await tx.unsafe(`alter table bench_fresh add primary key (c1)`);
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.unsafe(`drop table bench_fresh`);
  return seconds;
}

async function apiClient(baseUrl: string) {
  const tokenResponse = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { 'x-auth-jwt': token };
  return {
    async createList(name: string): Promise<string> {
      const response = await fetch(`${baseUrl}/api/v1/lists`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name, columns: BENCH_COLUMNS }),
      });
      if (response.status !== 201) throw new Error(await response.text());
      return ((await response.json()) as { id: string }).id;
    },
    async deleteList(id: string): Promise<void> {
      const response = await fetch(`${baseUrl}/api/v1/lists/${id}`, { method: 'DELETE', headers });
      if (!response.ok) throw new Error(`deleting list ${id}: ${response.status} ${await response.text()}`);
    },
    /** Upload (streamed from disk) until the job's end; samples the server's RSS meanwhile. */
    async importFile(
      listId: string,
      file: string,
      mode: string,
      serverPid: number,
      { verbose = true, expect = 'completed' } = {},
    ) {
      const sampler = sampleRss(serverPid);
      const started = performance.now();
      // Uploaded by curl, as a script would: the harness's own multipart encoding (undici's
      // FormData) would cost this 2-core machine more CPU than the server's receiving does.
      const answer = await curlUpload(`${baseUrl}/api/v1/lists/${listId}/importJobs`, headers, { mode }, file);
      if (answer.status !== 202) throw new Error(`${answer.status} ${answer.body}`);
      const { id } = JSON.parse(answer.body) as { id: string };
      if (verbose)
        console.log(
          `      · upload answered 202 after ${((performance.now() - started) / 1000).toFixed(2)} s (server peak RSS meanwhile ${sampler.peakSoFar()} MB)`,
        );
      let state = 'pending';
      while (state === 'pending' || state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        state = ((await (await fetch(`${baseUrl}/api/v1/jobs/${id}`, { headers })).json()) as { state: string }).state;
      }
      const seconds = (performance.now() - started) / 1000;
      const peakRssMb = sampler.stop();
      if (state !== expect) throw new Error(`job ${id} ended ${state}, expected ${expect}`);
      const logs = (await (await fetch(`${baseUrl}/api/v1/jobs/${id}/logs`, { headers })).json()) as {
        items?: { message: string }[];
      };
      if (verbose) for (const line of logs.items ?? []) console.log(`      · ${line.message}`);
      return { seconds, peakRssMb };
    },
  };
}

function curlUpload(
  url: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
  file: string,
): Promise<{ status: number; body: string }> {
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

const CASES = {
  baseline: 'baseline: COPY FROM STDIN',
  reference: 'reference: COPY into a new table, key built after',
  import: 'API import (empty list)',
  upsert: 'API upsert, 50% existing keys',
  failing: 'API import failing at threshold (100 errors)',
};

/** The notes on a case's line: what its time measures, and its ratio to the new-table COPY. */
function caseNotes(name: string, referenceRatio: number | undefined): string {
  return [
    name === CASES.failing ? 'time to failed' : '',
    referenceRatio === undefined ? '' : `${referenceRatio.toFixed(2)}× the new-table COPY`,
  ]
    .filter(Boolean)
    .join('; ');
}

function report(name: string, sample: Sample) {
  const ratio = name === CASES.baseline ? '' : `  ${(sample.seconds / sample.baseline).toFixed(2)}×`;
  const rss = sample.peakRssMb ? `  peak RSS ${sample.peakRssMb} MB` : '';
  const notes = caseNotes(name, sample.reference ? sample.seconds / sample.reference : undefined);
  console.log(
    `  ${name.padEnd(46)} ${sample.seconds.toFixed(2).padStart(7)} s${ratio}${rss}${notes ? `  (${notes})` : ''}`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summarize(name: string, rows: number, samples: Sample[]): Row {
  const seconds = median(samples.map((s) => s.seconds));
  const ratios = samples.map((s) => s.seconds / s.baseline);
  const references = samples.flatMap((s) => (s.reference ? [s.seconds / s.reference] : []));
  const rss = samples.flatMap((s) => (s.peakRssMb ? [s.peakRssMb] : []));
  const notes = caseNotes(name, references.length ? median(references) : undefined);
  return {
    case: name,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    ...(name !== CASES.baseline && {
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)] as [number, number],
    }),
    ...(rss.length && { peakRssMb: Math.round(median(rss)) }),
    rounds: samples.length,
    ...(notes && { note: notes }),
  };
}

function printTable(rows: Row[]) {
  console.log(
    '\n| case | rows | seconds (median) | rows/s | × baseline (median, range) | server peak RSS (median) | note |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const ratio =
      r.ratio === undefined
        ? ''
        : r.rounds > 1 && r.ratioRange
          ? `${r.ratio.toFixed(2)} (${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)})`
          : r.ratio.toFixed(2);
    console.log(
      `| ${r.case} | ${r.rows.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${ratio} | ${r.peakRssMb ? `${r.peakRssMb} MB` : ''} | ${r.note ?? ''} |`,
    );
  }
  const growth = [CASES.import, CASES.upsert, CASES.failing].flatMap((name) => {
    const at = (n: number) => rows.find((r) => r.case === name && r.rows === n)?.peakRssMb;
    const [small, large] = [at(1_000_000), at(5_000_000)];
    return small && large ? [`${name.replace(/^API /, '')} ${large - small >= 0 ? '+' : ''}${large - small} MB`] : [];
  });
  if (growth.length) console.log(`\nServer peak RSS growth from 1M to 5M rows: ${growth.join(', ')}`);
  console.log(`Rounds per size: ${rounds}. Machine: ${machine()}`);
}

function currentCommit(): Promise<string> {
  return new Promise((resolve) =>
    execFile('git', ['rev-parse', '--short', 'HEAD'], (error, stdout) => resolve(error ? 'unknown' : stdout.trim())),
  );
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
