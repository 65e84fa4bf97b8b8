import http from 'node:http';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createWorkspace, userWithRole, type Api } from '../support/api';
import { healthLatency } from '../support/health';
import { listOfNotes, waitUntil, within } from '../support/list-helpers';

/**
 * A CSV export holds a pooled connection (its cursor) while its client reads. Twenty downloads
 * opened and never read took all 20 connections: /api/health and every other request of every
 * workspace waited (15 s and more, as long as the downloads stayed open). Exports are now admitted
 * (CSV_EXPORTS 4 at once, 16 waiting, 2 per user) and one whose client takes nothing for
 * CSV_EXPORT_STALL_SECONDS (30) is ended as incomplete, giving its connection back.
 */
const RECORDS = 150_000;
// ~16 MB of CSV: more than the sockets' buffers hold, so a paused client stops the export's cursor.
const NOTE = 'n'.repeat(100);

let admin: Api;
let listId: string;
let workspaceId: string;
const held: http.ClientRequest[] = [];

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  listId = await listOfNotes(admin, workspaceId, RECORDS, () => NOTE);
}, 180_000);

afterAll(() => {
  for (const request of held) request.destroy();
});

/** Asks for the export and never reads it; resolves with the response once its head comes. */
function pausedDownload(api: Api): { request: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  let request!: http.ClientRequest;
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    request = http.get(
      `${api.baseUrl}/api/v1/lists/${listId}/contents.csv`,
      { headers: { 'x-auth-jwt': api.token! }, agent: false },
      (res) => {
        res.pause();
        resolve(res);
      },
    );
    request.on('error', reject);
  });
  response.catch(() => {});
  held.push(request);
  return { request, response };
}

describe('CSV exports a client does not read', () => {
  it('cannot take the connection pool from everyone else, and end after a stall', async () => {
    // One after another: a client gets at most 4 password checks at once.
    const viewers: Api[] = [];
    for (let i = 0; i < 10; i++) viewers.push(await userWithRole(admin, workspaceId, 'viewer'));
    // Twenty downloads, two per viewer, none read: as many as the pool has connections.
    const downloads = [pausedDownload(viewers[0]!)];
    const first = await downloads[0]!.response;
    expect(first.statusCode).toBe(200);
    downloads.push(pausedDownload(viewers[0]!));
    for (const viewer of viewers.slice(1)) downloads.push(pausedDownload(viewer), pausedDownload(viewer));
    // Time for the exports that run to fill their sockets and wait at their cursors.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Everyone else is still answered at once.
    expect(await within(5_000, healthLatency(admin.baseUrl))).toBeLessThan(1_000);
    const lists = await within(5_000, admin.get('/api/v1/lists?limit=1'));
    expect(lists === 'timed out' ? lists : lists.status).toBe(200);

    // A viewer's third download is refused at once, saying when to come back.
    const third = await within(5_000, viewers[0]!.get(`/api/v1/lists/${listId}/contents.csv`));
    expect(third === 'timed out' ? third : third.status).toBe(429);
    if (third !== 'timed out') expect(third.headers.get('retry-after')).toMatch(/^\d+$/);

    // The paused download is ended after CSV_EXPORT_STALL_SECONDS (30), not kept for ever: as an
    // incomplete transfer, never as a complete-looking short file.
    let text = '';
    first.setEncoding('utf8');
    first.on('data', (chunk: string) => (text += chunk));
    const ending = finished(first).then(
      () => 'complete' as const,
      () => 'cut short' as const,
    );
    await new Promise((resolve) => setTimeout(resolve, 36_000));
    first.resume();
    expect(await within(10_000, ending)).toBe('cut short');
    expect(text.split('\n').length - 1).toBeLessThan(RECORDS + 1);

    // Once the downloads are gone, exports come whole again.
    for (const download of downloads) download.request.destroy();
    await waitUntil(async () => {
      const whole = await admin.get(`/api/v1/lists/${listId}/contents.csv`);
      return whole.status === 200 && whole.text.split('\n').length - 1 === RECORDS + 1;
    }, 60_000);
  }, 120_000);
});
