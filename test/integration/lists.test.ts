import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, EMPLOYEE_COLUMNS, uniqueName, userWithRole } from '../support/api';
import {
  allContents,
  csv,
  EMPLOYEE_HEADER,
  expectApiError,
  getBytes,
  importJob,
  type Collection,
} from '../support/list-helpers';

type ColumnBody = {
  name: string;
  dataType: string;
  position: number;
  isKey: boolean;
  keyPosition: number;
  required: boolean;
};
type ListBody = {
  id: string;
  name: string;
  description: string;
  workspaceId: string;
  columns: ColumnBody[];
  recordCount: number;
  version: number;
  creationTimeStamp: string;
  modifiedTimeStamp: string;
  createdBy: string;
  links: { rel: string; method: string; href: string; uri: string }[];
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

describe('POST /api/v1/lists', () => {
  it('creates a list and answers 201 with the full list resource', async () => {
    const name = uniqueName('Customers');
    const response = await admin.post<ListBody>('/api/v1/lists', {
      name,
      description: 'Our customers',
      workspaceId,
      columns: [
        { name: 'region', dataType: 'string', isKey: true, keyPosition: 2 },
        { name: 'customerNo', dataType: 'integer', isKey: true, keyPosition: 1 },
        { name: 'email', dataType: 'string', required: true },
        { name: 'since', dataType: 'date' },
      ],
    });
    expect(response.status, response.text).toBe(201);
    const list = response.body;
    expect(list.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('location')).toBe(`/api/v1/lists/${list.id}`);
    expect(list).toMatchObject({
      name,
      description: 'Our customers',
      workspaceId,
      recordCount: 0,
      createdBy: 'admin@example.com',
    });
    expect(list.version).toEqual(expect.any(Number));
    expect(list.creationTimeStamp).toMatch(ISO);
    expect(list.modifiedTimeStamp).toMatch(ISO);
    expect(list.columns).toEqual([
      expect.objectContaining({
        name: 'region',
        dataType: 'string',
        position: 1,
        isKey: true,
        keyPosition: 2,
        required: true,
      }),
      expect.objectContaining({
        name: 'customerNo',
        dataType: 'integer',
        position: 2,
        isKey: true,
        keyPosition: 1,
        required: true,
      }),
      expect.objectContaining({
        name: 'email',
        dataType: 'string',
        position: 3,
        isKey: false,
        keyPosition: 0,
        required: true,
      }),
      expect.objectContaining({
        name: 'since',
        dataType: 'date',
        position: 4,
        isKey: false,
        keyPosition: 0,
        required: false,
      }),
    ]);
    // Storage details of the database never leak into the API.
    expect(JSON.stringify(list.columns)).not.toContain('storage');
    const rels = Object.fromEntries(list.links.map((l) => [l.rel, l]));
    expect(rels.self).toMatchObject({ method: 'GET', href: `/api/v1/lists/${list.id}` });
    expect(rels.contents?.href).toBe(`/api/v1/lists/${list.id}/contents`);
    expect(rels.importContents).toMatchObject({ method: 'POST', href: `/api/v1/lists/${list.id}/importJobs` });

    const fetched = await admin.get<ListBody>(`/api/v1/lists/${list.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ id: list.id, name, columns: list.columns, createdBy: 'admin@example.com' });
  });

  it.each([
    ['no key column', [{ name: 'a', dataType: 'string' }], /key/i],
    [
      'duplicate column names',
      [
        { name: 'a', dataType: 'string', isKey: true },
        { name: 'a', dataType: 'integer' },
      ],
      /"a".*twice/i,
    ],
    [
      'duplicate column names differing in case',
      [
        { name: 'Email', dataType: 'string', isKey: true },
        { name: 'email', dataType: 'string' },
      ],
      /twice/i,
    ],
    ['a bad dataType', [{ name: 'a', dataType: 'varchar', isKey: true }], /dataType/],
    ['no columns', [], /at least one column/i],
    ['an empty column name', [{ name: '  ', dataType: 'string', isKey: true }], /name/i],
  ])('rejects %s with 400 in the API error shape', async (_label, columns, expected) => {
    const name = uniqueName('Invalid');
    const response = await admin.post('/api/v1/lists', { name, workspaceId, columns });
    const body = expectApiError(response, 400);
    expect(body.details.join('\n') + body.message).toMatch(expected);
    expect(body.details).toEqual(expect.arrayContaining([expect.stringMatching(/^path: \/api\/v1\/lists$/)]));
    // Nothing was created.
    const found = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${name}')`)}`,
    );
    expect(found.body.count).toBe(0);
  });

  it('rejects a missing name and a body that is not JSON with 400', async () => {
    expectApiError(await admin.post('/api/v1/lists', { workspaceId, columns: EMPLOYEE_COLUMNS }), 400);
    const notJson = await admin.request('POST', '/api/v1/lists', {
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expectApiError(notJson, 400);
  });

  it('keeps names unique per workspace (409) but allows the same name in another workspace', async () => {
    const name = uniqueName('Unique');
    await createList(admin, workspaceId, EMPLOYEE_COLUMNS, name);
    const again = await admin.post('/api/v1/lists', { name, workspaceId, columns: EMPLOYEE_COLUMNS });
    const body = expectApiError(again, 409);
    expect(body.message).toContain(name);
    const otherWorkspace = await createWorkspace(admin);
    const elsewhere = await admin.post<ListBody>('/api/v1/lists', {
      name,
      workspaceId: otherWorkspace,
      columns: EMPLOYEE_COLUMNS,
    });
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(elsewhere.body.workspaceId).toBe(otherWorkspace);
  });

  it('refuses a viewer (403) and an editor (403) but lets them read lists', async () => {
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const list = await createList(admin, workspaceId);
    for (const caller of [viewer, editor]) {
      expectApiError(
        await caller.post('/api/v1/lists', { name: uniqueName('Nope'), workspaceId, columns: EMPLOYEE_COLUMNS }),
        403,
      );
      expectApiError(await caller.post('/api/v1/lists', { name: uniqueName('Nope'), columns: EMPLOYEE_COLUMNS }), 403);
      const read = await caller.get<ListBody>(`/api/v1/lists/${list.id}`);
      expect(read.status).toBe(200);
      expect(read.body.name).toBe(list.name);
    }
  });
});

describe('GET /api/v1/lists', () => {
  const prefix = uniqueName('Fruit').replace(' ', '-');
  let names: string[];

  beforeAll(async () => {
    names = ['Apple', 'banana', 'Cherry', 'date', 'Elderberry'].map((n) => `${prefix} ${n}`);
    for (const name of names) await createList(admin, workspaceId, EMPLOYEE_COLUMNS, name);
  });

  it('answers the collection shape and filters by ?name= (contains, case-insensitive)', async () => {
    const response = await admin.get<Collection<ListBody>>(`/api/v1/lists?name=${encodeURIComponent(prefix)}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ start: 0, limit: 20, count: 5 });
    expect(response.body.items.map((l) => l.name).sort()).toEqual([...names].sort());
    expect(response.body.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ rel: 'self', method: 'GET' })]),
    );
    const lower = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?name=${encodeURIComponent(`${prefix} CHERRY`.toLowerCase())}`,
    );
    expect(lower.body.items.map((l) => l.name)).toEqual([`${prefix} Cherry`]);
  });

  it("filters with the family's syntax ?filter=eq(name,'X') exactly", async () => {
    const response = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${prefix} banana')`)}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(1);
    expect(response.body.items[0]?.name).toBe(`${prefix} banana`);
    const partial = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${prefix} banan')`)}`,
    );
    expect(partial.body.count).toBe(0);
    const starts = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`startsWith(name,'${prefix} Ch')`)}`,
    );
    expect(starts.body.items.map((l) => l.name)).toEqual([`${prefix} Cherry`]);
    // A wildcard character in the value is matched literally.
    const wildcard = await admin.get<Collection<ListBody>>(`/api/v1/lists?name=${encodeURIComponent(`${prefix}%`)}`);
    expect(wildcard.body.count).toBe(0);
  });

  it('rejects a bad filter and an unknown sort field with 400', async () => {
    expectApiError(await admin.get(`/api/v1/lists?filter=${encodeURIComponent('eq(name,')}`), 400);
    expectApiError(await admin.get(`/api/v1/lists?filter=${encodeURIComponent("gt(name,'a')")}`), 400);
    expectApiError(await admin.get('/api/v1/lists?sortBy=columns:ascending'), 400);
    expectApiError(await admin.get('/api/v1/lists?sortBy=name:sideways'), 400);
    expectApiError(await admin.get('/api/v1/lists?limit=0'), 400);
  });

  it('sorts by name ascending and descending (also -name)', async () => {
    const query = `name=${encodeURIComponent(prefix)}`;
    const ascending = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&sortBy=name:ascending`);
    const descending = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&sortBy=name:descending`);
    const minus = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&sortBy=-name`);
    const asc = ascending.body.items.map((l) => l.name);
    // PostgreSQL's collation decides upper/lower case order; the reverse must be exact.
    expect(asc).toHaveLength(5);
    expect(new Set(asc)).toEqual(new Set(names));
    expect(descending.body.items.map((l) => l.name)).toEqual([...asc].reverse());
    expect(minus.body.items.map((l) => l.name)).toEqual([...asc].reverse());
    const byCreation = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?${query}&sortBy=creationTimeStamp:ascending`,
    );
    expect(byCreation.body.items.map((l) => l.name)).toEqual(names);
  });

  it('pages with start and limit, with next and prev links', async () => {
    const query = `name=${encodeURIComponent(prefix)}&sortBy=creationTimeStamp`;
    const first = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&start=0&limit=2`);
    expect(first.body).toMatchObject({ start: 0, limit: 2, count: 5 });
    expect(first.body.items.map((l) => l.name)).toEqual(names.slice(0, 2));
    const next = first.body.links.find((l) => l.rel === 'next');
    expect(first.body.links.some((l) => l.rel === 'prev')).toBe(false);
    expect(next?.href).toContain('start=2');
    const second = await admin.get<Collection<ListBody>>(next!.href);
    expect(second.body).toMatchObject({ start: 2, limit: 2, count: 5 });
    expect(second.body.items.map((l) => l.name)).toEqual(names.slice(2, 4));
    expect(second.body.links.find((l) => l.rel === 'prev')?.href).toContain('start=0');
    const last = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&start=4&limit=2`);
    expect(last.body.items.map((l) => l.name)).toEqual(names.slice(4));
    expect(last.body.links.some((l) => l.rel === 'next')).toBe(false);
    const beyond = await admin.get<Collection<ListBody>>(`/api/v1/lists?${query}&start=50&limit=2`);
    expect(beyond.body).toMatchObject({ start: 50, count: 5, items: [] });
  });

  it("never lists another workspace's lists", async () => {
    const otherWorkspace = await createWorkspace(admin);
    const outsider = await userWithRole(admin, otherWorkspace, 'admin');
    const response = await outsider.get<Collection<ListBody>>(`/api/v1/lists?name=${encodeURIComponent(prefix)}`);
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(0);
    expect(response.body.items).toEqual([]);
  });
});

describe('PUT and DELETE /api/v1/lists/{listId}', () => {
  it('changes name and description, and bumps version and modifiedTimeStamp', async () => {
    const list = await createList(admin, workspaceId);
    const before = (await admin.get<ListBody>(`/api/v1/lists/${list.id}`)).body;
    const name = uniqueName('Renamed');
    const response = await admin.put<ListBody>(`/api/v1/lists/${list.id}`, { name, description: 'new words' });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ id: list.id, name, description: 'new words' });
    expect(response.body.version).toBeGreaterThan(before.version);
    expect(new Date(response.body.modifiedTimeStamp).getTime()).toBeGreaterThanOrEqual(
      new Date(before.modifiedTimeStamp).getTime(),
    );
    expect((await admin.get<ListBody>(`/api/v1/lists/${list.id}`)).body.name).toBe(name);
  });

  it('renaming to a taken name answers 409', async () => {
    const first = await createList(admin, workspaceId);
    const second = await createList(admin, workspaceId);
    expectApiError(await admin.put(`/api/v1/lists/${second.id}`, { name: first.name }), 409);
    expect((await admin.get<ListBody>(`/api/v1/lists/${second.id}`)).body.name).toBe(second.name);
  });

  it('changes the columns of an empty list; a list with contents answers 409 and keeps its columns', async () => {
    const list = await createList(admin, workspaceId);
    const newColumns = [
      { name: 'sku', dataType: 'string', isKey: true },
      { name: 'price', dataType: 'number' },
    ];
    const changed = await admin.put<ListBody>(`/api/v1/lists/${list.id}`, { columns: newColumns });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.columns.map((c) => [c.name, c.dataType, c.isKey])).toEqual([
      ['sku', 'string', true],
      ['price', 'number', false],
    ]);
    // The new columns are the ones an import must match.
    const job = await importJob(admin, list.id, csv(['sku,price', 'A-1,9.99', 'B-2,10']));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([
      { sku: 'A-1', price: 9.99 },
      { sku: 'B-2', price: 10 },
    ]);

    const refused = await admin.put(`/api/v1/lists/${list.id}`, {
      columns: [...newColumns, { name: 'extra', dataType: 'string' }],
    });
    const body = expectApiError(refused, 409);
    expect(body.remediation).toMatch(/purge/i);
    const after = await admin.get<ListBody>(`/api/v1/lists/${list.id}`);
    expect(after.body.columns.map((c) => c.name)).toEqual(['sku', 'price']);
    expect(after.body.recordCount).toBe(2);
    expect(await allContents(admin, list.id)).toHaveLength(2);
  });

  it('accepts a PUT that repeats unchanged columns on a list with contents (GET, edit description, PUT back)', async () => {
    const list = await createList(admin, workspaceId);
    await importJob(admin, list.id, csv([EMPLOYEE_HEADER, '1,Ada,1,true,2020-01-01']));
    const read = (await admin.get<ListBody>(`/api/v1/lists/${list.id}`)).body;
    const asSent = await admin.put<ListBody>(`/api/v1/lists/${list.id}`, {
      columns: EMPLOYEE_COLUMNS,
      description: 'same columns as created',
    });
    expect(asSent.status, asSent.text).toBe(200);
    expect(asSent.body.description).toBe('same columns as created');
    const roundTrip = await admin.put<ListBody>(`/api/v1/lists/${list.id}`, {
      ...read,
      description: 'edited after GET',
    });
    expect(roundTrip.status, roundTrip.text).toBe(200);
    expect(roundTrip.body.description).toBe('edited after GET');
    expect(roundTrip.body.columns).toEqual(read.columns);
    expect(roundTrip.body.recordCount).toBe(1);
  });

  it('rejects invalid columns on PUT with 400', async () => {
    const list = await createList(admin, workspaceId);
    expectApiError(await admin.put(`/api/v1/lists/${list.id}`, { columns: [{ name: 'a', dataType: 'string' }] }), 400);
    expectApiError(
      await admin.put(`/api/v1/lists/${list.id}`, { columns: [{ name: 'a', dataType: 'money', isKey: true }] }),
      400,
    );
  });

  it('a viewer and an editor cannot PUT (403); nothing changes', async () => {
    const list = await createList(admin, workspaceId);
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    const editor = await userWithRole(admin, workspaceId, 'editor');
    for (const caller of [viewer, editor]) {
      expectApiError(await caller.put(`/api/v1/lists/${list.id}`, { name: uniqueName('Hijacked') }), 403);
    }
    expectApiError(await viewer.delete(`/api/v1/lists/${list.id}`), 403);
    expect((await admin.get<ListBody>(`/api/v1/lists/${list.id}`)).body.name).toBe(list.name);
  });

  it("answers 404 for another workspace's list: GET, PUT, DELETE leaves it, contents, export, jobs", async () => {
    const otherWorkspace = await createWorkspace(admin);
    const foreign = await createList(admin, otherWorkspace);
    await importJob(admin, foreign.id, csv([EMPLOYEE_HEADER, '1,Secret,1,true,2020-01-01']));
    const outsider = await userWithRole(admin, workspaceId, 'admin');
    const base = `/api/v1/lists/${foreign.id}`;
    for (const path of [base, `${base}/contents`, `${base}/contents.csv`, `${base}/importJobs`, `${base}/state`]) {
      const response = await outsider.get(path);
      expectApiError(response, 404);
      expect(response.text).not.toContain('Secret');
    }
    expectApiError(await outsider.put(base, { name: 'stolen' }), 404);
    expectApiError(await outsider.put(base, { columns: [{ name: 'x', dataType: 'string', isKey: true }] }), 404);
    // DELETE of a list one cannot see answers like a missing list and deletes nothing.
    expect((await outsider.delete(base)).status).toBe(204);
    const still = await admin.get<ListBody>(base);
    expect(still.status).toBe(200);
    expect(still.body.name).toBe(foreign.name);
    expect(still.body.recordCount).toBe(1);
  });

  it('answers 404 for an unknown list id and for a malformed id', async () => {
    expectApiError(await admin.get('/api/v1/lists/00000000-0000-4000-8000-000000000000'), 404);
    expectApiError(await admin.get('/api/v1/lists/not-a-uuid'), 404);
    expectApiError(await admin.put('/api/v1/lists/00000000-0000-4000-8000-000000000000', { name: 'x' }), 404);
  });

  it('deletes a list (204): it is gone from GET and from the collection', async () => {
    const list = await createList(admin, workspaceId);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    expectApiError(await admin.get(`/api/v1/lists/${list.id}`), 404);
    const found = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${list.name}')`)}`,
    );
    expect(found.body.count).toBe(0);
    // The name is free again.
    const again = await admin.post('/api/v1/lists', { name: list.name, workspaceId, columns: EMPLOYEE_COLUMNS });
    expect(again.status).toBe(201);
  });
});

describe('SQL-looking names are plain text', () => {
  it('a column named `"; drop table users; --` and a list named like SQL work through create, import, contents, export', async () => {
    const evilColumn = '"; drop table users; --';
    const listName = `Robert'); DROP TABLE lists; -- ${uniqueName('x')}`;
    const created = await admin.post<ListBody>('/api/v1/lists', {
      name: listName,
      workspaceId,
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: evilColumn, dataType: 'string' },
        { name: "it's", dataType: 'string' },
      ],
    });
    expect(created.status, created.text).toBe(201);
    const list = created.body;
    expect(list.name).toBe(listName);
    expect(list.columns.map((c) => c.name)).toEqual(['id', evilColumn, "it's"]);

    const file = csv([
      'id,"""; drop table users; --",it\'s',
      `1,"x'); delete from lists; --",O'Brien`,
      '2,"a ""quoted"" value",; select 1',
    ]);
    const job = await importJob(admin, list.id, file);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results.recordCount).toBe(2);

    const rows = await allContents(admin, list.id);
    expect(rows).toEqual([
      { id: 1, [evilColumn]: "x'); delete from lists; --", "it's": "O'Brien" },
      { id: 2, [evilColumn]: 'a "quoted" value', "it's": '; select 1' },
    ]);
    // Filters and sorting by the odd column name work, and take values as values.
    const filtered = await allContents(
      admin,
      list.id,
      `filter=${encodeURIComponent(`${evilColumn}:contains:delete from`)}`,
    );
    expect(filtered.map((r) => r.id)).toEqual([1]);
    const sorted = await allContents(admin, list.id, `sortBy=${encodeURIComponent(`${evilColumn}:descending`)}`);
    expect(sorted.map((r) => r.id)).toEqual([1, 2]);

    const exported = await getBytes(admin, `/api/v1/lists/${list.id}/contents.csv`);
    expect(exported.status).toBe(200);
    const text = exported.bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(text).toBe(
      `id,"""; drop table users; --",it's\r\n1,x'); delete from lists; --,O'Brien\r\n2,"a ""quoted"" value",; select 1\r\n`,
    );
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);

    // The database is intact: users still authenticate and the list is still found by its name.
    expect((await admin.get('/api/v1/me')).status).toBe(200);
    const found = await admin.get<Collection<ListBody>>(
      `/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${listName.replaceAll("'", "''")}')`)}`,
    );
    expect(found.body.count).toBe(1);
    const byName = await admin.get<Collection<ListBody>>(`/api/v1/lists?name=${encodeURIComponent("Robert'); DROP")}`);
    expect(byName.body.items.map((l) => l.id)).toContain(list.id);
  });
});
