import { beforeAll, describe, expect, it } from 'vitest';

import {
  adminApi,
  Api,
  createList,
  createWorkspace,
  EMPLOYEE_COLUMNS,
  importAndWait,
  userWithRole,
} from '../support/api';
import {
  allContents,
  csv,
  EMPLOYEE_HEADER,
  employeeRows,
  expectApiError,
  occupyWorkers,
} from '../support/list-helpers';

/** POST /lists/{id}/columns and PATCH /lists/{id}/columns/{name}: column changes on a list with records. */

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

async function listWithRecords(count = 3) {
  const list = await createList(admin, workspaceId, EMPLOYEE_COLUMNS);
  const job = await importAndWait(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(count)]));
  expect(job.state).toBe('completed');
  return list;
}

const patch = (api: Api, listId: string, column: string, json: unknown) =>
  api.request('PATCH', `/api/v1/lists/${listId}/columns/${encodeURIComponent(column)}`, { json });

describe('POST /api/v1/lists/{id}/columns', () => {
  it('adds an optional column to a list with records; existing records have it empty', async () => {
    const list = await listWithRecords();
    const response = await admin.post(`/api/v1/lists/${list.id}/columns`, { name: 'team', dataType: 'string' });
    expect(response.status, response.text).toBe(201);
    expect(response.body.columns.map((c: { name: string }) => c.name)).toEqual([
      'employeeId',
      'name',
      'salary',
      'active',
      'hired',
      'team',
    ]);
    expect(response.body.columns.at(-1)).toMatchObject({ name: 'team', position: 6, required: false, isKey: false });
    const rows = await allContents(admin, list.id);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.team).toBeNull();

    // The next import carries the new column, and the list's PUT contract is unchanged.
    const job = await importAndWait(
      admin,
      list.id,
      csv([`${EMPLOYEE_HEADER},team`, '9,Nine,1.5,true,2020-01-01,Blue']),
    );
    expect(job.state, JSON.stringify(job)).toBe('completed');
    expect((await allContents(admin, list.id)).find((r) => r.employeeId === 9)?.team).toBe('Blue');
  });

  it('fills a required column with its default, read in the column format', async () => {
    const list = await listWithRecords(4);
    const response = await admin.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'bonus',
      dataType: 'number',
      required: true,
      format: { decimalSeparator: ',' },
      default: '12,5',
    });
    expect(response.status, response.text).toBe(201);
    const rows = await allContents(admin, list.id);
    expect(rows.map((r) => r.bonus)).toEqual([12.5, 12.5, 12.5, 12.5]);
  });

  it('refuses a required column without a default on a list with records, and changes nothing', async () => {
    const list = await listWithRecords(3);
    const response = await admin.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'team',
      dataType: 'string',
      required: true,
    });
    const body = expectApiError(response, 409, 40908);
    expect(body.message).toContain('3 records');
    expect(body.remediation).toContain('default');
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.columns).toHaveLength(5);
    expect(Object.keys((await allContents(admin, list.id))[0]!)).not.toContain('team');
  });

  it('refuses a default the column would not accept, a taken name, and a key column', async () => {
    const list = await listWithRecords(1);
    const badDefault = await admin.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'level',
      dataType: 'integer',
      default: 'high',
    });
    expect(expectApiError(badDefault, 400, 40001).message).toContain('"high"');
    const taken = await admin.post(`/api/v1/lists/${list.id}/columns`, { name: 'NAME', dataType: 'string' });
    expect(expectApiError(taken, 400, 40001).message).toContain('already has a column named "name"');
    const key = await admin.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'code',
      dataType: 'string',
      isKey: true,
    });
    expectApiError(key, 400);
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.columns).toHaveLength(5);
  });

  it('answers 409 naming the job while an import runs on the list', async () => {
    const list = await listWithRecords(1);
    const busy = await occupyWorkers(admin, workspaceId);
    try {
      const pending = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
      expect(pending.status, pending.text).toBe(202);
      const add = await admin.post(`/api/v1/lists/${list.id}/columns`, { name: 'team', dataType: 'string' });
      const addError = expectApiError(add, 409, 40901);
      expect(addError.details).toContain(`activeJobId: ${pending.body.id}`);
      const change = await patch(admin, list.id, 'name', { maxLength: 50 });
      expectApiError(change, 409, 40901);
    } finally {
      await busy.finished();
    }
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.columns).toHaveLength(5);
  });
});

describe('PATCH /api/v1/lists/{id}/columns/{name}', () => {
  it('renames a column and changes its rules when the records meet them', async () => {
    const list = await listWithRecords(3);
    const response = await patch(admin, list.id, 'name', { name: 'fullName', maxLength: 40, pattern: 'Name \\d+' });
    expect(response.status, response.text).toBe(200);
    expect(response.body.columns[1]).toMatchObject({ name: 'fullName', maxLength: 40, pattern: 'Name \\d+' });
    const rows = await allContents(admin, list.id);
    expect(rows[0]).toHaveProperty('fullName');
    expect(rows[0]).not.toHaveProperty('name');
  });

  it('refuses a rule that records break, naming how many and one example', async () => {
    const list = await listWithRecords(5);
    const response = await patch(admin, list.id, 'name', { allowedValues: ['Name 1', 'Name 2'] });
    const body = expectApiError(response, 409, 40908);
    expect(body.message).toMatch(/^3 records of ".+" would break this change to "name": /);
    expect(body.message).toMatch(/: for example "name" "Name [345]" is not one of/);
    expect(body.details).toContain('records: 3');
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.columns[1].allowedValues).toBeUndefined();
  });

  it('makes a column required only when no record has it empty', async () => {
    const list = await listWithRecords(2);
    await admin.post(`/api/v1/lists/${list.id}/columns`, { name: 'team', dataType: 'string' });
    expectApiError(await patch(admin, list.id, 'team', { required: true }), 409, 40908);
    const relaxed = await patch(admin, list.id, 'salary', { required: false, format: { decimalSeparator: ',' } });
    expect(relaxed.status, relaxed.text).toBe(200);
    expect(relaxed.body.columns[2]).toMatchObject({ required: false, format: { decimalSeparator: ',' } });
    expectApiError(await patch(admin, list.id, 'employeeId', { required: false }), 400, 40001);
    expectApiError(await patch(admin, list.id, 'hired', { dataType: 'string' }), 400);
    expectApiError(await patch(admin, list.id, 'nope', { required: false }), 404, 40400);
  });

  it('lets editors change columns, refuses viewers (403) and other workspaces (404), and audits', async () => {
    const list = await listWithRecords(1);
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const outsiderWorkspace = await createWorkspace(admin);
    const outsider = await userWithRole(admin, outsiderWorkspace, 'admin');

    expectApiError(await viewer.post(`/api/v1/lists/${list.id}/columns`, { name: 'x', dataType: 'string' }), 403);
    expectApiError(await patch(viewer, list.id, 'name', { maxLength: 10 }), 403);
    expectApiError(await outsider.post(`/api/v1/lists/${list.id}/columns`, { name: 'x', dataType: 'string' }), 404);
    expectApiError(await patch(outsider, list.id, 'name', { maxLength: 10 }), 404);

    expect((await editor.post(`/api/v1/lists/${list.id}/columns`, { name: 'x', dataType: 'string' })).status).toBe(201);
    expect((await patch(editor, list.id, 'x', { name: 'extra' })).status).toBe(200);

    const audit = await admin.get(`/api/v1/audit`);
    const actions = (audit.body.items as { action: string; targetId: string }[])
      .filter((e) => e.targetId === list.id)
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['list.column.add', 'list.column.change']));
  });

  it('refuses column changes on a deployed list', async () => {
    const list = await listWithRecords(1);
    expect((await admin.request('PUT', `/api/v1/lists/${list.id}/state?value=deployed`)).status).toBe(200);
    expectApiError(await admin.post(`/api/v1/lists/${list.id}/columns`, { name: 'x', dataType: 'string' }), 409, 40902);
  });
});
