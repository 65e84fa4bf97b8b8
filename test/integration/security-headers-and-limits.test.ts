import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  adminApi,
  Api,
  baseUrl,
  createList,
  createWorkspace,
  EMPLOYEE_COLUMNS,
  importAndWait,
  tokenFor,
  userWithRole,
} from '../support/api';
import {
  csv,
  EMPLOYEE_HEADER,
  employeeRows,
  expectApiError,
  getBytes,
  ID_COLUMNS,
  idFile,
  TERMINAL,
  waitForState,
} from '../support/list-helpers';
import { TEST_ADMIN } from '../support/processes';

let admin: Api;

beforeAll(async () => {
  admin = await adminApi();
});

function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers.get('content-security-policy');
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(csp, `${what}: no 'unsafe-eval' in production`).not.toContain("'unsafe-eval'");
  expect(directives.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  // Pages: resources from the app only; API answers: nothing at all.
  const defaultSrc = directives.get('default-src');
  expect([["'self'"], ["'none'"]], `${what}: default-src`).toContainEqual(defaultSrc);
  expect(directives.get('object-src') ?? defaultSrc, `${what}: object-src`).toEqual(["'none'"]);
  expect(directives.get('script-src') ?? [], `${what}: scripts only from the app`).not.toContain('*');
  expect(headers.get('x-content-type-options'), `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(
    ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'],
    `${what}: Referrer-Policy`,
  ).toContain(headers.get('referrer-policy'));
  expect(headers.get('x-frame-options'), `${what}: X-Frame-Options`).toBe('DENY');
  expect(headers.get('x-powered-by'), `${what}: no X-Powered-By`).toBeNull();
}

describe('security headers', () => {
  it('are sent with a page (/login)', async () => {
    const response = await fetch(`${baseUrl()}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(response.headers, 'GET /login');
  });

  it("allow a page's scripts by a fresh nonce, never 'unsafe-inline'; API answers allow nothing", async () => {
    const pages = await Promise.all([fetch(`${baseUrl()}/login`), fetch(`${baseUrl()}/login`)]);
    const nonces: string[] = [];
    for (const page of pages) {
      const csp = page.headers.get('content-security-policy')!;
      const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!.split(' ');
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).toContain("'strict-dynamic'");
      const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))!.slice(7, -1);
      expect(nonce.length).toBeGreaterThanOrEqual(16);
      nonces.push(nonce);
      const html = await page.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script, script).toContain(`nonce="${nonce}"`);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    const api = await admin.get('/api/v1/me');
    expect(api.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
  });

  it('are sent with API answers: JSON, an error, and a CSV download', async () => {
    const me = await admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    expectSecurityHeaders(me.headers, 'GET /api/v1/me');

    const unauthenticated = await new Api(baseUrl()).get('/api/v1/lists');
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers, 'GET /api/v1/lists without a token');

    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId);
    const exported = await getBytes(admin, `/api/v1/lists/${list.id}/contents.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment;/);
    expectSecurityHeaders(exported.headers, 'GET …/contents.csv');
  });

  it('marks every API answer Cache-Control: no-store (contents, files, errors, /me)', async () => {
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId);
    const failed = await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, '1,Bad,not-a-number,true,2020-01-01']));
    const job = `/api/v1/lists/${list.id}/importJobs/${failed.id}`;
    for (const path of [
      '/api/v1/me',
      `/api/v1/lists/${list.id}/contents`,
      `/api/v1/lists/${list.id}/contents.csv`,
      job,
      `${job}/file`,
      `${job}/errorReport`,
      `${job}/errors`,
      `/api/v1/jobs/${failed.id}/logs`,
      '/api/v1/jobs/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await getBytes(admin, path);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it("sets next-auth's cookies HttpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${baseUrl()}/api/auth/csrf`);
    const cookies = response.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie, cookie).toMatch(/;\s*SameSite=Lax/i);
    }
  });
});

describe('POST /api/v1/auth/token rate limit (per account and client)', () => {
  it('answers 429 with Retry-After after 10 failed attempts from a client, even to the right password', async () => {
    // A fresh account, so no other test is locked out. This test makes exactly 10 failed attempts,
    // well under the per-IP limit (50 per 15 minutes) that the whole run shares.
    const email = `rate-limit-${randomBytes(4).toString('hex')}@example.com`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    expect((await admin.post('/api/v1/users', { email, name: 'Rate limited', password })).status).toBe(201);
    const anonymous = new Api(baseUrl());

    for (let attempt = 1; attempt <= 10; attempt++) {
      const failed = await anonymous.post('/api/v1/auth/token', { email, password: `wrong-${attempt}-password` });
      expect(failed.status, `attempt ${attempt}: ${failed.text}`).toBe(401);
    }

    const limited = await anonymous.post('/api/v1/auth/token', { email, password: 'wrong-11-password' });
    const body = expectApiError(limited, 429, 42900);
    expect(body.message).toMatch(/too many/i);
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter, 'Retry-After header').toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(body.remediation).toContain(`${retryAfter} seconds`);

    // Locked means locked: the right password does not get through, nor the email in other case or with spaces.
    for (const variant of [email, email.toUpperCase(), `  ${email} `]) {
      const right = await anonymous.post('/api/v1/auth/token', { email: variant, password });
      expect(right.status, `${JSON.stringify(variant)}: ${right.text}`).toBe(429);
      expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(right.body.token).toBeUndefined();
    }

    // Other accounts are not affected.
    expect((await anonymous.post('/api/v1/auth/token', TEST_ADMIN)).status).toBe(200);
  });
});

describe('audit log', () => {
  it('lists who created lists and imports, purged, cancelled and added members — for admins only', async () => {
    const workspaceId = await createWorkspace(admin);
    const workspaceAdmin = await userWithRole(admin, workspaceId, 'admin');
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const viewer = await userWithRole(admin, workspaceId, 'viewer');

    // invitation.create by the workspace admin, invitation.accept by the invited account
    const newcomerEmail = `newcomer-${randomBytes(4).toString('hex')}@example.com`;
    const newcomerPassword = `pw-${randomBytes(6).toString('hex')}`;
    const newcomer = await admin.post('/api/v1/users', {
      email: newcomerEmail,
      name: 'Newcomer',
      password: newcomerPassword,
    });
    expect(newcomer.status, newcomer.text).toBe(201);
    const invited = await workspaceAdmin.post(`/api/v1/workspaces/${workspaceId}/members`, {
      email: newcomerEmail,
      role: 'viewer',
    });
    expect(invited.status, invited.text).toBe(202);
    const newcomerApi = new Api(baseUrl(), await tokenFor(newcomerEmail, newcomerPassword));
    const accepted = await newcomerApi.post(`/api/v1/me/invitations/${invited.body.invitation.id}`, { accept: true });
    expect(accepted.status, accepted.text).toBe(200);

    // list.create by the workspace admin; import.create and purge.create by the editor
    const list = await createList(workspaceAdmin, workspaceId, EMPLOYEE_COLUMNS);
    const imported = await importAndWait(editor, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    expect(imported.state).toBe('completed');
    const purge = await editor.post(`/api/v1/lists/${list.id}/purgeJobs`);
    expect(purge.status, purge.text).toBe(202);
    await editor.waitForJob(list.id, purge.body.id, 'purgeJobs');

    // job.cancel by the editor, of a job that is still going
    const longList = await createList(workspaceAdmin, workspaceId, ID_COLUMNS);
    const long = await editor.upload(longList.id, idFile(300_000));
    expect(long.status, long.text).toBe(202);
    const cancel = await editor.delete(`/api/v1/lists/${longList.id}/importJobs/${long.body.id}`);
    expect(cancel.status, cancel.text).toBe(202);
    const cancelled = await waitForState(editor, longList.id, long.body.id, TERMINAL, 60_000);
    expect(['cancelled', 'completed']).toContain(cancelled.state);
    // A cancel of a job that has ended is answered with the job as it is, and is no job.cancel.
    const late = await editor.delete(`/api/v1/lists/${list.id}/importJobs/${imported.id}`);
    expect(late.status, late.text).toBe(202);
    expect(late.body.state).toBe('completed');

    const audit = await workspaceAdmin.get('/api/v1/audit');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body).toMatchObject({ start: 0, count: expect.any(Number), items: expect.any(Array) });
    const events = audit.body.items as {
      action: string;
      actorEmail: string;
      targetId: string;
      workspaceId: string;
      createdAt: string;
    }[];
    const find = (action: string, targetId: string) =>
      events.find((e) => e.action === action && e.targetId === targetId);
    const invitationId = invited.body.invitation.id as string;
    expect(find('invitation.create', invitationId), 'invitation.create').toMatchObject({
      actorEmail: workspaceAdmin.email,
      workspaceId,
    });
    expect(find('invitation.accept', invitationId), 'invitation.accept').toMatchObject({
      actorEmail: newcomerEmail,
      workspaceId,
    });
    expect(find('list.create', list.id), 'list.create').toMatchObject({
      actorEmail: workspaceAdmin.email,
      workspaceId,
    });
    expect(find('import.create', imported.id), 'import.create').toMatchObject({
      actorEmail: editor.email,
      workspaceId,
    });
    expect(find('purge.create', purge.body.id), 'purge.create').toMatchObject({
      actorEmail: editor.email,
      workspaceId,
    });
    expect(find('job.cancel', long.body.id), 'job.cancel').toMatchObject({ actorEmail: editor.email, workspaceId });
    expect(find('job.cancel', imported.id), 'no job.cancel for an ended job').toBeUndefined();
    for (const event of events) {
      expect(event.workspaceId).toBe(workspaceId);
      expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);
    }
    // Newest first.
    const times = events.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Only admins read it.
    for (const caller of [viewer, editor]) {
      const refused = expectApiError(await caller.get('/api/v1/audit'), 403, 40300);
      expect(refused.message).toMatch(/admin/i);
    }
    expectApiError(await new Api(baseUrl()).get('/api/v1/audit'), 401);

    // An admin of another workspace sees none of these events.
    const outsider = await userWithRole(admin, await createWorkspace(admin), 'admin');
    const theirs = await outsider.get('/api/v1/audit');
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain(list.id);
    expect(theirs.text).not.toContain(editor.email);
  });
});
