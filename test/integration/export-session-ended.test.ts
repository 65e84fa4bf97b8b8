import http from 'node:http';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, type Api, type ApiResponse } from '../support/api';
import { dataTableOf, importJob, waitUntil } from '../support/list-helpers';

/**
 * A CSV export whose database session ends mid-download (a failover, an administrator's
 * pg_terminate_backend) must not end like a complete file. postgres.js ends a cursor's iteration
 * quietly when its connection closes between two fetches; before the export checked its records
 * against the statement's own count, the download ended with the chunked encoding's last chunk after
 * part of the records (curl exit 0, 284,001 of 300,001 lines). And the pool must stay sound: the
 * requests after the cut succeed.
 */
const RECORDS = 300_000;
// ~33 MB of CSV: far more than the sockets' buffers hold (~11 MB), so a paused client stops the cursor.
const NOTE = 'n'.repeat(100);

let admin: Api;
let workspaceId: string;
let listId: string;
const killer = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  const list = await createList(admin, workspaceId, [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'note', dataType: 'string' },
  ]);
  listId = list.id;
  // In two halves: a file is at most 20 MB in the tests. The second load makes revision 2.
  for (const half of [0, 1]) {
    const parts = ['id,note\n'];
    for (let i = 1 + (half * RECORDS) / 2; i <= ((half + 1) * RECORDS) / 2; i++) parts.push(`${i},${NOTE}\n`);
    const job = await importJob(admin, listId, parts.join(''), { mode: 'append' });
    expect(job.state).toBe('completed');
  }
}, 180_000);

afterAll(async () => {
  await killer.end({ timeout: 5 });
});

/** Starts a download and holds it after its first bytes; `cut()` ends the export's session, then reads on. */
async function heldDownload(path: string) {
  const download = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(`${admin.baseUrl}${path}`, { headers: { 'x-auth-jwt': admin.token! } }, resolve).on('error', reject),
  );
  expect(download.statusCode).toBe(200);
  let text = '';
  download.setEncoding('utf8');
  download.on('data', (chunk: string) => (text += chunk));
  // finished() rejects on a body that ends without the chunked encoding's last chunk.
  const ending = finished(download).then(
    () => 'complete' as const,
    () => 'cut short' as const,
  );
  download.pause();
  return {
    async cut() {
      // Long enough for the server to fill the sockets and wait between two fetches of its cursor.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const table = dataTableOf(listId);
      await waitUntil(async () => {
        const ended = await killer.unsafe(
          `select pg_terminate_backend(pid) from pg_stat_activity
            where query like $1 and query not like '%pg_stat_activity%' and state <> 'idle' and pid <> pg_backend_pid()`,
          [`%${table}%`],
        );
        return ended.length > 0;
      }, 10_000);
      // The server notices at its next fetch, once the client reads on.
      await new Promise((resolve) => setTimeout(resolve, 500));
      download.resume();
      const end = await ending;
      return { end, lines: text.split('\n').length - 1 };
    },
  };
}

/** A request after the cut; a single 503 ("try again") on a pooled connection whose session ended is accepted. */
let retriedAfter503 = 0;
async function afterTheCut<T>(send: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
  const first = await send();
  if (first.status !== 503) return first;
  retriedAfter503++;
  return send();
}

describe.each([
  ['the list page’s “Download CSV”', () => `/api/v1/lists/${listId}/contents.csv`],
  ['a revision’s download', () => `/api/v1/lists/${listId}/revisions/2/contents.csv?format=list`],
])('%s, whose database session ends mid-download', (_, path) => {
  it('ends as an incomplete transfer, and the next requests succeed', async () => {
    retriedAfter503 = 0;
    const held = await heldDownload(path());
    const { end, lines } = await held.cut();
    // Before: "complete", with part of the records — a short file that looked whole.
    expect(end, `${lines} of ${RECORDS + 1} lines arrived`).toBe('cut short');
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(RECORDS + 1);

    // The pool is sound: another export arrives whole, the lists answer, a list is deleted.
    const again = await afterTheCut(() => admin.get<string>(path()));
    expect(again.status).toBe(200);
    expect(again.text.split('\n').length - 1).toBe(RECORDS + 1);
    const lists = await afterTheCut(() => admin.get(`/api/v1/lists?workspaceId=${workspaceId}`));
    expect(lists.status, lists.text).toBe(200);
    const scratch = await createList(admin, workspaceId, [{ name: 'id', dataType: 'integer', isKey: true }]);
    const deleted = await afterTheCut(() => admin.delete(`/api/v1/lists/${scratch.id}`));
    expect(deleted.status, deleted.text).toBe(204);
    expect(retriedAfter503).toBeLessThanOrEqual(1);
  }, 120_000);
});
