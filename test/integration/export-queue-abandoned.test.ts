import http from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createWorkspace, userWithRole, type Api } from '../support/api';
import { dataTableOf, listOfNotes, sleep, waitUntil, within } from '../support/list-helpers';
import { lockTable, queriesWaitingForLock } from '../support/table-lock';

/**
 * A CSV download that waits its turn in the export admission (CSV_EXPORTS, 4, at once) and whose
 * client goes away meanwhile must leave the line: before, its turn still came, it recorded a
 * "list.export" nobody received and held a running slot until the stall timer ended it
 * (CSV_EXPORT_STALL_SECONDS, 30 s), while the downloads behind it waited.
 *
 * The running exports are held in the database: the list's table is locked, so each export's query
 * waits for the lock, visible in pg_stat_activity. The abandoned and the later download sort by the
 * note, descending, which no other export does, so their query is told apart by its text.
 */
let admin: Api;
let workspaceId: string;
let listId: string;
const sql = postgres(inject('databaseUrl'), { max: 2, onnotice: () => {} });
const held: http.ClientRequest[] = [];

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  listId = await listOfNotes(admin, workspaceId, 10, (id) => `note ${id}`);
});

afterAll(async () => {
  for (const request of held) request.destroy();
  await sql.end({ timeout: 5 });
});

/** Asks for the export; `head` resolves once the response's head comes (its records may wait). */
function download(api: Api, query = '') {
  let request!: http.ClientRequest;
  const head = new Promise<http.IncomingMessage>((resolve, reject) => {
    request = http.get(
      `${api.baseUrl}/api/v1/lists/${listId}/contents.csv${query}`,
      { headers: { 'x-auth-jwt': api.token! }, agent: false },
      resolve,
    );
    request.on('error', reject);
  });
  head.catch(() => {});
  held.push(request);
  return { request, head };
}

/** The text only the abandoned and the later download's query has: they sort by the note, descending. */
const NOTE_SORTED = ' desc nulls last';

describe('a CSV download whose client leaves while it waits its turn', () => {
  it('leaves the line and never runs its query; the next download gets the freed slot', async () => {
    const [a, b, c, d] = [
      await userWithRole(admin, workspaceId, 'viewer'),
      await userWithRole(admin, workspaceId, 'viewer'),
      await userWithRole(admin, workspaceId, 'viewer'),
      await userWithRole(admin, workspaceId, 'viewer'),
    ] as const;

    const unlock = await lockTable(sql, dataTableOf(listId));
    try {
      // The four export slots, two per user: each export's query waits for the lock.
      const running = [download(a), download(a), download(b), download(b)];
      await waitUntil(async () => (await queriesWaitingForLock(sql, dataTableOf(listId))) === 4, 20_000);

      // A fifth waits its turn; its client leaves.
      const abandoned = download(c, '?sortBy=note:descending');
      await sleep(1_000);
      expect(await within(100, abandoned.head)).toBe('timed out');
      abandoned.request.destroy();
      await sleep(500);

      // A slot is freed: the client of a running export leaves too.
      running[0]!.request.destroy();
      // The next download takes it at once; before, the abandoned one took it and held it 30 s.
      const later = download(d, '?sortBy=note:descending');
      const head = await within(10_000, later.head);
      expect(head === 'timed out' ? head : head.statusCode).toBe(200);
      await waitUntil(async () => (await queriesWaitingForLock(sql, dataTableOf(listId), NOTE_SORTED)) >= 1, 10_000);
      await sleep(500);
      // One note-sorted query runs: the later download's, never the abandoned one's.
      expect(await queriesWaitingForLock(sql, dataTableOf(listId), NOTE_SORTED)).toBe(1);

      // The audit log says the same: the abandoned download never started, so it is not recorded.
      const log = (await admin.get('/api/v1/audit?limit=100')).body as {
        items: { action: string; actorEmail: string }[];
      };
      const exportsBy = (email: string) =>
        log.items.filter((e) => e.action === 'list.export' && e.actorEmail === email).length;
      expect(exportsBy(c.email)).toBe(0);
      expect(exportsBy(d.email)).toBe(1);
      expect(exportsBy(a.email)).toBe(2);

      // Once the table is free again the later download arrives whole, sorted as asked.
      await unlock();
      let text = '';
      if (head !== 'timed out') {
        head.setEncoding('utf8');
        for await (const chunk of head) text += chunk;
      }
      const lines = text.trim().split(/\r?\n/);
      expect(lines).toHaveLength(11);
      expect(lines[1]).toBe('9,note 9');
    } finally {
      await unlock();
    }
  });
});
