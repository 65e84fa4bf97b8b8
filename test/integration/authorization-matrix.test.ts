import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import {
  adminApi,
  Api,
  baseUrl,
  createList,
  EMPLOYEE_COLUMNS,
  importAndWait,
  tokenFor,
  uniqueName,
  userWithRole,
  type ApiResponse,
} from '../support/api';
import { allContents, csv, EMPLOYEE_HEADER, employeeRows, expectApiError } from '../support/list-helpers';

/**
 * Every /api/v1 route and method × every kind of caller → the expected status.
 *
 * Workspace A holds the resources under test; "admin of another workspace" administers workspace B
 * only, so every id of A must answer 404 to them — never data, never A's names. Rows that succeed and
 * change something work on fresh resources, so the shared fixtures stay as they are for later rows.
 */

const CALLERS = [
  'no token',
  'malformed token',
  'expired token',
  'viewer',
  'editor',
  'admin',
  'admin of another workspace',
] as const;
type Caller = (typeof CALLERS)[number];
type Member = 'viewer' | 'editor' | 'admin' | 'outsider';
const MEMBER_OF: Partial<Record<Caller, Member>> = {
  viewer: 'viewer',
  editor: 'editor',
  admin: 'admin',
  'admin of another workspace': 'outsider',
};

const JSONL = '0.0.1-json-records';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Fixtures = {
  /** The bootstrap admin: admin of A and of B, used to prepare resources. */
  root: Api;
  wsA: string;
  wsB: string;
  secretWorkspaceName: string;
  secretListName: string;
  /** Emails of A's members, which nobody outside A may read. */
  memberEmails: string[];
  listId: string;
  purgeListId: string;
  completedJobId: string;
  failedJobId: string;
  purgeJobId: string;
  restoreJobId: string;
  adminA: Api & { email: string };
  callers: Record<Caller, Api>;
  passwords: Record<string, string>;
};

/** What a member caller gets: a status, optionally with a check of the answer. */
type Outcome =
  number | { status: number; note: string; check?: (response: ApiResponse, fx: Fixtures) => void | Promise<void> };

type Route = {
  /** METHOD and path template, as the test name shows them. */
  route: string;
  expect: Record<Member, Outcome>;
  /** Callers without a valid token; 401 unless the route is public. */
  unauthenticated?: Outcome;
  /** Creates what a row works on (fresh, when success would change or destroy it). */
  prepare?: (fx: Fixtures) => Promise<any>;
  send: (api: Api, fx: Fixtures, prepared: any, caller: Caller) => Promise<ApiResponse>;
  /** After a refusal: the resource is exactly as it was. */
  unchanged?: (fx: Fixtures, prepared: any) => Promise<void>;
};

const roles = (viewer: Outcome, editor: Outcome, admin: Outcome, outsider: Outcome): Record<Member, Outcome> => ({
  viewer,
  editor,
  admin,
  outsider,
});

/** The outsider's collection answers succeed, but hold nothing of workspace A. */
const noDataOfA: Outcome = {
  status: 200,
  note: 'nothing of A',
  check: (response, fx) => {
    for (const secret of [fx.secretListName, fx.secretWorkspaceName, fx.listId, fx.completedJobId, ...fx.memberEmails])
      expect(response.text).not.toContain(secret);
  },
};
const emptyCollection: Outcome = {
  status: 200,
  note: 'empty',
  check: (response) => {
    expect(response.body.count).toBe(0);
    expect(response.body.items).toEqual([]);
  },
};

function multipart(
  content: string,
  fileField = 'dataFile',
  fileName = 'data.csv',
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append(fileField, new Blob([content], { type: 'text/csv' }), fileName);
  return form;
}

/** The seed's custom-import values for the JSON Lines script. */
function jsonlValues(listId: string, records = '{"employeeId": 900, "name": "From JSON"}\n') {
  return [
    {
      type: 'file',
      name: 'file',
      value: {
        name: 'people.jsonl',
        size: Buffer.byteLength(records),
        type: 'application/x-ndjson',
        data: Buffer.from(records).toString('base64'),
      },
    },
    { type: 'string', name: 'format', value: 'auto' },
    { type: 'string', name: 'list', value: listId },
  ];
}

const VALID_CSV = csv([EMPLOYEE_HEADER, ...employeeRows(2, 500)]);

async function freshList(fx: Fixtures) {
  return createList(fx.root, fx.wsA, EMPLOYEE_COLUMNS, uniqueName('Scratch'));
}

async function freshUser(fx: Fixtures, workspace?: { id: string; role: 'viewer' }) {
  const email = `matrix-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const created = await fx.root.post('/api/v1/users', {
    email,
    name: 'Matrix user',
    password,
    ...(workspace && { workspaceId: workspace.id, role: workspace.role }),
  });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.id as string, email, password };
}

/** An invitation of a fresh email into A, made by the instance admin. */
async function invite(fx: Fixtures): Promise<{ id: string; acceptPath: string }> {
  const email = `invited-${randomBytes(4).toString('hex')}@example.com`;
  const response = await fx.root.post(`/api/v1/workspaces/${fx.wsA}/members`, { email, role: 'viewer' });
  expect(response.status, response.text).toBe(202);
  return response.body.invitation;
}

/** The account still signs in with its password, and is not disabled. */
async function expectSignsIn(fx: Fixtures, user: { email: string; password: string }) {
  const response = await fx.root.post('/api/v1/auth/token', { email: user.email, password: user.password });
  expect(response.status, response.text).toBe(200);
}

async function expectListExists(fx: Fixtures, listId: string) {
  expect((await fx.root.get(`/api/v1/lists/${listId}`)).status).toBe(200);
}

async function membersOfA(fx: Fixtures): Promise<{ userId: string; role: string }[]> {
  return (await fx.root.get(`/api/v1/workspaces/${fx.wsA}/members`)).body.items;
}

const ROUTES: Route[] = [
  // ── auth and the caller's own things ──────────────────────────────────────────────────
  {
    route: 'POST /api/v1/auth/token (public, valid credentials)',
    unauthenticated: 200,
    expect: roles(200, 200, 200, 200),
    send: (api, fx) =>
      api.post('/api/v1/auth/token', { email: fx.adminA.email, password: fx.passwords[fx.adminA.email] }),
  },
  { route: 'GET /api/v1/me', expect: roles(200, 200, 200, noDataOfA), send: (api) => api.get('/api/v1/me') },
  {
    route: 'POST /api/v1/me/password (a wrong current password)',
    expect: roles(400, 400, 400, 400),
    send: (api) =>
      api.post('/api/v1/me/password', { currentPassword: 'not-the-password-1', newPassword: 'a-new-password-1' }),
  },
  { route: 'GET /api/v1/tokens', expect: roles(200, 200, 200, 200), send: (api) => api.get('/api/v1/tokens') },
  {
    route: 'POST /api/v1/tokens',
    expect: roles(201, 201, 201, 201),
    send: (api) => api.post('/api/v1/tokens', { label: 'matrix' }),
  },
  {
    route: "DELETE /api/v1/tokens/{tokenId} (the workspace admin's token)",
    expect: roles(404, 404, 204, 404),
    prepare: async (fx) => {
      const created = await fx.adminA.post('/api/v1/tokens', { label: 'matrix victim' });
      expect(created.status, created.text).toBe(201);
      return created.body as { id: string; token: string };
    },
    send: (api, _fx, token) => api.delete(`/api/v1/tokens/${token.id}`),
    unchanged: async (fx, token) => {
      expect((await new Api(fx.root.baseUrl, token.token).get('/api/v1/me')).status, 'the token still works').toBe(200);
    },
  },

  // ── workspaces, members, users, audit ─────────────────────────────────────────────────
  {
    route: 'GET /api/v1/workspaces',
    expect: roles(200, 200, 200, noDataOfA),
    send: (api) => api.get('/api/v1/workspaces'),
  },
  {
    route: 'POST /api/v1/workspaces',
    expect: roles(403, 403, 201, 201),
    send: (api) => api.post('/api/v1/workspaces', { name: uniqueName('Matrix workspace') }),
  },
  {
    route: 'GET /api/v1/workspaces/{A}/members',
    expect: roles(403, 403, 200, 404),
    send: (api, fx) => api.get(`/api/v1/workspaces/${fx.wsA}/members`),
  },
  {
    route: 'POST /api/v1/workspaces/{A}/members',
    // A workspace admin invites an existing account: it is not added until its user accepts.
    expect: roles(
      403,
      403,
      { status: 202, note: 'an invitation', check: (r) => expect(r.body.invitation).toBeDefined() },
      404,
    ),
    prepare: (fx) => freshUser(fx),
    send: (api, fx, user) => api.post(`/api/v1/workspaces/${fx.wsA}/members`, { email: user.email, role: 'admin' }),
    unchanged: async (fx, user) => {
      expect((await membersOfA(fx)).some((m) => m.userId === user.id)).toBe(false);
    },
  },
  {
    route: 'PATCH /api/v1/workspaces/{A}/members/{userId} (a viewer made editor)',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => freshUser(fx, { id: fx.wsA, role: 'viewer' }),
    send: (api, fx, user) =>
      api.request('PATCH', `/api/v1/workspaces/${fx.wsA}/members/${user.id}`, { json: { role: 'editor' } }),
    unchanged: async (fx, user) => {
      expect((await membersOfA(fx)).find((m) => m.userId === user.id)?.role).toBe('viewer');
    },
  },
  {
    route: 'GET /api/v1/workspaces/{A}/invitations',
    expect: roles(403, 403, 200, 404),
    send: (api, fx) => api.get(`/api/v1/workspaces/${fx.wsA}/invitations`),
  },
  {
    route: 'DELETE /api/v1/workspaces/{A}/invitations/{invitationId}',
    expect: roles(403, 403, 204, 404),
    prepare: (fx) => invite(fx),
    send: (api, fx, invitation) => api.delete(`/api/v1/workspaces/${fx.wsA}/invitations/${invitation.id}`),
    unchanged: async (fx, invitation) => {
      const open = (await fx.root.get(`/api/v1/workspaces/${fx.wsA}/invitations`)).body.items;
      expect(open.some((i: { id: string }) => i.id === invitation.id)).toBe(true);
    },
  },
  {
    route: 'GET /api/v1/me/invitations',
    expect: roles(200, 200, 200, noDataOfA),
    send: (api) => api.get('/api/v1/me/invitations'),
  },
  {
    route: "POST /api/v1/me/invitations/{invitationId} (someone else's invitation)",
    expect: roles(404, 404, 404, 404),
    prepare: (fx) => invite(fx),
    send: (api, _fx, invitation) => api.post(`/api/v1/me/invitations/${invitation.id}`, { accept: true }),
    unchanged: async (fx, invitation) => {
      const open = (await fx.root.get(`/api/v1/workspaces/${fx.wsA}/invitations`)).body.items;
      expect(open.some((i: { id: string }) => i.id === invitation.id)).toBe(true);
    },
  },
  {
    // The link is the credential (its holder sees the workspace's name, tested in
    // members-and-invitations); a guessed one finds nothing, for anyone.
    route: 'GET /api/v1/invitations/{secret} (a guessed secret)',
    unauthenticated: 404,
    expect: roles(404, 404, 404, 404),
    send: (api) => api.get(`/api/v1/invitations/${'A'.repeat(43)}`),
  },
  {
    route: 'POST /api/v1/invitations/{secret} (public: the link is the credential)',
    unauthenticated: 201,
    expect: roles(201, 201, 201, 201),
    prepare: (fx) => invite(fx),
    send: (api, _fx, invitation) =>
      api.post(`/api/v1${invitation.acceptPath.replace('/invitation/', '/invitations/')}`, {
        name: 'Invited',
        password: `pw-${randomBytes(6).toString('hex')}`,
      }),
  },
  {
    route: 'DELETE /api/v1/workspaces/{A}/members/{userId}',
    expect: roles(403, 403, 204, 404),
    prepare: (fx) => freshUser(fx, { id: fx.wsA, role: 'viewer' }),
    send: (api, fx, user) => api.delete(`/api/v1/workspaces/${fx.wsA}/members/${user.id}`),
    unchanged: async (fx, user) => {
      expect((await membersOfA(fx)).some((m) => m.userId === user.id)).toBe(true);
    },
  },
  { route: 'GET /api/v1/users', expect: roles(403, 403, 200, noDataOfA), send: (api) => api.get('/api/v1/users') },
  {
    route: 'POST /api/v1/users (into workspace A)',
    // Only instance admins create accounts: a workspace admin invites (a "taken" answer would tell
    // them which emails have accounts).
    expect: roles(403, 403, 403, 403),
    prepare: async () => `matrix-new-${randomBytes(4).toString('hex')}@example.com`,
    send: (api, fx, email) =>
      api.post('/api/v1/users', {
        email,
        name: 'New',
        password: `pw-${randomBytes(6).toString('hex')}`,
        workspaceId: fx.wsA,
        role: 'admin',
      }),
    unchanged: async (fx, email) => {
      // No user was created: the email is still free.
      const again = await fx.root.post('/api/v1/users', {
        email,
        name: 'Check',
        password: `pw-${randomBytes(6).toString('hex')}`,
      });
      expect(again.status, again.text).toBe(201);
    },
  },
  { route: 'GET /api/v1/audit', expect: roles(403, 403, 200, noDataOfA), send: (api) => api.get('/api/v1/audit') },
  {
    route: 'PATCH /api/v1/users/{userId} (disable a viewer of A)',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => freshUser(fx, { id: fx.wsA, role: 'viewer' }),
    send: (api, _fx, user) => api.request('PATCH', `/api/v1/users/${user.id}`, { json: { disabled: true } }),
    unchanged: (fx, user) => expectSignsIn(fx, user),
  },
  {
    route: 'POST /api/v1/users/{userId}/password (reset a viewer of A)',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => freshUser(fx, { id: fx.wsA, role: 'viewer' }),
    send: (api, _fx, user) => api.post(`/api/v1/users/${user.id}/password`, {}),
    unchanged: (fx, user) => expectSignsIn(fx, user),
  },

  // ── lists ─────────────────────────────────────────────────────────────────────────────
  { route: 'GET /api/v1/lists', expect: roles(200, 200, 200, noDataOfA), send: (api) => api.get('/api/v1/lists') },
  {
    route: 'GET /api/v1/lists?workspaceId={A}',
    expect: roles(200, 200, 200, emptyCollection),
    send: (api, fx) => api.get(`/api/v1/lists?workspaceId=${fx.wsA}`),
  },
  {
    route: 'POST /api/v1/lists/guess',
    expect: roles(403, 403, 200, 200),
    send: (api) => api.request('POST', '/api/v1/lists/guess', { body: multipart(VALID_CSV) }),
  },
  {
    route: 'POST /api/v1/lists (in workspace A)',
    expect: roles(403, 403, 201, 404),
    prepare: async () => uniqueName('Matrix list'),
    send: (api, fx, name) => api.post('/api/v1/lists', { name, workspaceId: fx.wsA, columns: EMPLOYEE_COLUMNS }),
    unchanged: async (fx, name) => {
      expect(
        (await fx.root.get(`/api/v1/lists?workspaceId=${fx.wsA}&name=${encodeURIComponent(name)}`)).body.count,
      ).toBe(0);
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}`),
  },
  {
    route: 'PUT /api/v1/lists/{listId} (description)',
    expect: roles(403, 403, 200, 404),
    prepare: async (fx) => (await fx.root.get(`/api/v1/lists/${fx.listId}`)).body.description,
    send: (api, fx, _before, caller) => api.put(`/api/v1/lists/${fx.listId}`, { description: `changed by ${caller}` }),
    unchanged: async (fx, before) => {
      expect((await fx.root.get(`/api/v1/lists/${fx.listId}`)).body.description).toBe(before);
    },
  },
  {
    route: 'DELETE /api/v1/lists/{listId}',
    expect: roles(403, 403, 204, {
      status: 204,
      note: 'as for an unknown id, and the list stays',
      check: async (response, fx) => {
        // Indistinguishable from a list that does not exist (the family answers 204 there).
        expect((await fx.callers['admin of another workspace'].delete(`/api/v1/lists/${UNKNOWN_ID}`)).status).toBe(
          response.status,
        );
      },
    }),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) => api.delete(`/api/v1/lists/${list.id}`),
    unchanged: (fx, list) => expectListExists(fx, list.id),
  },
  {
    route: 'POST /api/v1/lists/{listId}/columns',
    expect: roles(403, 201, 201, 404),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) => api.post(`/api/v1/lists/${list.id}/columns`, { name: 'team', dataType: 'string' }),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}`)).body.columns).toHaveLength(list.columns.length);
    },
  },
  {
    route: 'PATCH /api/v1/lists/{listId}/columns/{columnName}',
    expect: roles(403, 200, 200, 404),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) =>
      api.request('PATCH', `/api/v1/lists/${list.id}/columns/name`, { json: { maxLength: 80 } }),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}`)).body.columns[1].maxLength).toBeUndefined();
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}/state',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/state`),
  },
  {
    route: 'PUT /api/v1/lists/{listId}/state?value=deployed',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) => api.request('PUT', `/api/v1/lists/${list.id}/state?value=deployed`),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}/state`)).text).toBe('developing');
    },
  },

  // ── contents ──────────────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/lists/{listId}/contents',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/contents`),
  },
  {
    route: "GET /api/v1/lists/{listId}/contents?filter=eq(name,'…')",
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/contents?filter=${encodeURIComponent("eq(name,'Name 1')")}`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/contents.csv',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/contents.csv`),
  },
  {
    route: 'PUT /api/v1/lists/{listId}/contents?op=upsert',
    expect: roles(403, 200, 200, 404),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) =>
      api.put(`/api/v1/lists/${list.id}/contents?op=upsert`, {
        items: [{ employeeId: 1, name: 'Edited', salary: 1, active: true, hired: '2020-01-01' }],
      }),
    unchanged: async (fx, list) => {
      expect(await allContents(fx.root, list.id)).toEqual([]);
    },
  },
  {
    route: 'PUT /api/v1/lists/{listId}/contents?op=delete',
    expect: roles(403, 200, 200, 404),
    prepare: async (fx) => {
      const list = await freshList(fx);
      const job = await importAndWait(fx.root, list.id, VALID_CSV);
      expect(job.state).toBe('completed');
      return list;
    },
    send: (api, _fx, list) => api.put(`/api/v1/lists/${list.id}/contents?op=delete`, { items: [{ employeeId: 500 }] }),
    unchanged: async (fx, list) => {
      expect(await allContents(fx.root, list.id)).toHaveLength(2);
    },
  },

  // ── import jobs ───────────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/lists/{listId}/importJobs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs`),
  },
  {
    route: 'POST /api/v1/lists/{listId}/importJobs',
    expect: roles(403, 202, 202, 404),
    prepare: (fx) => freshList(fx),
    send: (api, _fx, list) =>
      api.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: multipart(VALID_CSV) }),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}/importJobs`)).body.count).toBe(0);
      expect(await allContents(fx.root, list.id)).toEqual([]);
    },
  },
  {
    route: 'POST /api/v1/lists/{listId}/importPreview',
    expect: roles(403, 200, 200, 404),
    send: (api, fx) => api.request('POST', `/api/v1/lists/${fx.listId}/importPreview`, { body: multipart(VALID_CSV) }),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.completedJobId}`),
  },
  {
    route: 'DELETE /api/v1/lists/{listId}/importJobs/{jobId} (a finished job)',
    expect: roles(403, 202, 202, 404),
    send: (api, fx) => api.delete(`/api/v1/lists/${fx.listId}/importJobs/${fx.completedJobId}`),
    unchanged: async (fx) => {
      expect((await fx.root.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.completedJobId}`)).body.state).toBe(
        'completed',
      );
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/logs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.completedJobId}/logs`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/file',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.completedJobId}/file`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/originalFile',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.failedJobId}/originalFile`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/leftOutRows',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.failedJobId}/leftOutRows`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/errors',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.failedJobId}/errors`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/importJobs/{jobId}/errorReport',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/importJobs/${fx.failedJobId}/errorReport`),
  },

  // ── purge jobs ────────────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/lists/{listId}/purgeJobs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/purgeJobs`),
  },
  {
    route: 'POST /api/v1/lists/{listId}/purgeJobs',
    expect: roles(403, 202, 202, 404),
    prepare: async (fx) => {
      const list = await freshList(fx);
      expect((await importAndWait(fx.root, list.id, VALID_CSV)).state).toBe('completed');
      return list;
    },
    send: (api, _fx, list) => api.post(`/api/v1/lists/${list.id}/purgeJobs`),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}/purgeJobs`)).body.count).toBe(0);
      expect(await allContents(fx.root, list.id)).toHaveLength(2);
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}/purgeJobs/{jobId}',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/purgeJobs/${fx.purgeJobId}`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/purgeJobs/{jobId}/errors',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/purgeJobs/${fx.purgeJobId}/errors`),
  },

  // ── revisions and restore jobs ─────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/lists/{listId}/revisions',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/revisions`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/revisions/contents?revision=1&diffs=true',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/revisions/contents?revision=1&diffs=true`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/revisions/{revision}/contents',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/revisions/0/contents`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/revisions/{revision}/contents.csv',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.listId}/revisions/1/contents.csv`),
  },
  {
    route: 'GET /api/v1/lists/{listId}/restoreJobs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/restoreJobs`),
  },
  {
    route: 'POST /api/v1/lists/{listId}/restoreJobs',
    expect: roles(403, 202, 202, 404),
    prepare: async (fx) => {
      const list = await freshList(fx);
      expect((await importAndWait(fx.root, list.id, VALID_CSV)).state).toBe('completed');
      return list;
    },
    send: (api, _fx, list) => api.post(`/api/v1/lists/${list.id}/restoreJobs`, { revision: 0 }),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/lists/${list.id}/restoreJobs`)).body.count).toBe(0);
      expect(await allContents(fx.root, list.id)).toHaveLength(2);
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}/restoreJobs/{jobId}',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/restoreJobs/${fx.restoreJobId}`),
  },
  {
    route: 'DELETE /api/v1/lists/{listId}/restoreJobs/{jobId} (a finished job)',
    expect: roles(403, 202, 202, 404),
    send: (api, fx) => api.delete(`/api/v1/lists/${fx.purgeListId}/restoreJobs/${fx.restoreJobId}`),
    unchanged: async (fx) => {
      expect((await fx.root.get(`/api/v1/lists/${fx.purgeListId}/restoreJobs/${fx.restoreJobId}`)).body.state).toBe(
        'completed',
      );
    },
  },
  {
    route: 'GET /api/v1/lists/{listId}/restoreJobs/{jobId}/logs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/lists/${fx.purgeListId}/restoreJobs/${fx.restoreJobId}/logs`),
  },

  // ── jobs across lists ─────────────────────────────────────────────────────────────────
  { route: 'GET /api/v1/jobs', expect: roles(200, 200, 200, noDataOfA), send: (api) => api.get('/api/v1/jobs') },
  {
    route: 'GET /api/v1/jobs?listId={listId}',
    expect: roles(200, 200, 200, emptyCollection),
    send: (api, fx) => api.get(`/api/v1/jobs?listId=${fx.listId}`),
  },
  {
    route: 'GET /api/v1/jobs/{jobId}',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/jobs/${fx.completedJobId}`),
  },
  {
    route: 'DELETE /api/v1/jobs/{jobId} (a finished job)',
    expect: roles(403, 202, 202, 404),
    send: (api, fx) => api.delete(`/api/v1/jobs/${fx.completedJobId}`),
    unchanged: async (fx) => {
      expect((await fx.root.get(`/api/v1/jobs/${fx.completedJobId}`)).body.state).toBe('completed');
    },
  },
  {
    route: 'GET /api/v1/jobs/{jobId}/logs',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/jobs/${fx.completedJobId}/logs`),
  },
  {
    route: 'GET /api/v1/jobs/{jobId}/errors',
    expect: roles(200, 200, 200, 404),
    send: (api, fx) => api.get(`/api/v1/jobs/${fx.failedJobId}/errors`),
  },

  // ── custom imports ────────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/v1/custom-imports',
    expect: roles(200, 200, 200, 200),
    send: (api) => api.get('/api/v1/custom-imports'),
  },
  {
    route: 'GET /api/v1/custom-imports/{customImportId}',
    expect: roles(200, 200, 200, 200),
    send: (api) => api.get(`/api/v1/custom-imports/${JSONL}`),
  },
  {
    route: 'POST /api/v1/view/{A}/custom-import/{id}/validate-input',
    expect: roles(403, 200, 200, 404),
    send: (api, fx) =>
      api.post(`/api/v1/view/${fx.wsA}/custom-import/${JSONL}/validate-input`, { values: jsonlValues(fx.listId) }),
  },
  {
    route: 'POST /api/v1/view/{A}/custom-import/{id}/preview',
    expect: roles(403, 200, 200, 404),
    send: (api, fx) =>
      api.post(`/api/v1/view/${fx.wsA}/custom-import/${JSONL}/preview`, { values: jsonlValues(fx.listId) }),
  },
  {
    route: 'POST /api/v1/view/{A}/custom-import/{id}/submit-job',
    expect: roles(403, 200, 200, 404),
    prepare: (fx) => freshList(fx),
    send: (api, fx, list) =>
      api.post(`/api/v1/view/${fx.wsA}/custom-import/${JSONL}/submit-job`, { values: jsonlValues(list.id) }),
    unchanged: async (fx, list) => {
      expect((await fx.root.get(`/api/v1/jobs?listId=${list.id}`)).body.count).toBe(0);
    },
  },
  {
    route: 'POST /api/v1/view/{B}/custom-import/{id}/submit-job naming a list of A',
    // Only the outsider is a member of B: their own view, but the list of A must not be found.
    expect: roles(404, 404, 404, {
      status: 400,
      note: 'the list is not in B',
      check: (response) => {
        expect(response.body).toMatchObject({ status: 'ERROR', payload: { valid: false } });
        expect(JSON.stringify(response.body.payload.messages)).toMatch(/There is no list/);
      },
    }),
    send: (api, fx) =>
      api.post(`/api/v1/view/${fx.wsB}/custom-import/${JSONL}/submit-job`, { values: jsonlValues(fx.listId) }),
    unchanged: async (fx) => {
      expect((await allContents(fx.root, fx.listId)).some((r) => r.name === 'From JSON')).toBe(false);
    },
  },

  // ── the API's description and the workspace's webhooks (admins only) ─────────────────
  {
    route: 'GET /api/v1/openapi.json (public)',
    unauthenticated: 200,
    expect: roles(200, 200, 200, 200),
    send: (api) => api.get('/api/v1/openapi.json'),
  },
  {
    route: 'GET /api/v1/workspaces/{A}/webhooks',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx) => api.get(`/api/v1/workspaces/${fx.wsA}/webhooks`),
  },
  {
    route: 'POST /api/v1/workspaces/{A}/webhooks',
    expect: roles(403, 403, 201, 404),
    prepare: async () => `http://127.0.0.1:9/${randomBytes(4).toString('hex')}`,
    send: (api, fx, url) =>
      api.post(`/api/v1/workspaces/${fx.wsA}/webhooks`, { url, events: ['job.completed'], enabled: false }),
    unchanged: async (fx, url) => {
      const hooks = (await fx.root.get(`/api/v1/workspaces/${fx.wsA}/webhooks`)).body.items;
      expect(hooks.some((h: { url: string }) => h.url === url)).toBe(false);
    },
  },
  {
    route: 'GET /api/v1/workspaces/{A}/webhooks/{webhookId}',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx, hook) => api.get(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}`),
  },
  {
    route: 'PATCH /api/v1/workspaces/{A}/webhooks/{webhookId} (a new URL)',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx, hook) =>
      api.request('PATCH', `/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}`, {
        json: { url: 'http://127.0.0.1:9/changed' },
      }),
    unchanged: async (fx, hook) => {
      expect((await fx.root.get(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}`)).body.url).toBe(hook.url);
    },
  },
  {
    route: 'DELETE /api/v1/workspaces/{A}/webhooks/{webhookId}',
    expect: roles(403, 403, 204, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx, hook) => api.delete(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}`),
    unchanged: async (fx, hook) => {
      expect((await fx.root.get(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}`)).status).toBe(200);
    },
  },
  {
    route: 'GET /api/v1/workspaces/{A}/webhooks/{webhookId}/deliveries',
    expect: roles(403, 403, 200, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx, hook) => api.get(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}/deliveries`),
  },
  {
    route: 'POST /api/v1/workspaces/{A}/webhooks/{webhookId}/test',
    expect: roles(403, 403, 202, 404),
    prepare: (fx) => webhookOfA(fx),
    send: (api, fx, hook) => api.post(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}/test`),
    unchanged: async (fx, hook) => {
      expect((await fx.root.get(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}/deliveries`)).body.count).toBe(0);
    },
  },
  {
    route: 'POST /api/v1/workspaces/{A}/webhooks/{webhookId}/deliveries/{deliveryId}/resend',
    expect: roles(403, 403, 202, 404),
    prepare: async (fx) => {
      const hook = await webhookOfA(fx);
      const delivery = await fx.root.post(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}/test`);
      return { hook, delivery: delivery.body };
    },
    send: (api, fx, { hook, delivery }) =>
      api.post(`/api/v1/workspaces/${fx.wsA}/webhooks/${hook.id}/deliveries/${delivery.id}/resend`),
  },
];

/** A switched-off webhook of workspace A (nothing is sent to its unreachable address). */
async function webhookOfA(fx: Fixtures): Promise<{ id: string; url: string }> {
  const created = await fx.root.post(`/api/v1/workspaces/${fx.wsA}/webhooks`, {
    url: `http://127.0.0.1:9/${randomBytes(4).toString('hex')}`,
    events: ['job.completed'],
    enabled: false,
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

let fx: Fixtures;

beforeAll(async () => {
  const root = await adminApi();
  const secretWorkspaceName = `Secret workspace ${randomBytes(4).toString('hex')}`;
  const wsA = (await root.post('/api/v1/workspaces', { name: secretWorkspaceName })).body.id as string;
  const wsB = (await root.post('/api/v1/workspaces', { name: uniqueName('Other workspace') })).body.id as string;

  const passwords: Record<string, string> = {};
  const adminPassword = `pw-${randomBytes(6).toString('hex')}`;
  const adminEmail = `matrix-admin-${randomBytes(4).toString('hex')}@example.com`;
  expect(
    (
      await root.post('/api/v1/users', {
        email: adminEmail,
        name: 'Admin of A',
        password: adminPassword,
        workspaceId: wsA,
        role: 'admin',
      })
    ).status,
  ).toBe(201);
  passwords[adminEmail] = adminPassword;
  const adminA = Object.assign(new Api(root.baseUrl, await tokenFor(adminEmail, adminPassword)), { email: adminEmail });
  const viewer = await userWithRole(root, wsA, 'viewer');
  const editor = await userWithRole(root, wsA, 'editor');
  const outsider = await userWithRole(root, wsB, 'admin');

  // An expired token of A's admin: if expiry were ignored it could do anything in A.
  const expiring = await adminA.post('/api/v1/tokens', { label: 'about to expire' });
  const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  await sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${expiring.body.id}`;
  await sql.end();

  const secretListName = `Secret list ${randomBytes(4).toString('hex')}`;
  const list = await createList(root, wsA, EMPLOYEE_COLUMNS, secretListName);
  const completed = await importAndWait(root, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
  expect(completed.state).toBe('completed');
  // As the import wizard sends it: with the file the person chose (read by …/originalFile) and the
  // rows they left out (read by …/leftOutRows).
  const failedForm = new FormData();
  failedForm.append('dataFile', new Blob([csv([EMPLOYEE_HEADER, '4,Bad,not-a-number,true,2020-01-01'])]), 'bad.csv');
  failedForm.append('originalFile', new Blob(['chosen']), 'bad.xlsx');
  failedForm.append('rowsLeftOut', '1');
  failedForm.append('leftOutRows', new Blob(['id,Problems\r\n9,id: not a number\r\n']), 'bad-left-out.csv');
  const failedUpload = await root.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: failedForm });
  expect(failedUpload.status, failedUpload.text).toBe(202);
  const failed = await root.waitForJob(list.id, failedUpload.body.id);
  expect(failed.state).toBe('failed');
  const purgeList = await createList(root, wsA, EMPLOYEE_COLUMNS, uniqueName('Purged'));
  const purge = await root.post(`/api/v1/lists/${purgeList.id}/purgeJobs`);
  expect(purge.status, purge.text).toBe(202);
  await root.waitForJob(purgeList.id, purge.body.id, 'purgeJobs');
  const restore = await root.post(`/api/v1/lists/${purgeList.id}/restoreJobs`, { revision: 0 });
  expect(restore.status, restore.text).toBe(202);
  expect((await root.waitForJob(purgeList.id, restore.body.id, 'restoreJobs')).state).toBe('completed');

  fx = {
    root,
    wsA,
    wsB,
    secretWorkspaceName,
    secretListName,
    memberEmails: [adminEmail, viewer.email, editor.email],
    listId: list.id,
    purgeListId: purgeList.id,
    completedJobId: completed.id,
    failedJobId: failed.id,
    purgeJobId: purge.body.id,
    restoreJobId: restore.body.id,
    adminA,
    passwords,
    callers: {
      'no token': new Api(baseUrl()),
      'malformed token': new Api(baseUrl(), 'not-a-jwt.%%%.really'),
      'expired token': new Api(baseUrl(), expiring.body.token),
      viewer,
      editor,
      admin: adminA,
      'admin of another workspace': outsider,
    },
  };
});

type Row = { name: string; route: Route; caller: Caller; outcome: Outcome };

const ROWS: Row[] = ROUTES.flatMap((route) =>
  CALLERS.map((caller) => {
    const member = MEMBER_OF[caller];
    const outcome = member ? route.expect[member] : (route.unauthenticated ?? 401);
    const status = typeof outcome === 'number' ? `${outcome}` : `${outcome.status} (${outcome.note})`;
    return { name: `${route.route} · ${caller} → ${status}`, route, caller, outcome };
  }),
);

describe('authorization matrix: every /api/v1 route × every caller', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, { route, caller, outcome }) => {
    const prepared = route.prepare ? await route.prepare(fx) : undefined;
    const response = await route.send(fx.callers[caller], fx, prepared, caller);
    const expected = typeof outcome === 'number' ? outcome : outcome.status;
    expect(response.status, response.text.slice(0, 500)).toBe(expected);

    if ([401, 403, 404].includes(expected)) {
      const body = expectApiError(response, expected);
      if (expected === 401) expect(body.errorCode).toBe(40100);
      if (expected === 403) expect(body.errorCode).toBe(40300);
      if (expected === 404) expect(body.errorCode).toBe(40400);
    }
    if (caller === 'admin of another workspace') {
      // Whatever the answer, it names nothing of workspace A.
      expect(response.text).not.toContain(fx.secretListName);
      expect(response.text).not.toContain(fx.secretWorkspaceName);
    }
    if (typeof outcome !== 'number') await outcome.check?.(response, fx);
    const refused = expected >= 400 || (caller === 'admin of another workspace' && expected === 204);
    if (refused) await route.unchanged?.(fx, prepared);
  });

  it('covers every exported method of every route file under app/api/v1', async () => {
    const root = path.resolve(__dirname, '..', '..', 'app', 'api', 'v1');
    const files = (await fs.readdir(root, { recursive: true })).filter((f) => f.endsWith('route.ts'));
    const normalise = (p: string) => p.split('?')[0]!.replace(/\{[^}]+\}/g, '{}');
    const covered = new Set(ROUTES.map((r) => `${r.route.split(' ')[0]} ${normalise(r.route.split(' ')[1]!)}`));
    const exported: string[] = [];
    for (const file of files) {
      const source = await fs.readFile(path.join(root, file), 'utf8');
      const template = normalise(
        `/api/v1/${path
          .dirname(file)
          .split(path.sep)
          .map((s) => s.replace(/^\[.+\]$/, '{}'))
          .join('/')}`,
      );
      for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
        exported.push(`${method} ${template}`);
    }
    expect(exported.length).toBeGreaterThan(30);
    expect(exported.filter((e) => !covered.has(e))).toEqual([]);
  });
});
