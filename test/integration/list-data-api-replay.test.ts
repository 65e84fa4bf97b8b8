import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createWorkspace, uniqueName, type Api } from '../support/api';

/**
 * A complete client session of the List Data API family, replayed as its documentation walks
 * through it: a script written against that API must run against Listport unchanged.
 */
const VENDOR_JSON = 'application/vnd.sas.data.list+json';

const EMPLOYEE_COLUMNS = [
  { name: 'employeeId', dataType: 'integer', isKey: true, keyPosition: 1, position: 1 },
  { name: 'firstName', dataType: 'string', position: 2 },
  { name: 'lastName', dataType: 'string', position: 3 },
  { name: 'email', dataType: 'string', position: 4 },
  { name: 'department', dataType: 'string', position: 5 },
  { name: 'title', dataType: 'string', position: 6 },
  { name: 'salary', dataType: 'number', position: 7 },
  { name: 'startDate', dataType: 'date', position: 8 },
  { name: 'fullTime', dataType: 'boolean', position: 9 },
  { name: 'office', dataType: 'string', position: 10 },
  { name: 'managerId', dataType: 'integer', position: 11 },
];

const CSV = [
  'employeeId,firstName,lastName,email,department,title,salary,startDate,fullTime,office,managerId',
  '101,Ada,Lovelace,ada@acme.example,Engineering,Director,150000,2015-03-01,true,London,100',
  '102,Grace,Hopper,grace@acme.example,Engineering,Engineer,120000.50,2016-07-15,true,New York,101',
  '103,Alan,Turing,alan@acme.example,Research,Scientist,130000,2017-01-09,true,Manchester,101',
  '104,Katherine,Johnson,kj@acme.example,Research,Analyst,98000,2018-11-30,false,Hampton,103',
].join('\n');

describe('List Data API client session, replayed', () => {
  let admin: Api;
  let workspaceId: string;
  const listName = uniqueName('ACME Corp Employees');

  beforeAll(async () => {
    admin = await adminApi();
    workspaceId = await createWorkspace(admin);
  });

  const vendor = (method: string, path: string, json?: unknown) =>
    admin.request(method, path, {
      headers: { 'content-type': VENDOR_JSON, accept: VENDOR_JSON },
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });

  it('runs the whole session', async () => {
    // Create the list with a vendor media type.
    const created = await vendor('POST', '/api/v1/lists', {
      name: listName,
      label: 'Employees',
      description: 'All employees',
      workspaceId,
      columns: EMPLOYEE_COLUMNS,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('content-type')).toContain('json');
    const list = created.body;
    expect(list).toMatchObject({
      name: listName,
      label: 'Employees',
      state: 'developing',
      isImmutable: false,
      recordCount: 0,
    });
    expect(list.columns.find((c: { name: string }) => c.name === 'salary')).toMatchObject({
      isKey: false,
      keyPosition: 0,
    });
    const rels = list.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(
      expect.arrayContaining([
        'up',
        'self',
        'update',
        'state',
        'contents',
        'importContents',
        'purgeContents',
        'delete',
      ]),
    );
    const link = (rel: string) => list.links.find((l: { rel: string }) => l.rel === rel).href as string;

    // Find it by the family's filter syntax.
    const found = await admin.get(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${listName.replaceAll("'", "\\'")}')`)}`,
    );
    expect(found.body.count).toBe(1);
    expect(found.body.items[0].id).toBe(list.id);

    // Update label and description (the whole resource sent back, unknown properties included).
    const updated = await vendor('PUT', link('update'), {
      ...list,
      label: 'ACME staff',
      description: 'Everyone at ACME',
      unknownProperty: 'ignored',
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ label: 'ACME staff', description: 'Everyone at ACME' });

    // Import a CSV of employees (a typo'd field is ignored), follow the job's self link until completed.
    const form = new FormData();
    form.append('delimeter', ';');
    form.append('dataFile', new Blob([CSV], { type: 'text/csv' }), 'employees.csv');
    const job = await admin.request('POST', link('importContents'), { body: form });
    expect(job.status, job.text).toBe(202);
    let self = job.body.links.find((l: { rel: string }) => l.rel === 'self').href as string;
    expect(job.headers.get('location')).toBe(self);
    let state = job.body.state;
    for (let i = 0; i < 200 && !['completed', 'failed', 'cancelled'].includes(state); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const polled = await admin.get(self);
      state = polled.body.state;
      self = polled.body.links.find((l: { rel: string }) => l.rel === 'self').href;
    }
    expect(state).toBe('completed');
    const contents = await admin.get(`${link('contents')}?filter=${encodeURIComponent('eq(employeeId,104)')}`);
    expect(contents.body.items).toEqual([
      {
        employeeId: 104,
        firstName: 'Katherine',
        lastName: 'Johnson',
        email: 'kj@acme.example',
        department: 'Research',
        title: 'Analyst',
        salary: 98000,
        startDate: '2018-11-30',
        fullTime: false,
        office: 'Hampton',
        managerId: 103,
      },
    ]);

    // Deploy it (the value may arrive quoted); the state reads back as text.
    expect((await admin.request('PUT', `${link('state')}?value=${encodeURIComponent('"deployed"')}`)).status).toBe(200);
    const stateText = await admin.get(link('state'));
    expect(stateText.text).toBe('deployed');

    // Row edits: raise two salaries (key + salary only), add a new employee (all columns).
    const upsert = await vendor('PUT', `${link('contents')}?op=upsert`, {
      items: [
        { employeeId: 102, salary: 125000 },
        { employeeId: 103, salary: '135000.75' },
        {
          employeeId: 105,
          firstName: 'Margaret',
          lastName: 'Hamilton',
          email: 'mh@acme.example',
          department: 'Engineering',
          title: 'Lead',
          salary: 140000,
          startDate: '2020-05-04',
          fullTime: true,
          office: 'Boston',
          managerId: 101,
        },
      ],
    });
    expect(upsert.status, upsert.text).toBe(200);
    expect(upsert.body).toMatchObject({ id: list.id, recordCount: 5 });
    const after = await admin.get(`${link('contents')}?sortBy=employeeId:ascending`);
    const byId = Object.fromEntries(after.body.items.map((r: { employeeId: number }) => [r.employeeId, r]));
    expect(byId[102]).toMatchObject({ salary: 125000, firstName: 'Grace', title: 'Engineer' });
    expect(byId[103]).toMatchObject({ salary: 135000.75, lastName: 'Turing' });
    expect(byId[105]).toMatchObject({ firstName: 'Margaret', fullTime: true, startDate: '2020-05-04' });

    // A bad item: 400 listing every problem, nothing changed.
    const bad = await vendor('PUT', `${link('contents')}?op=upsert`, {
      items: [{ employeeId: 101, salary: 'lots' }, { employeeId: 'x' }, { salary: 1 }, { employeeId: 101, nope: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.filter((d: string) => d.startsWith('Item'))).toHaveLength(4);
    expect((await admin.get(`${link('contents')}?filter=eq(employeeId,101)`)).body.items[0].salary).toBe(150000);
    // Updating a record that does not exist with only some columns is refused, nothing changed.
    const missing = await vendor('PUT', `${link('contents')}?op=upsert`, {
      items: [
        { employeeId: 102, salary: 1 },
        { employeeId: 999, salary: 1 },
      ],
    });
    expect(missing.status).toBe(400);
    expect((await admin.get(`${link('contents')}?filter=eq(employeeId,102)`)).body.items[0].salary).toBe(125000);

    // Delete one by key.
    const deleted = await vendor('PUT', `${link('contents')}?op=delete`, { items: [{ employeeId: 104 }] });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body.recordCount).toBe(4);
    expect((await admin.get(`${link('contents')}?filter=eq(employeeId,104)`)).body.count).toBe(0);

    // Purge; the list and its history stay.
    const purge = await admin.post(link('purgeContents'));
    expect(purge.status).toBe(202);
    const purgeSelf = purge.body.links.find((l: { rel: string }) => l.rel === 'self').href;
    await admin.waitForJob(list.id, purge.body.id, 'purgeJobs');
    expect((await admin.get(purgeSelf)).body.state).toBe('completed');
    expect((await admin.get(link('self'))).body.recordCount).toBe(0);

    // Delete is refused while deployed, with the family's message and details.
    const refused = await admin.delete(link('delete'));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ httpStatusCode: 409, message: 'The list is deployed.' });
    expect(refused.body.details).toEqual(
      expect.arrayContaining([expect.stringMatching(/^path: /), expect.stringMatching(/^correlator: /)]),
    );
    expect(refused.headers.get('x-correlation-id')).toBe(
      refused.body.details.find((d: string) => d.startsWith('correlator: ')).slice(12),
    );

    // Back to developing, then delete; deleting again (nothing there) answers 204 too.
    expect((await admin.request('PUT', `${link('state')}?value=developing`)).status).toBe(200);
    expect((await admin.delete(link('delete'))).status).toBe(204);
    expect((await admin.get(link('self'))).status).toBe(404);
    expect((await admin.delete(link('delete'))).status).toBe(204);
  });

  it('refuses row edits while an import holds the list, and on an immutable list once loaded', async () => {
    const created = await admin.post('/api/v1/lists', {
      name: uniqueName('Immutable'),
      workspaceId,
      isImmutable: true,
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'v', dataType: 'string' },
      ],
    });
    const listId = created.body.id;
    const big = 'id,v\n' + Array.from({ length: 300_000 }, (_, i) => `${i},value ${i}`).join('\n');
    const job = await admin.upload(listId, big);
    expect(job.status).toBe(202);
    const busy = await admin.put(`/api/v1/lists/${listId}/contents?op=upsert`, { items: [{ id: 1, v: 'x' }] });
    const finished = await admin.waitForJob(listId, job.body.id);
    expect(finished.state).toBe('completed');
    // Depending on timing the edit met the running import (409) — it never changed data under it.
    if (busy.status === 409) expect(busy.body.message).toContain('only one import or purge runs on a list at a time');
    else expect(busy.status).toBe(409);

    const edit = await admin.put(`/api/v1/lists/${listId}/contents?op=upsert`, { items: [{ id: 1, v: 'x' }] });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toContain('immutable');
    expect((await admin.upload(listId, 'id,v\n1,y\n')).status).toBe(409);
    expect((await admin.post(`/api/v1/lists/${listId}/purgeJobs`)).status).toBe(409);
  });
});
