import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createWorkspace, userWithRole, type Api } from '../support/api';
import { expectApiError, listOfNotes, waitUntil } from '../support/list-helpers';

/**
 * A script that sends more requests at once than its per-user share (CSV_EXPORTS_PER_USER 2,
 * API_READS_PER_USER 6, previews, guesses…) gets 429. Its answer used to say only "Wait for them to
 * finish, then try again": not how many it may send, nor when to try again unless the script read
 * the header. It now names the share and the Retry-After seconds, and the request works once sent
 * again.
 */
const RECORDS = 60_000;
// ~6 MB of CSV: more than the sockets' buffers hold, so an export nobody reads keeps its place.
const NOTE = 'n'.repeat(100);

let viewer: Api;
let listId: string;
const held: http.ClientRequest[] = [];

beforeAll(async () => {
  const admin = await adminApi();
  const workspaceId = await createWorkspace(admin);
  listId = await listOfNotes(admin, workspaceId, RECORDS, () => NOTE);
  viewer = await userWithRole(admin, workspaceId, 'viewer');
}, 120_000);

afterAll(() => {
  for (const request of held) request.destroy();
});

/** Asks for the export and does not read it; resolves once its head has come. */
function pausedDownload(api: Api): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${api.baseUrl}/api/v1/lists/${listId}/contents.csv`,
      { headers: { 'x-auth-jwt': api.token! }, agent: false },
      (response) => {
        response.pause();
        resolve(response);
      },
    );
    request.on('error', reject);
    held.push(request);
  });
}

describe('a request past the per-user share', () => {
  it('says how many may run at once and when to send it again', async () => {
    for (const response of [await pausedDownload(viewer), await pausedDownload(viewer)])
      expect(response.statusCode).toBe(200);

    const third = await viewer.get(`/api/v1/lists/${listId}/contents.csv`);
    const body = expectApiError(third, 429, 42900);
    const retryAfter = third.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(body.message).toBe('You already have 2 CSV exports running or waiting; at most 2 run at a time.');
    expect(body.remediation).toBe(
      `Send at most 2 at a time: send this one again after ${retryAfter} seconds (the Retry-After header), or once one of yours has been answered.`,
    );

    // Once the held exports are gone, the same request sent again is answered whole.
    for (const request of held) request.destroy();
    await waitUntil(async () => {
      const again = await viewer.get(`/api/v1/lists/${listId}/contents.csv`);
      return again.status === 200 && again.text.trimEnd().split('\n').length === RECORDS + 1;
    }, 30_000);
  }, 60_000);
});
