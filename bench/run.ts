/**
 * `npm run bench`: measures imports against PostgreSQL's own COPY on two servers in one run — the
 * embedded one (wal_level=minimal) and a standard one (wal_level=replica, as production runs with
 * replicas or backups) — each against its own baseline, in rounds; and whether other requests stall
 * while big loads run. Prints (and saves under bench/results/) a table per server.
 * Flags: --quick (100k rows, one round: what CI runs), --large (adds 5M rows), --rows=N[,N…],
 * --rounds=N, --servers=embedded,standard, --stall-rows=N, --no-stalls, --no-browser, --browser-only,
 * --probe-rounds (probe latency in the timed rounds too, baseline included; see probeRounds).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

import { createDatabase } from '../test/support/databases';
import { startApp, TEST_ADMIN } from '../test/support/processes';
import { apiClient, sampleRss, type ApiClient, type JobEnd } from './api';
import { copyBaseline, copyIntoNewTable } from './baselines';
import { measureBrowser } from './browser';
import { measureGroupFix } from './browser-group-fix';
import { generateCsv, generateJsonLines } from './data';
import { probeLatency } from './latency';
import { CASES, printTable, report, summarize, type Row, type Sample } from './report';
import { benchServers, describeServer, type BenchServer, type ServerKind, type ServerSettings } from './servers';

const args = new Set(process.argv.slice(2));
if (args.has('--help')) {
  console.log(`npm run bench -- [flags]: imports against PostgreSQL's COPY on the embedded and a standard server.
  --quick            100k rows, one round (what CI runs)
  --large            adds 5M rows to the default 100k and 1M
  --rows=N[,N…]      these sizes only
  --rounds=N         rounds per size (default 3); the table gives medians
  --servers=LIST     embedded and/or standard (BENCH_DATABASE_URL, else the machine's PostgreSQL at 127.0.0.1:5432)
  --probe-rounds     also probe /api/health and /api/v1/lists in the timed rounds (and their baseline)
  --stall-rows=N     size of the stall case (default 3M); --no-stalls skips it
  --no-browser, --browser-only`);
  process.exit(0);
}
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.has('--quick');
const browserOnly = args.has('--browser-only');
const sizes = flag('rows')
  ? flag('rows')!.split(',').map(Number)
  : quick
    ? [100_000]
    : args.has('--large')
      ? [100_000, 1_000_000, 5_000_000]
      : [100_000, 1_000_000];
// This machine's speed drifts from minute to minute: each size is measured in rounds, baseline
// included, and the table reports medians (and the spread of the ratios).
const rounds = flag('rounds') ? Number(flag('rounds')) : quick ? 1 : 3;
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds wants a whole number of at least 1, not ${flag('rounds')}`);
const servers = (flag('servers') ?? 'embedded,standard').split(',') as ServerKind[];
if (servers.some((s) => s !== 'embedded' && s !== 'standard'))
  throw new Error(`--servers takes embedded and/or standard, not ${flag('servers')}`);
const stallRows =
  browserOnly || args.has('--no-stalls') ? 0 : Number(flag('stall-rows') ?? (quick ? 100_000 : 3_000_000));
// The stall case measures latency while loads run. In the timed rounds, requests every 50 ms to
// two endpoints take CPU from the load on a small machine (1M import on PostgreSQL 15: 2.04× probed
// against 1.48× unprobed, same run): they run there only when asked, and then during the baseline too.
const probeRounds = args.has('--probe-rounds');
const dataDir = path.join(process.cwd(), 'bench', 'data');

type ServerResult = { server: ServerKind; description: string; settings: ServerSettings; results: Row[] };

async function main() {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.mkdir(path.join(process.cwd(), 'bench', 'results'), { recursive: true });
  const measured: ServerResult[] = [];
  const running = await benchServers(servers);
  try {
    for (const server of running) {
      console.log(`\n━━━ ${describeServer(server)}`);
      const results = await measureServer(server, { browser: server === running[0] && !args.has('--no-browser') });
      measured.push({ server: server.kind, description: describeServer(server), settings: server.settings, results });
    }
  } finally {
    for (const server of running) await server.stop();
  }
  for (const { description, results } of measured) printTable(description, results);
  // Kept list versions change which path small loads take (docs/revisions.md): say which was measured.
  const revisionsKept = process.env.LIST_REVISIONS_KEPT || '5';
  console.log(
    `\nList revisions kept: ${revisionsKept === '0' ? 'off (LIST_REVISIONS_KEPT=0)' : `${revisionsKept} (LIST_REVISIONS_KEPT)`}. Rounds per size: ${rounds}. Machine: ${machine()}. Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const out = path.join(process.cwd(), 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const saved = JSON.stringify(
    {
      machine: machine(),
      commit: await currentCommit(),
      rounds,
      revisionsKept: Number(revisionsKept),
      servers: measured,
    },
    null,
    2,
  );
  await fs.writeFile(out, saved);
  await fs.writeFile(path.join(process.cwd(), 'bench', 'results', 'latest.json'), saved);
  console.log(`\nSaved ${path.relative(process.cwd(), out)}`);
}

async function measureServer(server: BenchServer, options: { browser: boolean }): Promise<Row[]> {
  const database = await createDatabase(server.url, 'listport_bench');
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-bench-'));
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const results: Row[] = [];
  const withApp = (run: (app: App, api: ApiClient) => Promise<void>) => withFreshApp(database.url, uploadDir, run);
  try {
    // The browser first: after the big loads, PostgreSQL's autovacuum of their tables would share its CPU.
    if (options.browser) results.push(await measureBrowserRow(withApp), ...(await measureGroupFixRows(withApp)));
    for (const rows of browserOnly ? [] : sizes) {
      const files = {
        insert: await ensureCsv(`bench-${rows}.csv`, { rows }),
        upsert: await ensureCsv(`bench-${rows}-upsert.csv`, { rows, firstId: Math.floor(rows / 2) + 1, seed: 7 }),
        failing: await ensureCsv(`bench-${rows}-errors.csv`, { rows, seed: 11, errorEvery: Math.floor(rows / 100) }),
      };
      const samples = new Map<string, Sample[]>();
      const record = (name: string, sample: Sample) => {
        samples.set(name, [...(samples.get(name) ?? []), sample]);
        report(name, sample);
      };
      // A fresh server for each size: its memory figures then start from the same state, and the
      // growth from 1M to 5M compares like with like (a server's peak RSS only ever rises).
      await withApp(async (app, api) => {
        for (let round = 1; round <= rounds; round++) {
          const mb = ((await fs.stat(files.insert)).size / 1024 / 1024).toFixed(0);
          console.log(
            `\n${rows.toLocaleString('en-US')} rows (${mb} MB), round ${round} of ${rounds}, ${server.kind} server`,
          );
          // Job logs are printed in the first round only.
          const verbose = round === 1;
          const copied = (copy: typeof copyBaseline) => whileProbed(app, api, () => copy(sql, files.insert));
          const baseline = await copied(copyBaseline);
          record(CASES.baseline, { ...baseline, baseline: baseline.seconds });
          const reference = await copied(copyIntoNewTable);
          record(CASES.reference, { ...reference, baseline: baseline.seconds });

          const list = await api.createList(`bench ${rows} ${Date.now()}`);
          const csvJob = (file: string) => () => Promise.all([api.submitImport(list.id, file, 'upsert')]);
          const against = { baseline: baseline.seconds, reference: reference.seconds };
          const insert = await timeJobs(app, api, csvJob(files.insert), { verbose, probed: probeRounds });
          record(CASES.import, { ...insert, ...against });
          const upsert = await timeJobs(app, api, csvJob(files.upsert), { verbose, probed: probeRounds });
          record(CASES.upsert, { ...upsert, ...against });
          const failing = { verbose, expect: 'failed', probed: probeRounds };
          const failed = await timeJobs(app, api, csvJob(files.failing), failing);
          record(CASES.failing, { ...failed, ...against });
          // The next round must not share the two cores with autovacuum working on this round's list.
          await api.deleteList(list.id);
        }
      });
      for (const [name, list] of samples) results.push(summarize(name, rows, list));
    }
    if (stallRows > 0) results.push(await measureStalls(withApp));
  } finally {
    await sql.end();
    await database.drop();
    await fs.rm(uploadDir, { recursive: true, force: true });
  }
  return results;
}

type App = Awaited<ReturnType<typeof startApp>>;

async function withFreshApp(databaseUrl: string, uploadDir: string, run: (app: App, api: ApiClient) => Promise<void>) {
  const app = await startApp({
    DATABASE_URL: databaseUrl,
    UPLOAD_DIR: uploadDir,
    MAX_UPLOAD_BYTES: String(4 * 1024 ** 3),
    NODE_OPTIONS: '',
  });
  try {
    const api = await apiClient(app.baseUrl);
    // A fresh server loads its routes and warms its code on first use: one small import first, so
    // the first round does not time that (it added ~0.6 s to the first upload of 1M rows).
    const warmUp = await ensureCsv('bench-1000.csv', { rows: 1000 });
    const list = await api.createList(`bench warm-up ${Date.now()}`);
    const warmUpJob = () => Promise.all([api.submitImport(list.id, warmUp, 'upsert')]);
    await timeJobs(app, api, warmUpJob, { verbose: false, probed: false });
    await run(app, api);
  } finally {
    await app.stop();
  }
}

/** How long /api/health and GET /api/v1/lists take to answer, asked every 50 ms until stopped. */
function startProbe(app: App, api: ApiClient) {
  return probeLatency(app.baseUrl, {
    health: { path: '/api/health' },
    lists: { path: '/api/v1/lists?limit=20', headers: api.headers },
  });
}

/** Times a baseline COPY, under the same probing as the loads it is compared with (--probe-rounds). */
async function whileProbed(
  app: App,
  api: ApiClient,
  copy: () => Promise<number>,
): Promise<Pick<Sample, 'seconds' | 'latency'>> {
  const probe = probeRounds ? startProbe(app, api) : undefined;
  const seconds = await copy();
  const latency = await probe?.stop();
  return { seconds, ...(latency && { latency }) };
}

/**
 * Submits jobs and waits for their end, timing it all (upload included) while sampling the
 * server's RSS and, when `probed`, how long /api/health and GET /api/v1/lists take to answer.
 */
async function timeJobs(
  app: App,
  api: ApiClient,
  submit: () => Promise<string[]>,
  { verbose = true, expect = 'completed', probed = true } = {},
): Promise<Pick<Sample, 'seconds' | 'peakRssMb' | 'latency'>> {
  const sampler = sampleRss(app.child.pid!);
  const probe = probed ? startProbe(app, api) : undefined;
  const started = performance.now();
  let ends: JobEnd[];
  let peakRssMb: number;
  try {
    const ids = await submit();
    if (verbose)
      console.log(
        `      · uploads answered after ${((performance.now() - started) / 1000).toFixed(2)} s (server peak RSS meanwhile ${sampler.peakSoFar()} MB)`,
      );
    ends = await Promise.all(ids.map((id) => api.waitForJob(id)));
  } finally {
    peakRssMb = sampler.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const latency = await probe?.stop();
  for (const [i, end] of ends.entries()) {
    if (verbose) for (const line of end.logs) console.log(`      · ${ends.length > 1 ? `[job ${i + 1}] ` : ''}${line}`);
    if (end.state !== expect) throw new Error(`a job ended ${end.state}, expected ${expect}:\n${end.logs.join('\n')}`);
  }
  return { seconds, peakRssMb, ...(latency && { latency }) };
}

/** A CSV import and a JSON custom import of `stallRows` records each, at once, on a fresh server. */
async function measureStalls(withApp: (run: (app: App, api: ApiClient) => Promise<void>) => Promise<void>) {
  const csv = await ensureCsv(`bench-${stallRows}.csv`, { rows: stallRows });
  const json = path.join(dataDir, `bench-${stallRows}.jsonl`);
  if (!(await fs.stat(json).catch(() => undefined))) await generateJsonLines(json, { rows: stallRows, seed: 13 });
  let row: Row | undefined;
  await withApp(async (app, api) => {
    console.log(
      `\n${stallRows.toLocaleString('en-US')}-row CSV import and ${stallRows.toLocaleString('en-US')}-record JSON custom import at once`,
    );
    const [csvList, jsonList] = [
      await api.createList(`bench csv ${Date.now()}`),
      await api.createList(`bench json ${Date.now()}`),
    ];
    const sample = await timeJobs(app, api, () =>
      Promise.all([api.submitImport(csvList.id, csv, 'upsert'), api.submitJsonImport(jsonList, json)]),
    );
    report(CASES.stall, { ...sample, baseline: 0 });
    row = summarize(CASES.stall, stallRows, [{ ...sample, baseline: 0 }]);
    await api.deleteList(csvList.id);
    await api.deleteList(jsonList.id);
  });
  return row!;
}

async function measureBrowserRow(withApp: (run: (app: App, api: ApiClient) => Promise<void>) => Promise<void>) {
  const rows = quick ? 100_000 : 1_000_000;
  const file = await ensureCsv(`bench-${rows}.csv`, { rows });
  let row: Row | undefined;
  await withApp(async (app, api) => {
    const list = await api.createList(`bench browser ${Date.now()}`);
    const browser = await measureBrowser(app.baseUrl, list.id, file, rows, TEST_ADMIN);
    row = {
      case: CASES.browser,
      rows,
      seconds: browser.readSeconds,
      rowsPerSecond: rows / browser.readSeconds,
      rounds: 1,
      note: `read to the map step ${browser.mapSeconds.toFixed(1)} s, then check ${(browser.readSeconds - browser.mapSeconds).toFixed(1)} s; ${longestTaskNote(browser.longestTaskMs)}; scroll to last row ${browser.scrollMs} ms; page JS heap ${browser.heapMb} MB; tab (renderer processes) peak ${browser.tabPeakMb} MB`,
    };
    console.log(`  ${row.case.padEnd(52)} ${browser.readSeconds.toFixed(2).padStart(7)} s  (${row.note})`);
  });
  return row!;
}

/** One group fix over a tenth of the amounts of the browser file's size ("n/a" → 0) and its undo. */
async function measureGroupFixRows(withApp: (run: (app: App, api: ApiClient) => Promise<void>) => Promise<void>) {
  const rows = quick ? 100_000 : 1_000_000;
  const file = await ensureCsv(`bench-${rows}-tenth-na.csv`, { rows, errorEvery: 10 });
  const found: Row[] = [];
  await withApp(async (app, api) => {
    const list = await api.createList(`bench group fix ${Date.now()}`);
    const cells = rows / 10;
    const measured = await measureGroupFix(app.baseUrl, list.id, file, cells, TEST_ADMIN);
    for (const [name, ms, longest] of [
      [CASES.groupFix, measured.fixMs, measured.fixLongestTaskMs],
      [CASES.groupUndo, measured.undoMs, measured.undoLongestTaskMs],
    ] as const) {
      const row: Row = {
        case: name,
        rows,
        seconds: ms / 1000,
        rowsPerSecond: cells / (ms / 1000),
        rounds: 1,
        note: `${cells.toLocaleString('en-US')} cells; ${longestTaskNote(longest)}`,
      };
      console.log(`  ${row.case.padEnd(52)} ${row.seconds.toFixed(2).padStart(7)} s  (${row.note})`);
      found.push(row);
    }
  });
  return found;
}

/** Browsers report only tasks of 50 ms or more ("long tasks"): none seen is not a task of 0 ms. */
function longestTaskNote(ms: number): string {
  return ms === 0 ? 'no main-thread task of 50 ms or more' : `longest main-thread task ${ms} ms`;
}

async function ensureCsv(name: string, options: Parameters<typeof generateCsv>[1]): Promise<string> {
  const file = path.join(dataDir, name);
  if (!(await fs.stat(file).catch(() => undefined))) await generateCsv(file, options);
  return file;
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
