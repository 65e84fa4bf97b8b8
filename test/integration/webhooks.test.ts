import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, importAndWait, userWithRole } from '../support/api';
import { csv, EMPLOYEE_HEADER, employeeRows } from '../support/list-helpers';
import { waitFor } from '../support/processes';

/**
 * Webhooks end to end: a real HTTP receiver on 127.0.0.1 (the app runs with WEBHOOK_ALLOW_PRIVATE=true,
 * retries from 0.3 s, a 2 s timeout, and switches an endpoint off after 6 failures in a row).
 */

type Call = { path: string; headers: IncomingHttpHeaders; body: string; at: number };
const calls: Call[] = [];
/** What the receiver answers on a path: a status, or nothing at all (to make the sender time out). */
const behaviour = new Map<string, (count: number) => number | 'silent'>();

const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const path = request.url ?? '/';
    calls.push({ path, headers: request.headers, body, at: Date.now() });
    const count = calls.filter((c) => c.path === path).length;
    const answer = behaviour.get(path)?.(count) ?? 200;
    if (answer === 'silent') return;
    response.writeHead(answer, { 'content-type': 'text/plain' });
    response.end(answer < 300 ? 'ok' : `failure ${count}`);
  });
});

let base = '';
let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

let pathCount = 0;
function freshPath(name: string): string {
  return `/${name}-${++pathCount}`;
}

async function createHook(events: string[], path: string, inWorkspace = workspaceId) {
  const response = await admin.post(`/api/v1/workspaces/${inWorkspace}/webhooks`, { url: `${base}${path}`, events });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; secret: string; url: string };
}

const callsTo = (path: string) => calls.filter((c) => c.path === path);

async function deliveries(hookId: string) {
  const response = await admin.get(`/api/v1/workspaces/${workspaceId}/webhooks/${hookId}/deliveries`);
  expect(response.status).toBe(200);
  return response.body.items as any[];
}

function verified(call: Call, secret: string): any {
  return new Webhook(secret).verify(call.body, call.headers as Record<string, string>);
}

describe('webhooks', () => {
  it('sends a signed job.completed and job.failed that the standardwebhooks package verifies, and nothing of another workspace', async () => {
    const path = freshPath('jobs');
    const hook = await createHook(['job.completed', 'job.failed'], path);
    expect(hook.secret).toMatch(/^whsec_/);
    const list = await createList(admin, workspaceId);
    const completed = await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
    const failed = await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, '9,Bad,not-a-number,true,2020-01-01']));
    expect([completed.state, failed.state]).toEqual(['completed', 'failed']);

    // A job in another workspace of the same admin must not reach this endpoint.
    const other = await createWorkspace(admin);
    const otherList = await createList(admin, other);
    const otherJob = await importAndWait(admin, otherList.id, csv([EMPLOYEE_HEADER, ...employeeRows(1)]));

    await waitFor(
      () => callsTo(path).length >= 2,
      20_000,
      () => JSON.stringify(callsTo(path).map((c) => c.body)),
    );
    const events = callsTo(path).map((call) => verified(call, hook.secret));
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType['job.completed'].data).toMatchObject({ id: completed.id, state: 'completed', listId: list.id });
    expect(byType['job.failed'].data).toMatchObject({ id: failed.id, state: 'failed', totalErrors: 1 });
    expect(byType['job.failed'].data.errors[0].message).toBeTruthy();
    for (const call of callsTo(path)) {
      expect(call.headers['webhook-id']).toMatch(/^msg_/);
      expect(Math.abs(Number(call.headers['webhook-timestamp']) * 1000 - call.at)).toBeLessThan(60_000);
      expect(call.headers['webhook-signature']).toMatch(/^v1,/);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(calls.some((c) => c.body.includes(otherJob.id))).toBe(false);

    const log = await deliveries(hook.id);
    expect(log).toHaveLength(2);
    for (const delivery of log) {
      expect(delivery).toMatchObject({ state: 'delivered', attempts: 1, responseStatus: 200, responseExcerpt: 'ok' });
      expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
      expect(delivery.nextAttemptTimeStamp).toBeNull();
    }
  });

  it('sends list.purged when a purge ends, and only the events the endpoint asked for', async () => {
    const path = freshPath('purge');
    const hook = await createHook(['list.purged'], path);
    const list = await createList(admin, workspaceId);
    await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
    const purge = await admin.post(`/api/v1/lists/${list.id}/purgeJobs`);
    await admin.waitForJob(list.id, purge.body.id, 'purgeJobs');
    await waitFor(() => callsTo(path).length >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = callsTo(path).map((call) => verified(call, hook.secret));
    expect(events.map((e) => e.type)).toEqual(['list.purged']);
    expect(events[0].data).toMatchObject({
      list: { id: list.id, name: list.name },
      job: { id: purge.body.id, kind: 'purge' },
    });
  });

  it('sends list.restored when a restore (an undone import) ends', async () => {
    const path = freshPath('restore');
    const hook = await createHook(['list.restored'], path);
    const list = await createList(admin, workspaceId);
    await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
    await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    const restore = await admin.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 1 });
    expect(restore.status, restore.text).toBe(202);
    await admin.waitForJob(list.id, restore.body.id, 'restoreJobs');
    await waitFor(() => callsTo(path).length >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = callsTo(path).map((call) => verified(call, hook.secret));
    expect(events.map((e) => e.type)).toEqual(['list.restored']);
    expect(events[0].data).toMatchObject({
      list: { id: list.id, name: list.name },
      job: { id: restore.body.id, kind: 'restore', state: 'completed', results: { restoredRevision: 1 } },
    });
  });

  it('retries after 500s with growing waits, with the same webhook-id, until the receiver accepts', async () => {
    const path = freshPath('flaky');
    behaviour.set(path, (count) => (count <= 2 ? 500 : 200));
    const hook = await createHook(['job.completed'], path);
    const test = await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`);
    expect(test.status).toBe(202);
    await waitFor(
      async () => (await deliveries(hook.id))[0]?.state === 'delivered',
      30_000,
      () => JSON.stringify(callsTo(path).length),
    );
    const tries = callsTo(path);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.headers['webhook-id']))).toEqual(new Set([test.body.messageId]));
    const gaps = [tries[1]!.at - tries[0]!.at, tries[2]!.at - tries[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(250);
    expect(gaps[1]).toBeGreaterThanOrEqual(1100);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect(verified(tries[2]!, hook.secret)).toMatchObject({ type: 'webhook.test' });
    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200 });
  });

  it('records a timeout and schedules the next attempt', async () => {
    const path = freshPath('silent');
    behaviour.set(path, () => 'silent');
    const hook = await createHook(['job.completed'], path);
    await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`);
    await waitFor(async () => (await deliveries(hook.id))[0]?.attempts >= 1, 20_000);
    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({
      state: 'pending',
      responseStatus: null,
      responseExcerpt: 'No answer within 2 s.',
    });
    expect(delivery.durationMs).toBeGreaterThanOrEqual(1900);
    expect(Date.parse(delivery.nextAttemptTimeStamp)).toBeGreaterThan(Date.parse(delivery.lastAttemptTimeStamp));
    await admin.request('PATCH', `/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`, { json: { enabled: false } });
  });

  it('switches an endpoint off after repeated failures, says so, and a switch back on forgets them', async () => {
    const path = freshPath('down');
    behaviour.set(path, () => 503);
    const hook = await createHook(['job.completed'], path);
    for (let i = 0; i < 6; i++) await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`);
    await waitFor(
      async () => (await admin.get(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`)).body.enabled === false,
      30_000,
    );
    const off = (await admin.get(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`)).body;
    // Read after "This endpoint was switched off on …:" on the page: it does not say "switched off" again.
    expect(off.disabledReason).toBe('After 6 failed attempts in a row.');
    expect(off.disabledTimeStamp).toBeTruthy();
    const sent = callsTo(path).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(callsTo(path).length).toBe(sent);

    behaviour.set(path, () => 200);
    const on = await admin.request('PATCH', `/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`, {
      json: { enabled: true },
    });
    expect(on.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    await waitFor(async () => (await deliveries(hook.id)).every((d) => d.state === 'delivered'), 30_000);
  });

  it('sends a delivery again with the same id and body ("send again")', async () => {
    const path = freshPath('again');
    const hook = await createHook(['job.completed'], path);
    const test = await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`);
    await waitFor(() => callsTo(path).length === 1, 20_000);
    const again = await admin.post(
      `/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/deliveries/${test.body.id}/resend`,
    );
    expect(again.status).toBe(202);
    await waitFor(() => callsTo(path).length === 2, 20_000);
    const [first, second] = callsTo(path);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
  });

  it('refuses wrong input with the reason, and only a workspace admin manages webhooks', async () => {
    const refused = await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks`, {
      url: 'ftp://example.com',
      events: ['job.completed'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/https/);
    const noEvents = await admin.post(`/api/v1/workspaces/${workspaceId}/webhooks`, { url: `${base}/x`, events: [] });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.message).toMatch(/at least one event/);
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const asEditor = await editor.get(`/api/v1/workspaces/${workspaceId}/webhooks`);
    expect(asEditor.status).toBe(403);
    const hook = await createHook(['job.completed'], freshPath('rotate'));
    const rotated = await admin.request('PATCH', `/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`, {
      json: { rotateSecret: true },
    });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
  });
});
