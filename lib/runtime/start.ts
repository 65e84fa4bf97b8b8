import fs from 'node:fs/promises';
import path from 'node:path';

import { closeDb, setDatabaseUrl } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { reportRegistry } from '@/lib/custom-imports/registry';
import { env } from '@/lib/env';
import { startJobWorker, stopJobWorker } from '@/lib/jobs/worker';

import { bootstrapIfEmpty, requireDemoPasswordChange } from './bootstrap';

type Runtime = { embedded?: EmbeddedDatabase; ready: Promise<void> };
const runtimeKey = Symbol.for('listport.runtime');

/**
 * Everything a server process needs before it serves: a database (DATABASE_URL, or the embedded
 * one), migrations, the first admin, the in-process job worker, and a clean stop on SIGINT/SIGTERM.
 * Runs once per process, whoever calls it first (instrumentation, the worker script, tests).
 */
export function startRuntime(options: { worker: boolean }): Promise<void> {
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
    await fs.mkdir(config.uploadDir, { recursive: true });
    // Custom import scripts are loaded and checked now, so a broken one is reported at start.
    await reportRegistry();
    if (options.worker) await startJobWorker(config.WORKER_CONCURRENCY, config.JOB_STALE_SECONDS);
    installShutdown(runtime);
  })();
  return runtime.ready;
}

function installShutdown(runtime: Runtime): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[listport] ${signal} received: stopping…`);
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
