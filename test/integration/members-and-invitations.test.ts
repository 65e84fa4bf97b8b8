import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, baseUrl, createWorkspace, tokenFor, userWithRole } from '../support/api';
import { expectApiError } from '../support/list-helpers';

/**
 * Issue 15, items 10 and 15: a workspace is never left without an enabled admin, whichever route
 * changes roles or members; a workspace admin cannot learn which emails have accounts, nor add an
 * account of another workspace without its user accepting an invitation.
 */
let root: Api;

beforeAll(async () => {
  root = await adminApi();
});

type Member = { userId: string; email: string; role: string; disabled: boolean };

/** A workspace run by `count` fresh admins only (the instance admin, its creator, leaves it). */
async function workspaceRunBy(count: number) {
  const id = await createWorkspace(root);
  const admins = [];
  for (let i = 0; i < count; i++) admins.push(await userWithRole(root, id, 'admin'));
  const me = (await root.get('/api/v1/me')).body.id;
  expect((await root.delete(`/api/v1/workspaces/${id}/members/${me}`)).status).toBe(204);
  return { id, admins };
}

async function membersOf(api: Api, workspaceId: string): Promise<Member[]> {
  return (await api.get(`/api/v1/workspaces/${workspaceId}/members`)).body.items;
}

describe('a workspace always keeps an enabled admin (item 10)', () => {
  it('refuses to demote the only admin through POST …/members (the reported attack) and PATCH …/members/{id}', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const only = admins[0]!;
    const viaPost = await only.post(`/api/v1/workspaces/${id}/members`, { email: only.email, role: 'viewer' });
    expect(expectApiError(viaPost, 409).message).toMatch(/only admin of "Workspace [0-9a-f]+"/);
    const viaPatch = await only.request('PATCH', `/api/v1/workspaces/${id}/members/${only.id}`, {
      json: { role: 'editor' },
    });
    expectApiError(viaPatch, 409);
    const viaDelete = await only.delete(`/api/v1/workspaces/${id}/members/${only.id}`);
    expectApiError(viaDelete, 409);
    expect((await membersOf(only, id)).find((m) => m.userId === only.id)?.role).toBe('admin');
  });

  it('does not count a disabled admin: the only enabled one cannot be demoted or removed', async () => {
    const { id, admins } = await workspaceRunBy(2);
    const [active, disabled] = [admins[0]!, admins[1]!];
    expect((await active.request('PATCH', `/api/v1/users/${disabled.id}`, { json: { disabled: true } })).status).toBe(
      200,
    );
    const demote = await active.request('PATCH', `/api/v1/workspaces/${id}/members/${active.id}`, {
      json: { role: 'viewer' },
    });
    expectApiError(demote, 409);
    expectApiError(await active.delete(`/api/v1/workspaces/${id}/members/${active.id}`), 409);
    // The disabled admin may go: that takes nobody away.
    expect((await active.delete(`/api/v1/workspaces/${id}/members/${disabled.id}`)).status).toBe(204);
  });

  it('decides two admins demoting each other at once one after the other', async () => {
    const { id, admins } = await workspaceRunBy(2);
    const [a, b] = [admins[0]!, admins[1]!];
    const answers = await Promise.all([
      a.request('PATCH', `/api/v1/workspaces/${id}/members/${b.id}`, { json: { role: 'viewer' } }),
      b.request('PATCH', `/api/v1/workspaces/${id}/members/${a.id}`, { json: { role: 'viewer' } }),
    ]);
    // The second is refused: 409 when it read the admins after the first change, 403 when it was
    // already demoted by then.
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const winner = answers[0]!.status === 200 ? a : b;
    expect((await membersOf(winner, id)).filter((m) => m.role === 'admin')).toHaveLength(1);
  });

  it('lets an admin step down when another enabled admin remains', async () => {
    const { id, admins } = await workspaceRunBy(2);
    const [a, b] = [admins[0]!, admins[1]!];
    const stepDown = await a.request('PATCH', `/api/v1/workspaces/${id}/members/${a.id}`, { json: { role: 'editor' } });
    expect(stepDown.status, stepDown.text).toBe(200);
    expect(stepDown.body).toMatchObject({ userId: a.id, role: 'editor' });
    const audit = (await b.get('/api/v1/audit')).body.items as { action: string; targetId: string; detail: any }[];
    expect(audit.find((e) => e.action === 'member.role' && e.targetId === a.id)?.detail).toMatchObject({
      role: 'editor',
      previousRole: 'admin',
    });
  });
});

describe('no email enumeration; existing accounts join only by invitation (item 15)', () => {
  it('answers a workspace admin the same for an email with an account and one without', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const admin = admins[0]!;
    const elsewhere = await userWithRole(root, await createWorkspace(root), 'viewer');
    const nobody = `nobody-${randomBytes(4).toString('hex')}@example.com`;

    const existing = await admin.post(`/api/v1/workspaces/${id}/members`, { email: elsewhere.email, role: 'admin' });
    const missing = await admin.post(`/api/v1/workspaces/${id}/members`, { email: nobody, role: 'admin' });
    expect([existing.status, missing.status]).toEqual([202, 202]);
    const shape = (body: any) =>
      Object.keys(body.invitation)
        .sort()
        .map((k) => `${k}:${typeof body.invitation[k]}`);
    expect(shape(existing.body)).toEqual(shape(missing.body));
    expect(existing.body.invitation).toMatchObject({ email: elsewhere.email, role: 'admin' });
    expect(existing.body.invitation.acceptPath).toMatch(/^\/invitation\/[A-Za-z0-9_-]{43}$/);
    // The existing account was not added: its user has not accepted.
    expect((await membersOf(admin, id)).some((m) => m.email === elsewhere.email)).toBe(false);
    expect((await elsewhere.get('/api/v1/me')).body.workspaces.some((w: { id: string }) => w.id === id)).toBe(false);

    // Creating the account directly is for instance admins only: "taken" would tell.
    const created = await admin.post('/api/v1/users', { email: elsewhere.email, name: 'X', password: 'abcdefgh12!' });
    expect(expectApiError(created, 403).remediation).toMatch(/members/);
  });

  it('lets the invited account accept on its account page, once; declining closes it', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const admin = admins[0]!;
    const invitee = await userWithRole(root, await createWorkspace(root), 'viewer');
    const invited = await admin.post(`/api/v1/workspaces/${id}/members`, { email: invitee.email, role: 'editor' });
    expect(invited.status).toBe(202);

    const mine = (await invitee.get('/api/v1/me/invitations')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ workspaceId: id, role: 'editor', invitedBy: admin.email });
    // The admin sees it open, and nobody else's account can take it.
    expect((await admin.get(`/api/v1/workspaces/${id}/invitations`)).body.items[0]).toMatchObject({
      email: invitee.email,
    });
    expectApiError(await admin.post(`/api/v1/me/invitations/${mine[0].id}`, { accept: true }), 404);

    const accepted = await invitee.post(`/api/v1/me/invitations/${mine[0].id}`, { accept: true });
    expect(accepted.status, accepted.text).toBe(200);
    expect((await invitee.get('/api/v1/me')).body.workspaces.find((w: { id: string }) => w.id === id)?.role).toBe(
      'editor',
    );
    expectApiError(await invitee.post(`/api/v1/me/invitations/${mine[0].id}`, { accept: true }), 404);
    expect((await admin.get(`/api/v1/workspaces/${id}/invitations`)).body.items).toEqual([]);

    const second = await admin.post(`/api/v1/workspaces/${id}/members`, {
      email: `other-${randomBytes(3).toString('hex')}@example.com`,
      role: 'viewer',
    });
    const declinedBy = await userWithRole(root, await createWorkspace(root), 'viewer');
    const third = await admin.post(`/api/v1/workspaces/${id}/members`, { email: declinedBy.email, role: 'viewer' });
    const [open] = (await declinedBy.get('/api/v1/me/invitations')).body.items;
    expect((await declinedBy.post(`/api/v1/me/invitations/${open.id}`, { accept: false })).status).toBe(200);
    expect((await declinedBy.get('/api/v1/me/invitations')).body.items).toEqual([]);
    expect((await membersOf(admin, id)).some((m) => m.email === declinedBy.email)).toBe(false);
    expect([second.status, third.status]).toEqual([202, 202]);
    const actions = ((await admin.get('/api/v1/audit')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.create', 'invitation.accept', 'invitation.decline']));
  });

  it('creates a new person’s account from the one-time link, which then stops working', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const email = `newcomer-${randomBytes(4).toString('hex')}@example.com`;
    const invited = await admins[0]!.post(`/api/v1/workspaces/${id}/members`, { email, role: 'viewer' });
    const link = `/api/v1${invited.body.invitation.acceptPath.replace('/invitation/', '/invitations/')}`;
    const anonymous = new Api(baseUrl());

    expect((await anonymous.get(link)).body).toMatchObject({ email, role: 'viewer', invitedBy: admins[0]!.email });
    const weak = await anonymous.post(link, { name: 'Newcomer', password: 'short' });
    expect(expectApiError(weak, 400).message).toMatch(/at least 10 characters/);
    const joined = await anonymous.post(link, { name: 'Newcomer', password: 'my-own-password-1' });
    expect(joined.status, joined.text).toBe(201);
    expect(joined.body).toMatchObject({ email, workspaceId: id, role: 'viewer' });

    const newcomer = new Api(baseUrl(), await tokenFor(email, 'my-own-password-1'));
    expect((await newcomer.get('/api/v1/me')).body.workspaces.find((w: { id: string }) => w.id === id)?.role).toBe(
      'viewer',
    );
    expect(expectApiError(await anonymous.get(link), 404).message).toMatch(/already used/);
    expectApiError(await anonymous.post(link, { name: 'Again', password: 'another-password-1' }), 404);
    expectApiError(await anonymous.get('/api/v1/invitations/not-a-secret'), 404);
  });

  it('refuses the link for an email that has an account, and tells the instance admins', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const existing = await userWithRole(root, await createWorkspace(root), 'viewer');
    const invited = await admins[0]!.post(`/api/v1/workspaces/${id}/members`, { email: existing.email, role: 'admin' });
    const link = `/api/v1${invited.body.invitation.acceptPath.replace('/invitation/', '/invitations/')}`;
    const taken = await new Api(baseUrl()).post(link, { name: 'Probe', password: 'probe-password-1' });
    expect(expectApiError(taken, 409).remediation).toMatch(/Sign in/);
    // The account's password is unchanged and it did not join.
    expect((await new Api(baseUrl()).post('/api/v1/auth/token', existing)).status).toBe(200);
    expect((await membersOf(admins[0]!, id)).some((m) => m.email === existing.email)).toBe(false);
    const events = (await root.get('/api/v1/audit')).body.items as { action: string; actorEmail: string }[];
    expect(events.find((e) => e.action === 'invitation.link.refused' && e.actorEmail === existing.email)).toBeDefined();
  });

  it('stops a cancelled invitation’s link, and a newer invitation replaces an older one', async () => {
    const { id, admins } = await workspaceRunBy(1);
    const admin = admins[0]!;
    const email = `cancelled-${randomBytes(4).toString('hex')}@example.com`;
    const first = (await admin.post(`/api/v1/workspaces/${id}/members`, { email, role: 'viewer' })).body.invitation;
    const second = (await admin.post(`/api/v1/workspaces/${id}/members`, { email, role: 'editor' })).body.invitation;
    const path = (i: { acceptPath: string }) => `/api/v1${i.acceptPath.replace('/invitation/', '/invitations/')}`;
    const anonymous = new Api(baseUrl());
    expectApiError(await anonymous.get(path(first)), 404);
    expect((await anonymous.get(path(second))).body.role).toBe('editor');
    expect((await admin.delete(`/api/v1/workspaces/${id}/invitations/${second.id}`)).status).toBe(204);
    expectApiError(await anonymous.get(path(second)), 404);
    expectApiError(await admin.delete(`/api/v1/workspaces/${id}/invitations/${second.id}`), 404);
  });

  it('lets an instance admin add an existing account directly', async () => {
    const id = await createWorkspace(root);
    const existing = await userWithRole(root, await createWorkspace(root), 'viewer');
    const added = await root.post(`/api/v1/workspaces/${id}/members`, { email: existing.email, role: 'editor' });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ userId: existing.id, role: 'editor' });
  });
});
