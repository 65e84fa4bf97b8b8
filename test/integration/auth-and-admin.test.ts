import { SignJWT } from 'jose';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';

import { adminApi, Api, baseUrl, createWorkspace, tokenFor, userWithRole } from '../support/api';
import { TEST_ADMIN } from '../support/processes';

function expectErrorShape(body: any, status: number) {
  expect(body).toMatchObject({ httpStatusCode: status, version: 2 });
  expect(typeof body.errorCode).toBe('number');
  expect(body.message).toEqual(expect.any(String));
  expect(body.remediation).toEqual(expect.any(String));
  expect(body.details).toEqual(
    expect.arrayContaining([expect.stringMatching(/^path: \/api/), expect.stringMatching(/^correlator: /)]),
  );
}

describe('health', () => {
  it('reports the database as ok', async () => {
    const response = await new Api(baseUrl()).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('tokens', () => {
  it('issues a token for the bootstrap admin that works in both headers', async () => {
    const response = await new Api(baseUrl()).post('/api/v1/auth/token', TEST_ADMIN);
    expect(response.status).toBe(200);
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const viaHeader = await new Api(baseUrl(), response.body.token).get('/api/v1/me');
    expect(viaHeader.body.email).toBe(TEST_ADMIN.email);
    const viaBearer = await fetch(`${baseUrl()}/api/v1/me`, {
      headers: { authorization: `Bearer ${response.body.token}` },
    });
    expect(viaBearer.status).toBe(200);
    expect(viaHeader.body.workspaces).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Demo', role: 'admin' })]),
    );
  });

  it('labels a token made without a label by when and by what it was made, so the list tells them apart', async () => {
    const client = `label-check-${Date.now()}`;
    const signIn = (userAgent: string, label?: string) =>
      new Api(baseUrl()).request('POST', '/api/v1/auth/token', {
        json: { ...TEST_ADMIN, ...(label !== undefined && { label }) },
        headers: { 'user-agent': userAgent },
      });
    const first = await signIn(`${client}/1.0 (linux)`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await signIn(`${client}/2.0<b>`, '  ');
    const named = await signIn(`${client}/3.0`, 'nightly sync');
    expect([first.status, second.status, named.status]).toEqual([200, 200, 200]);
    const listed = await new Api(baseUrl(), first.body.token).get('/api/v1/tokens');
    const labels = listed.body.items.map((t: { label: string }) => t.label);
    const made = /^Token made by a script on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC /;
    const firstLabel = labels.find((l: string) => l.endsWith(`(${client} 1.0)`));
    const secondLabel = labels.find((l: string) => l.endsWith(`(${client} 2.0)`));
    expect(firstLabel).toMatch(made);
    expect(secondLabel).toMatch(made);
    expect(firstLabel).not.toBe(secondLabel);
    expect(labels).toContain('nightly sync');
  });

  it('answers a wrong password with 401 in the API error shape without saying which part was wrong', async () => {
    const wrongPassword = await new Api(baseUrl()).post('/api/v1/auth/token', {
      email: TEST_ADMIN.email,
      password: 'nope-nope-nope',
    });
    const unknownUser = await new Api(baseUrl()).post('/api/v1/auth/token', {
      email: 'nobody@example.com',
      password: 'nope-nope-nope',
    });
    expect(wrongPassword.status).toBe(401);
    expectErrorShape(wrongPassword.body, 401);
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body.message).toBe(wrongPassword.body.message);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-jwt'],
    ['a token signed with another key', 'forged'],
  ])('rejects %s with 401', async (_label, token) => {
    let value = token;
    if (token === 'forged') {
      value = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setJti('y')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-123'));
    }
    const response = await new Api(baseUrl(), value).get('/api/v1/lists');
    expect(response.status).toBe(401);
    expectErrorShape(response.body, 401);
  });

  it('rejects an expired token and a revoked token', async () => {
    const admin = await adminApi();
    const created = await admin.post('/api/v1/tokens', { label: 'short-lived' });
    expect(created.status).toBe(201);
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    await sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${created.body.id}`;
    await sql.end();
    expect((await new Api(baseUrl(), created.body.token).get('/api/v1/lists')).status).toBe(401);

    const second = await admin.post('/api/v1/tokens', { label: 'to revoke' });
    expect((await new Api(baseUrl(), second.body.token).get('/api/v1/lists')).status).toBe(200);
    expect((await admin.delete(`/api/v1/tokens/${second.body.id}`)).status).toBe(204);
    expect((await new Api(baseUrl(), second.body.token).get('/api/v1/lists')).status).toBe(401);
  });
});

describe('workspaces, users and roles', () => {
  it('lets an admin create a workspace and become its admin', async () => {
    const admin = await adminApi();
    const name = `Sales ${Date.now()}`;
    const created = await admin.post('/api/v1/workspaces', { name });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, role: 'admin' });
    const again = await admin.post('/api/v1/workspaces', { name });
    expect(again.status).toBe(409);
    const list = await admin.get('/api/v1/workspaces');
    expect(list.body.items.map((w: { name: string }) => w.name)).toContain(name);
  });

  it('enforces password rules with a clear message', async () => {
    const admin = await adminApi();
    const response = await admin.post('/api/v1/users', { email: 'weak@example.com', name: 'Weak', password: 'short' });
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 400);
    expect(response.body.message).toContain('at least 10 characters');
  });

  it('adds and removes members, and roles decide what each may do', async () => {
    const admin = await adminApi();
    const workspaceId = await createWorkspace(admin);
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    const editor = await userWithRole(admin, workspaceId, 'editor');

    const members = await admin.get(`/api/v1/workspaces/${workspaceId}/members`);
    expect(members.body.items.map((m: { email: string }) => m.email)).toEqual(
      expect.arrayContaining([viewer.email, editor.email]),
    );

    // Only admins manage users, members and lists.
    for (const caller of [viewer, editor]) {
      expect(
        (await caller.post('/api/v1/users', { email: 'x@example.com', name: 'X', password: 'abcdefgh12!' })).status,
      ).toBe(403);
      expect((await caller.get(`/api/v1/workspaces/${workspaceId}/members`)).status).toBe(403);
      expect(
        (
          await caller.post('/api/v1/lists', {
            name: 'L',
            workspaceId,
            columns: [{ name: 'id', dataType: 'string', isKey: true }],
          })
        ).status,
      ).toBe(403);
    }

    // Changing a role by adding again; removing takes effect on the next request.
    expect(
      (await admin.post(`/api/v1/workspaces/${workspaceId}/members`, { email: viewer.email, role: 'editor' })).status,
    ).toBe(200);
    const me = await viewer.get('/api/v1/me');
    expect(me.body.workspaces.find((w: { id: string }) => w.id === workspaceId).role).toBe('editor');
    const viewerId = me.body.id;
    expect((await admin.delete(`/api/v1/workspaces/${workspaceId}/members/${viewerId}`)).status).toBe(204);
    expect((await viewer.get('/api/v1/me')).body.workspaces.some((w: { id: string }) => w.id === workspaceId)).toBe(
      false,
    );
  });

  it('never shows another workspace: its members endpoint answers 404', async () => {
    const admin = await adminApi();
    const otherWorkspace = await createWorkspace(admin);
    const mine = await createWorkspace(admin);
    const outsider = await userWithRole(admin, mine, 'admin');
    const response = await outsider.get(`/api/v1/workspaces/${otherWorkspace}/members`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain(admin.token!.slice(0, 10));
  });

  it('refuses state-changing requests from another site', async () => {
    const token = await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password);
    const response = await fetch(`${baseUrl()}/api/v1/workspaces`, {
      method: 'POST',
      headers: {
        'x-auth-jwt': token,
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify({ name: 'evil' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('ids that are not UUIDs', () => {
  it.each(['-'.repeat(36), 'g'.repeat(36), '12345678-1234-1234-1234-1234567890ab-x'])(
    'are answered 404 (never 500): %s',
    async (id) => {
      const admin = await adminApi();
      for (const path of [`/api/v1/jobs/${id}`, `/api/v1/lists/${id}`]) {
        const response = await admin.get(path);
        expect(response.status, path).toBe(404);
        expectErrorShape(response.body, 404);
      }
      expect((await admin.delete(`/api/v1/tokens/${id}`)).status).toBe(404);
    },
  );
});
