import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createWorkspace, userWithRole, type Api } from '../support/api';
import { createDatabase } from '../support/databases';
import { healthWhile } from '../support/health';
import { expectApiError, getBytes, listOfNotes } from '../support/list-helpers';
import { startApp, type RunningProcess } from '../support/processes';

/**
 * Sorting a list's contents by a column without an index, paging deep into it, comparing two
 * revisions: 20–200 ms at 150,000 records, seconds each at millions, and many at once from one
 * viewer held the pool's 20 connections (attacker pass). Each such read is now stopped in the
 * database after API_READ_TIMEOUT_SECONDS and answered 503 readTooLong, and reads are admitted
 * (API_READS_PER_USER, 6, places per user). Here the app runs with a 50 ms bound, which a sort of
 * 300,000 records exceeds (about 200 ms on the machine's PostgreSQL) and a page in key order does not.
 */
const RECORDS = 300_000;
const TIMEOUT_SECONDS = 0.05;
const READ_TOO_LONG = 50301;

let app: (RunningProcess & { baseUrl: string }) | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let uploadDir: string | undefined;
let admin: Api;
let viewer: Api;
let listId: string;

beforeAll(async () => {
  const database = await createDatabase(inject('serverUrl'));
  dropDatabase = database.drop;
  uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-read-timeout-'));
  app = await startApp({
    DATABASE_URL: database.url,
    UPLOAD_DIR: uploadDir,
    JOB_STALE_SECONDS: '6',
    API_READ_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
  });
  admin = await adminApi(app.baseUrl);
  const workspaceId = await createWorkspace(admin);
  // Notes in no particular order, so sorting by them is real work. The load's statements run far
  // longer than 50 ms, and it completes: loads are not bounded.
  listId = await listOfNotes(admin, workspaceId, RECORDS, (i) => `note ${(i * 7919) % RECORDS} ${'n'.repeat(40)}`);
  viewer = await userWithRole(admin, workspaceId, 'viewer');
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase?.();
  if (uploadDir) await fs.rm(uploadDir, { recursive: true, force: true });
});

const sortedDeep = () => `/api/v1/lists/${listId}/contents?sortBy=note:descending&start=250000&limit=10`;

describe('a read of records that takes too long', () => {
  it('is stopped with a plain answer, leaves the pool to others, and the next read works', async () => {
    const alone = await viewer.get(sortedDeep());
    const body = expectApiError(alone, 503, READ_TOO_LONG);
    expect(body.message).toMatch(/took too long .* and was stopped/);
    expect(body.remediation).toMatch(/sort by the key/);

    // Twenty at once from one viewer: each admitted one stopped at the bound, the rest refused as
    // that viewer's share (429); meanwhile /api/health answers at once.
    const { result: answers, slowest } = await healthWhile(
      app!.baseUrl,
      Promise.all(Array.from({ length: 20 }, () => viewer.get(sortedDeep()))),
    );
    for (const answer of answers) expect([503, 429], answer.text).toContain(answer.status);
    const stopped = answers.filter((a) => a.status === 503);
    for (const answer of stopped) expectApiError(answer, 503, READ_TOO_LONG);
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    // API_READS_PER_USER (6) running or waiting: the others arrived while six were.
    expect(answers.some((a) => a.status === 429)).toBe(true);
    for (const answer of answers.filter((a) => a.status === 429))
      expect(answer.headers.get('retry-after')).toBeTruthy();
    expect(slowest).toBeLessThan(1_000);

    // The stopped reads' connections went back to the pool healthy: more reads than the pool has
    // connections (20), in key order, one after another, all answered.
    for (let i = 0; i < 25; i++) {
      const page = await viewer.get(`/api/v1/lists/${listId}/contents?start=${i * 10}&limit=10`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.count).toBe(RECORDS);
      expect(page.body.items[0].id).toBe(i * 10 + 1);
    }
  }, 120_000);

  it('stops a comparison of revisions that takes too long too', async () => {
    // Revision 1 (the import) against revision 0 (empty): 300,000 records added, sorted by key.
    const diff = await viewer.get(
      `/api/v1/lists/${listId}/revisions/contents?revision=1&diffs=true&start=290000&limit=10`,
    );
    expectApiError(diff, 503, READ_TOO_LONG);
  }, 60_000);

  it('does not bound CSV exports, which are admitted and stall-bounded instead', async () => {
    const exported = await getBytes(viewer, `/api/v1/lists/${listId}/contents.csv?sortBy=note:descending`);
    expect(exported.status).toBe(200);
    // Header and every record, though sorting them takes longer than the read bound.
    expect(exported.bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(RECORDS + 1);
  }, 60_000);
});
