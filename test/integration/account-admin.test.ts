import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, baseUrl, createWorkspace, tokenFor, userWithRole } from '../support/api';
import { expectApiError } from '../support/list-helpers';
import { signedIn } from '../support/sessions';

/** Admins disable accounts and reset passwords; sessions and tokens stop at once. */
let root: Api;
let workspaceId: string;

beforeAll(async () => {
  root = await adminApi();
  workspaceId = await createWorkspace(root);
});

async function works(api: Api): Promise<boolean> {
  return (await api.get('/api/v1/me')).status === 200;
}

/** A workspace whose only admin is a fresh account (the bootstrap admin, its creator, leaves it). */
async function workspaceRunBy(count: number) {
  const id = await createWorkspace(root);
  const admins = [];
  for (let i = 0; i < count; i++) admins.push(await userWithRole(root, id, 'admin'));
  const me = (await root.get('/api/v1/me')).body.id;
  expect((await root.delete(`/api/v1/workspaces/${id}/members/${me}`)).status).toBe(204);
  return { id, admins };
}

describe('disabling an account (PATCH /api/v1/users/{id})', () => {
  it('stops its sessions and tokens at once and refuses its sign-in; enabling lets it sign in again', async () => {
    const admin = await userWithRole(root, workspaceId, 'admin');
    const user = await userWithRole(root, workspaceId, 'editor');
    const browser = await signedIn(baseUrl(), user.email, user.password);
    expect(await works(user)).toBe(true);

    const disabled = await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { disabled: true } });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, tokensRevoked: 1 });

    const refused = await user.get('/api/v1/lists');
    expectApiError(refused, 401);
    expect((await browser.api('GET', '/api/v1/me')).status).toBe(401);
    const token = await new Api(baseUrl()).post('/api/v1/auth/token', user);
    expect(expectApiError(token, 403).message).toBe('This account has been disabled.');
    expect((await browser.signIn(user.email, user.password)).error).toBe('AccountDisabled');
    // A wrong password still says only that: a disabled account is not revealed to a guesser.
    const guess = await new Api(baseUrl()).post('/api/v1/auth/token', { email: user.email, password: 'guess-guess-1' });
    const refusal = expectApiError(guess, 401);
    expect(refusal.message).toBe('The email or password is not correct.');
    // What to do, not "get a new token from POST /api/v1/auth/token", the request just refused.
    expect(refusal.remediation).toMatch(/^Send the email and password you sign in to Listport with/);
    const listed = (await admin.get(`/api/v1/workspaces/${workspaceId}/members`)).body.items;
    expect(listed.find((m: { userId: string }) => m.userId === user.id)).toMatchObject({ disabled: true });

    expect((await admin.request('PATCH', `/api/v1/users/${user.id}`, { json: { disabled: false } })).status).toBe(200);
    expect(await works(new Api(baseUrl(), await tokenFor(user.email, user.password)))).toBe(true);
    expect(await works(user), 'a token revoked by the disabling stays revoked').toBe(false);
  });

  it('refuses to leave a workspace without an enabled admin', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const only = admins[0]!;
    const response = await root.request('PATCH', `/api/v1/users/${only.id}`, { json: { disabled: true } });
    expect(expectApiError(response, 409).message).toMatch(/only admin of "Workspace [0-9a-f]+"/);
    expect(await works(only)).toBe(true);
    expect((await only.get(`/api/v1/workspaces/${id}/members`)).status).toBe(200);
  });

  it('decides two admins disabling each other at once one after the other', async () => {
    const { id, admins } = await workspaceRunBy(2);
    const [a, b] = [admins[0]!, admins[1]!];
    const answers = await Promise.all([
      a.request('PATCH', `/api/v1/users/${b.id}`, { json: { disabled: true } }),
      b.request('PATCH', `/api/v1/users/${a.id}`, { json: { disabled: true } }),
    ]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    // One admin of the workspace can still sign in and manage it.
    const members = (await (answers[0]!.status === 200 ? a : b).get(`/api/v1/workspaces/${id}/members`)).body.items;
    expect(members.filter((m: { role: string; disabled: boolean }) => m.role === 'admin' && !m.disabled)).toHaveLength(
      1,
    );
  });
});

describe('who may disable an account or reset its password', () => {
  it('workspace admins: only accounts all of whose workspaces they administer, never an instance admin', async () => {
    const admin = await userWithRole(root, workspaceId, 'admin');
    const viewer = await userWithRole(root, workspaceId, 'viewer');
    const editor = await userWithRole(root, workspaceId, 'editor');
    const target = await userWithRole(root, workspaceId, 'viewer');
    const rootId = (await root.get('/api/v1/me')).body.id;
    for (const [path, json] of [
      [`/api/v1/users/${target.id}`, { disabled: true }],
      [`/api/v1/users/${target.id}/password`, {}],
    ] as const) {
      const method = path.endsWith('password') ? 'POST' : 'PATCH';
      expectApiError(await viewer.request(method, path, { json }), 403);
      expectApiError(await editor.request(method, path, { json }), 403);
    }
    expect(await works(target)).toBe(true);

    // Someone who is also in a workspace this admin does not run.
    const elsewhere = await createWorkspace(root);
    const shared = await userWithRole(root, workspaceId, 'viewer');
    expect(
      (await root.post(`/api/v1/workspaces/${elsewhere}/members`, { email: shared.email, role: 'viewer' })).status,
    ).toBe(201);
    const refused = await admin.request('PATCH', `/api/v1/users/${shared.id}`, { json: { disabled: true } });
    expect(expectApiError(refused, 403).message).toContain('also a member of a workspace you do not administer');
    expect(await works(shared)).toBe(true);

    const instanceAdmin = await admin.request('POST', `/api/v1/users/${rootId}/password`, { json: {} });
    expect(expectApiError(instanceAdmin, 403).message).toContain('is an instance admin');
    const self = await admin.request('PATCH', `/api/v1/users/${admin.id}`, { json: { disabled: true } });
    expect(expectApiError(self, 400).message).toBe('This is your own account.');
  });

  it('admins of other workspaces do not see the account at all (404), as for an unknown id', async () => {
    const target = await userWithRole(root, workspaceId, 'viewer');
    const outsider = await userWithRole(root, await createWorkspace(root), 'admin');
    for (const id of [target.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expectApiError(await outsider.request('PATCH', `/api/v1/users/${id}`, { json: { disabled: true } }), 404);
      expectApiError(await outsider.request('POST', `/api/v1/users/${id}/password`, { json: {} }), 404);
    }
    expect(await works(target)).toBe(true);
  });
});

describe('resetting a password (POST /api/v1/users/{id}/password)', () => {
  it('gives a one-time password that must be replaced, and ends every session and token', async () => {
    const admin = await userWithRole(root, workspaceId, 'admin');
    const user = await userWithRole(root, workspaceId, 'editor');
    const browser = await signedIn(baseUrl(), user.email, user.password);

    const reset = await admin.post(`/api/v1/users/${user.id}/password`, {});
    expect(reset.status, reset.text).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(reset.body).toMatchObject({ mustChangePassword: true, tokensRevoked: 1 });

    expect(await works(user)).toBe(false);
    expect((await browser.api('GET', '/api/v1/me')).status).toBe(401);
    expect((await new Api(baseUrl()).post('/api/v1/auth/token', user)).status).toBe(401);

    // The temporary password signs in, but only to choose a new one.
    const restricted = new Api(baseUrl(), await tokenFor(user.email, temporary));
    expectApiError(await restricted.get('/api/v1/lists'), 403, 40302);
    const changed = await restricted.post('/api/v1/me/password', {
      currentPassword: temporary,
      newPassword: 'chosen-by-me-42',
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await restricted.get('/api/v1/lists')).status).toBe(200);
  });

  it('sets the password the admin gives, if it follows the rule', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    expectApiError(await root.post(`/api/v1/users/${user.id}/password`, { password: 'short' }), 400);
    const reset = await root.post(`/api/v1/users/${user.id}/password`, { password: 'given-by-admin-7' });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body.temporaryPassword).toBeUndefined();
    expect(await tokenFor(user.email, 'given-by-admin-7')).toEqual(expect.any(String));
  });
});
