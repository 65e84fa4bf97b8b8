import fs from 'node:fs/promises';
import path from 'node:path';

import { closeDb, setDatabaseUrl } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { reportRegistry } from '@/lib/custom-imports/registry';
import { env } from '@/lib/env';
import { startJobWorker, stopJobWorker } from '@/lib/jobs/worker';
import { startUploadHousekeeping } from '@/lib/uploads/housekeeping';

import { bootstrapIfEmpty, requireDemoPasswordChange } from './bootstrap';
import { startJobWorkerProcess, type JobWorkerProcess } from './job-worker-process';

type Runtime = { embedded?: EmbeddedDatabase; workerProcess?: JobWorkerProcess; ready: Promise<void> };

/** Where this process's jobs run: a child process (the app's default), here (a worker process), or elsewhere. */
export type WorkerPlacement = 'process' | 'inline' | 'none';
const runtimeKey = Symbol.for('listport.runtime');

/**
 * Everything a server process needs before it serves: a database (DATABASE_URL, or the embedded
 * one), migrations, the first admin, the in-process job worker, and a clean stop on SIGINT/SIGTERM.
 * Runs once per process, whoever calls it first (instrumentation, the worker script, tests).
 */
export function startRuntime(options: { worker: WorkerPlacement }): Promise<void> {
  const g = globalThis as typeof globalThis & { [runtimeKey]?: Runtime };
  if (g[runtimeKey]) return g[runtimeKey].ready;
  const runtime: Runtime = { ready: Promise.resolve() };
  g[runtimeKey] = runtime;
  runtime.ready = (async () => {
    const config = env();
    // next-auth builds its callback URLs from NEXTAUTH_URL.
    process.env.NEXTAUTH_URL ||= `http://localhost:${config.PORT}`;
    let url = config.DATABASE_URL;
    if (!url) {
      runtime.embedded = await startEmbeddedPostgres(path.resolve(config.DATA_DIR));
      url = runtime.embedded.url;
    }
    setDatabaseUrl(url);
    await runMigrations(url);
    const message = await bootstrapIfEmpty({ embedded: !config.DATABASE_URL, adminPassword: config.ADMIN_PASSWORD });
    if (message) console.log(`[listport] ${message}`);
    const demo = await requireDemoPasswordChange();
    if (demo) console.log(`[listport] ${demo}`);
    await prepareUploadDir(config.uploadDir);
    startUploadHousekeeping();
    // Custom import scripts are loaded and checked now, so a broken one is reported at start.
    await reportRegistry();
    if (options.worker === 'inline')
      await startJobWorker(config.WORKER_CONCURRENCY, config.JOB_STALE_SECONDS, config.JOB_SWEEP_SECONDS);
    if (options.worker === 'process') runtime.workerProcess = startJobWorkerProcess(url);
    installShutdown(runtime);
  })();
  return runtime.ready;
}

/** Uploads may hold personal data: their directory is the app's alone (0700), as are the files (0600). */
async function prepareUploadDir(dir: string): Promise<void> {
  // Only the uploads directory itself is private: a recursive mkdir would make its parents (the data
  // directory) 0700 too, and the embedded PostgreSQL, run as the "postgres" user when we are root,
  // could then no longer enter its own directory beside it.
  await fs.mkdir(path.dirname(dir), { recursive: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await fs.stat(dir);
  if ((mode & 0o077) !== 0) {
    await fs.chmod(dir, 0o700);
    console.log(`[listport] ${dir} was readable by other users; it is now 0700.`);
  }
}

function installShutdown(runtime: Runtime): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[listport] ${signal} received: stopping…`);
    await runtime.workerProcess?.stop().catch(() => {});
    await stopJobWorker().catch(() => {});
    await closeDb().catch(() => {});
    await runtime.embedded
      ?.stop()
      .catch((error) => console.error('[listport] embedded PostgreSQL did not stop cleanly:', error));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
