import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createWorkspace, userWithRole, type Api } from '../support/api';
import { dataTableOf, listOfNotes, sleep, waitUntil } from '../support/list-helpers';
import { lockTable, queriesWaitingForLock } from '../support/table-lock';

/**
 * An import preview that waits its turn (IMPORT_PREVIEWS, 2, at once) and whose client goes away
 * meanwhile leaves the line and never checks its file; one whose client stays is answered as ever
 * (the request's signal must not fire merely because its upload was read).
 *
 * Previews are held in the database: each checks its file against its list, whose table is locked,
 * so its query waits for the lock, visible in pg_stat_activity. The abandoned preview is of a list of
 * its own, so its query, had it started, would be told apart by its table.
 */
let admin: Api;
let workspaceId: string;
const sql = postgres(inject('databaseUrl'), { max: 3, onnotice: () => {} });

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

afterAll(async () => {
  await sql.end({ timeout: 5 });
});

function preview(api: Api, listId: string, signal?: AbortSignal) {
  const form = new FormData();
  form.append('dataFile', new Blob(['id,note\n1,changed\n99,new\n']), 'data.csv');
  return fetch(`${api.baseUrl}/api/v1/lists/${listId}/importPreview`, {
    method: 'POST',
    headers: { 'x-auth-jwt': api.token! },
    body: form,
    ...(signal && { signal }),
  });
}

describe('an import preview whose client leaves while it waits its turn', () => {
  it('leaves the line and never checks its file; the one queued behind it is answered', async () => {
    const [a, b, gone, stays] = [
      await userWithRole(admin, workspaceId, 'editor'),
      await userWithRole(admin, workspaceId, 'editor'),
      await userWithRole(admin, workspaceId, 'editor'),
      await userWithRole(admin, workspaceId, 'editor'),
    ] as const;
    const busyList = await listOfNotes(admin, workspaceId, 10, (id) => `note ${id}`);
    const abandonedList = await listOfNotes(admin, workspaceId, 10, (id) => `note ${id}`);
    const freeList = await listOfNotes(admin, workspaceId, 10, (id) => `note ${id}`);

    const unlockBusy = await lockTable(sql, dataTableOf(busyList));
    const unlockAbandoned = await lockTable(sql, dataTableOf(abandonedList));
    try {
      // The two preview slots: each preview's check waits for the busy list's lock.
      const running = [preview(a, busyList), preview(b, busyList)];
      await waitUntil(async () => (await queriesWaitingForLock(sql, dataTableOf(busyList))) === 2, 20_000);

      // A third waits its turn, and its client leaves; a fourth waits behind it.
      const client = new AbortController();
      const abandoned = preview(gone, abandonedList, client.signal).catch((error: unknown) => error);
      await sleep(500);
      const queued = preview(stays, freeList);
      await sleep(500);
      client.abort();
      expect(await abandoned).toMatchObject({ name: 'AbortError' });
      await sleep(500);

      // Both slots free: the fourth gets one; before, the abandoned preview took the other and
      // checked its file against its list, waiting on that list's lock.
      await unlockBusy();
      for (const response of await Promise.all(running)) expect(response.status).toBe(200);
      const answer = await queued;
      expect(answer.status, await answer.clone().text()).toBe(200);
      expect(await answer.json()).toMatchObject({ valid: true, rowsRead: 2 });
      await sleep(1_000);
      expect(await queriesWaitingForLock(sql, dataTableOf(abandonedList))).toBe(0);
    } finally {
      await unlockBusy().catch(() => undefined);
      await unlockAbandoned();
    }
  });
});
