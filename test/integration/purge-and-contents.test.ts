import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, userWithRole } from '../support/api';
import {
  allContents,
  csv,
  EMPLOYEE_HEADER,
  employeeRows,
  expectApiError,
  getBytes,
  getJob,
  ID_COLUMNS,
  idFile,
  importJob,
  occupyWorkers,
  recordCount,
  TERMINAL,
  waitForState,
  type Collection,
  type JobBody,
  type Row,
} from '../support/list-helpers';

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

async function purge(api: Api, listId: string): Promise<JobBody> {
  const response = await api.post<JobBody>(`/api/v1/lists/${listId}/purgeJobs`);
  expect(response.status, response.text).toBe(202);
  return (await api.waitForJob(listId, response.body.id, 'purgeJobs')) as JobBody;
}

describe('purge jobs', () => {
  it('answers 202, empties the contents, sets recordCount to 0 and keeps the list and its job history', async () => {
    const list = await createList(admin, workspaceId);
    const imported = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    expect(imported.state).toBe('completed');
    const before = (await admin.get(`/api/v1/lists/${list.id}`)).body;

    const editor = await userWithRole(admin, workspaceId, 'editor');
    const response = await editor.post<JobBody>(`/api/v1/lists/${list.id}/purgeJobs`);
    expect(response.status, response.text).toBe(202);
    expect(response.headers.get('location')).toBe(`/api/v1/lists/${list.id}/purgeJobs/${response.body.id}`);
    expect(response.body).toMatchObject({ kind: 'purge', state: 'pending', listId: list.id, createdBy: editor.email });
    const job = (await editor.waitForJob(list.id, response.body.id, 'purgeJobs')) as JobBody;
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ recordCount: 0, deleted: 3 });

    const contents = await admin.get<Collection<Row>>(`/api/v1/lists/${list.id}/contents`);
    expect(contents.body).toMatchObject({ count: 0, items: [] });
    const after = await admin.get(`/api/v1/lists/${list.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: list.id, name: list.name, recordCount: 0, columns: before.columns });
    const history = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs`);
    expect(history.body.items.map((j) => j.id)).toEqual([imported.id]);
    expect(history.body.items[0]).toMatchObject({ state: 'completed', results: { recordCount: 3 } });
    const purges = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/purgeJobs`);
    expect(purges.body.items.map((j) => j.id)).toEqual([job.id]);

    // With no contents the columns may change again, and imports work as before.
    const changed = await admin.put(`/api/v1/lists/${list.id}`, {
      columns: [...ID_COLUMNS, { name: 'note', dataType: 'string' }],
    });
    expect(changed.status, changed.text).toBe(200);
    const again = await importJob(admin, list.id, csv(['id,note', '1,back']));
    expect(again.state).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([{ id: 1, note: 'back' }]);
  });

  it('purges an empty list without complaint', async () => {
    const list = await createList(admin, workspaceId);
    const job = await purge(admin, list.id);
    expect(job.state).toBe('completed');
    expect(job.results).toMatchObject({ recordCount: 0, deleted: 0 });
  });

  it('refuses a viewer (403) and hides another workspace (404)', async () => {
    const list = await createList(admin, workspaceId);
    await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    expectApiError(await viewer.post(`/api/v1/lists/${list.id}/purgeJobs`), 403);
    const otherWorkspace = await createWorkspace(admin);
    const outsider = await userWithRole(admin, otherWorkspace, 'admin');
    expectApiError(await outsider.post(`/api/v1/lists/${list.id}/purgeJobs`), 404);
    expect(await recordCount(admin, list.id)).toBe(2);
    const purges = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/purgeJobs`);
    expect(purges.body.count).toBe(0);
  });

  it('answers 409 to a purge while an import is pending, and to an import while a purge is pending', async () => {
    const importing = await createList(admin, workspaceId);
    await importJob(admin, importing.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    const purging = await createList(admin, workspaceId);
    await importJob(admin, purging.id, csv([EMPLOYEE_HEADER, ...employeeRows(4)]));

    const busy = await occupyWorkers(admin, workspaceId);
    const pendingImport = await admin.upload(importing.id, csv([EMPLOYEE_HEADER, ...employeeRows(5, 10)]));
    expect(pendingImport.status).toBe(202);
    const pendingPurge = await admin.post<JobBody>(`/api/v1/lists/${purging.id}/purgeJobs`);
    expect(pendingPurge.status).toBe(202);
    expect((await getJob(admin, importing.id, pendingImport.body.id)).state).toBe('pending');

    const refusedPurge = expectApiError(await admin.post(`/api/v1/lists/${importing.id}/purgeJobs`), 409, 40901);
    expect(refusedPurge.details).toContain(`activeJobId: ${pendingImport.body.id}`);
    expect(refusedPurge.details).toContain('activeJobState: pending');
    const refusedImport = expectApiError(
      await admin.upload(purging.id, csv([EMPLOYEE_HEADER, ...employeeRows(1)])),
      409,
      40901,
    );
    expect(refusedImport.details).toContain(`activeJobId: ${pendingPurge.body.id}`);
    const secondPurge = expectApiError(await admin.post(`/api/v1/lists/${purging.id}/purgeJobs`), 409, 40901);
    expect(secondPurge.details).toContain(`activeJobId: ${pendingPurge.body.id}`);

    await busy.finished();
    const imported = (await admin.waitForJob(importing.id, pendingImport.body.id)) as JobBody;
    expect(imported.state).toBe('completed');
    const purged = (await admin.waitForJob(purging.id, pendingPurge.body.id, 'purgeJobs')) as JobBody;
    expect(purged.state).toBe('completed');
    // The refused purge removed nothing; the accepted one removed everything.
    expect(await recordCount(admin, importing.id)).toBe(8);
    expect(await recordCount(admin, purging.id)).toBe(0);
    expect((await admin.get<Collection<JobBody>>(`/api/v1/lists/${importing.id}/purgeJobs`)).body.count).toBe(0);
  });

  it('answers 409 to a purge while an import is running, and the import still loads everything', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const response = await admin.upload(list.id, idFile(300_000));
    expect(response.status).toBe(202);
    const running = await waitForState(admin, list.id, response.body.id, ['running', ...TERMINAL]);
    expect(running.state, 'the import should still be running').toBe('running');
    const refused = expectApiError(await admin.post(`/api/v1/lists/${list.id}/purgeJobs`), 409, 40901);
    expect(refused.details).toContain(`activeJobId: ${response.body.id}`);
    expect(refused.details).toContain('activeJobState: running');
    const job = (await admin.waitForJob(list.id, response.body.id)) as JobBody;
    expect(job.state).toBe('completed');
    expect(await recordCount(admin, list.id)).toBe(300_000);
    const purged = await purge(admin, list.id);
    expect(purged.results).toMatchObject({ recordCount: 0, deleted: 300_000 });
    expect(await recordCount(admin, list.id)).toBe(0);
  });
});

describe('contents: paging, sorting, filtering', () => {
  type Employee = { employeeId: number; name: string; salary: number; active: boolean | null; hired: string | null };
  const EMPLOYEES: Employee[] = [
    { employeeId: 101, name: 'Alice', salary: 5000, active: true, hired: '2020-01-15' },
    { employeeId: 102, name: 'Bob', salary: -250.5, active: false, hired: '2019-06-01' },
    { employeeId: 103, name: '=SUM(A1:A2)', salary: 100, active: true, hired: '2021-03-10' },
    { employeeId: 104, name: '+Plus', salary: 0, active: false, hired: '2022-12-31' },
    { employeeId: 105, name: '-minus', salary: 1000, active: true, hired: '2018-01-01' },
    { employeeId: 106, name: '@at', salary: 42.42, active: null, hired: null },
    { employeeId: 107, name: 'Bobby Tables', salary: 300, active: true, hired: '2020-01-15' },
    { employeeId: 108, name: 'alice cooper', salary: 7000, active: false, hired: '2023-07-04' },
    { employeeId: 109, name: 'Comma, Name', salary: 12, active: true, hired: '2020-02-29' },
    { employeeId: -5, name: 'Negative Key', salary: -0.75, active: true, hired: '2020-01-01' },
    { employeeId: 110, name: '100% sure_thing', salary: 1, active: true, hired: '2020-01-02' },
  ];
  const FILE = csv([
    EMPLOYEE_HEADER,
    '101,Alice,5000,true,2020-01-15',
    '102,Bob,-250.5,false,2019-06-01',
    '103,=SUM(A1:A2),100,true,2021-03-10',
    '104,+Plus,0,false,2022-12-31',
    '105,-minus,1e3,true,2018-01-01',
    '106,@at,42.42,,',
    '107,Bobby Tables,300,true,2020-01-15',
    '108,alice cooper,7000,false,2023-07-04',
    '109,"Comma, Name",12,true,2020-02-29',
    '-5,Negative Key,-0.75,true,2020-01-01',
    '110,100% sure_thing,1,true,2020-01-02',
  ]);
  const byKey = [...EMPLOYEES].sort((a, b) => a.employeeId - b.employeeId);
  const ids = (rows: { employeeId: unknown }[]) => rows.map((r) => r.employeeId);
  const expectIds = (predicate: (e: Employee) => boolean) => byKey.filter(predicate).map((e) => e.employeeId);
  let listId: string;

  beforeAll(async () => {
    const list = await createList(admin, workspaceId);
    listId = list.id;
    const job = await importJob(admin, listId, FILE);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
  });

  async function query(params: string): Promise<Collection<Row>> {
    const response = await admin.get<Collection<Row>>(`/api/v1/lists/${listId}/contents?limit=1000&${params}`);
    expect(response.status, response.text).toBe(200);
    return response.body;
  }
  const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

  it('answers every record typed, in key order, in the collection shape', async () => {
    const response = await admin.get<Collection<Row>>(`/api/v1/lists/${listId}/contents`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ start: 0, limit: 100, count: EMPLOYEES.length });
    expect(response.body.items).toEqual(byKey);
    expect(response.body.links.find((l) => l.rel === 'self')).toBeDefined();
  });

  it('pages with start and limit, and the next links walk every record exactly once', async () => {
    const first = await admin.get<Collection<Row>>(`/api/v1/lists/${listId}/contents?start=0&limit=4`);
    expect(first.body).toMatchObject({ start: 0, limit: 4, count: 11 });
    expect(ids(first.body.items as Employee[])).toEqual(ids(byKey.slice(0, 4)));
    const seen: unknown[] = [];
    let page: Collection<Row> | undefined = first.body;
    let pages = 0;
    while (page) {
      seen.push(...ids(page.items as Employee[]));
      pages++;
      const next: { href: string } | undefined = page.links.find((l) => l.rel === 'next');
      page = next ? (await admin.get<Collection<Row>>(next.href)).body : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids(byKey));
    const middle = await admin.get<Collection<Row>>(`/api/v1/lists/${listId}/contents?start=4&limit=4`);
    expect(middle.body.links.find((l) => l.rel === 'prev')?.href).toContain('start=0');
    const beyond = await admin.get<Collection<Row>>(`/api/v1/lists/${listId}/contents?start=100&limit=4`);
    expect(beyond.body).toMatchObject({ count: 11, items: [] });
  });

  it('sorts ascending and descending by a column, empty values last, ties by key', async () => {
    const ascending = await query('sortBy=salary:ascending');
    expect(ids(ascending.items as Employee[])).toEqual(
      [...byKey].sort((a, b) => a.salary - b.salary).map((e) => e.employeeId),
    );
    const descending = await query('sortBy=salary:descending');
    expect(ids(descending.items as Employee[])).toEqual(
      [...byKey].sort((a, b) => b.salary - a.salary).map((e) => e.employeeId),
    );
    const minus = await query('sortBy=-salary');
    expect(ids(minus.items as Employee[])).toEqual(ids(descending.items as Employee[]));

    const hiredDesc = await query('sortBy=hired:descending');
    const hiredIds = ids(hiredDesc.items as Employee[]);
    expect(hiredIds.at(-1)).toBe(106);
    const withDate = byKey
      .filter((e) => e.hired)
      .sort((a, b) => (a.hired! < b.hired! ? 1 : a.hired! > b.hired! ? -1 : a.employeeId - b.employeeId));
    expect(hiredIds.slice(0, -1)).toEqual(withDate.map((e) => e.employeeId));
    const hiredAsc = await query('sortBy=hired:ascending');
    expect(ids(hiredAsc.items as Employee[]).at(-1)).toBe(106);

    const paged = await admin.get<Collection<Row>>(
      `/api/v1/lists/${listId}/contents?sortBy=salary:descending&start=2&limit=3`,
    );
    expect(ids(paged.body.items as Employee[])).toEqual(ids(descending.items as Employee[]).slice(2, 5));
  });

  it.each<[string, string, (e: Employee) => boolean]>([
    ['eq on an integer', 'employeeId:eq:104', (e) => e.employeeId === 104],
    ['ne on an integer', 'employeeId:ne:104', (e) => e.employeeId !== 104],
    ['lt on a number', 'salary:lt:0', (e) => e.salary < 0],
    ['le on a number', 'salary:le:100', (e) => e.salary <= 100],
    ['gt on a number', 'salary:gt:4999.99', (e) => e.salary > 4999.99],
    ['ge on a number', 'salary:ge:5000', (e) => e.salary >= 5000],
    ['gt on a negative number', 'salary:gt:-1', (e) => e.salary > -1],
    ['eq on a date', 'hired:eq:2020-01-15', (e) => e.hired === '2020-01-15'],
    ['lt on a date', 'hired:lt:2020-01-01', (e) => e.hired !== null && e.hired < '2020-01-01'],
    ['eq on a boolean (false)', 'active:eq:false', (e) => e.active === false],
    ['eq on a boolean (true)', 'active:eq:true', (e) => e.active === true],
    ['ne on a boolean', 'active:ne:true', (e) => e.active === false],
    ['eq on a string', 'name:eq:Bob', (e) => e.name === 'Bob'],
    ['eq on a string holding a colon', 'name:eq:=SUM(A1:A2)', (e) => e.name === '=SUM(A1:A2)'],
    ['contains, ignoring case', 'name:contains:bob', (e) => e.name.toLowerCase().includes('bob')],
    ['startsWith, ignoring case', 'name:startsWith:ali', (e) => e.name.toLowerCase().startsWith('ali')],
    ['endsWith', 'name:endsWith:Tables', (e) => e.name.endsWith('Tables')],
    ['contains with a literal %', 'name:contains:%', (e) => e.name.includes('%')],
    ['contains with a literal _ (found)', 'name:contains:e_t', (e) => e.name.includes('e_t')],
    ['contains with a literal _ (not a wildcard)', 'name:contains:e_K', (e) => e.name.includes('e_K')],
    ['startsWith with a literal %', 'name:startsWith:%', () => false],
    ['contains on a number column', 'salary:contains:.5', (e) => String(e.salary).includes('.5')],
    ['the family syntax eq(employeeId,104)', 'eq(employeeId,104)', (e) => e.employeeId === 104],
    [
      "the family syntax with a quoted value eq(name,'Comma, Name')",
      "eq(name,'Comma, Name')",
      (e) => e.name === 'Comma, Name',
    ],
    ['the family syntax with a doubled quote', "eq(name,'O''Brien')", () => false],
    [
      "and(ge(salary,100),startsWith(name,'B'))",
      "and(ge(salary,100),startsWith(name,'B'))",
      (e) => e.salary >= 100 && e.name.startsWith('B'),
    ],
    [
      "nested and(gt(salary,0),and(lt(hired,'2020-02-01'),ne(employeeId,105)))",
      "and(gt(salary,0),and(lt(hired,'2020-02-01'),ne(employeeId,105)))",
      (e) => e.salary > 0 && e.hired !== null && e.hired < '2020-02-01' && e.employeeId !== 105,
    ],
  ])('filters with %s', async (_label, expression, predicate) => {
    const page = await query(filter(expression));
    expect(ids(page.items as Employee[])).toEqual(expectIds(predicate));
    expect(page.count).toBe(expectIds(predicate).length);
  });

  it('combines several filter parameters with AND, and with sorting and paging', async () => {
    const page = await query(`${filter('salary:ge:0')}&${filter('hired:ge:2020-01-01')}&sortBy=salary:descending`);
    const expected = byKey
      .filter((e) => e.salary >= 0 && e.hired !== null && e.hired >= '2020-01-01')
      .sort((a, b) => b.salary - a.salary);
    expect(ids(page.items as Employee[])).toEqual(expected.map((e) => e.employeeId));
    const limited = await admin.get<Collection<Row>>(
      `/api/v1/lists/${listId}/contents?${filter('salary:gt:10')}&limit=2&start=1`,
    );
    expect(limited.body.count).toBe(byKey.filter((e) => e.salary > 10).length);
    expect(ids(limited.body.items as Employee[])).toEqual(expectIds((e) => e.salary > 10).slice(1, 3));
  });

  it.each([
    ['an unknown column', 'nope:eq:1', /nope/],
    ['a bad number', 'salary:gt:abc', /abc/],
    ['a bad integer', 'employeeId:eq:10.5', /10\.5/],
    ['an impossible date', 'hired:eq:2020-13-01', /2020-13-01/],
    ['a bad boolean', 'active:eq:maybe', /maybe/],
    ['an unknown operator', 'salary:between:1', /not understood/],
    ['no operator at all', 'salary', /not understood/],
    ['an unclosed family expression', 'eq(employeeId,', /not understood/],
    ['an unknown family function', "like(name,'A')", /like/],
    ['a family filter on an unknown column', "eq(nope,'x')", /nope/],
    ['text after a family expression', 'eq(employeeId,1) or 1=1', /not understood/],
  ])('answers 400 for a filter with %s', async (_label, expression, expected) => {
    const response = await admin.get(`/api/v1/lists/${listId}/contents?${filter(expression)}`);
    const body = expectApiError(response, 400);
    expect(body.message).toMatch(expected);
  });

  it('answers 400 for a sort on an unknown column, a bad direction and bad paging', async () => {
    expect(expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?sortBy=nope`), 400).message).toMatch(
      /nope/,
    );
    expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?sortBy=salary:sideways`), 400);
    expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?limit=0`), 400);
    expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?limit=10001`), 400);
    expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?start=-1`), 400);
    expectApiError(await admin.get(`/api/v1/lists/${listId}/contents?limit=abc`), 400);
  });

  it('lets a viewer read contents and export, and hides them from another workspace (404)', async () => {
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    expect((await viewer.get<Collection<Row>>(`/api/v1/lists/${listId}/contents`)).body.count).toBe(11);
    expect((await getBytes(viewer, `/api/v1/lists/${listId}/contents.csv`)).status).toBe(200);
    const otherWorkspace = await createWorkspace(admin);
    const outsider = await userWithRole(admin, otherWorkspace, 'admin');
    expectApiError(await outsider.get(`/api/v1/lists/${listId}/contents`), 404);
    expect((await getBytes(outsider, `/api/v1/lists/${listId}/contents.csv`)).status).toBe(404);
  });

  it('exports contents.csv: UTF-8 BOM, header, every record, formulas neutralised in string columns only', async () => {
    const exported = await getBytes(admin, `/api/v1/lists/${listId}/contents.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''.+\.csv$/);
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = exported.bytes.subarray(3).toString('utf8');
    expect(text).toBe(
      [
        EMPLOYEE_HEADER,
        '-5,Negative Key,-0.75,true,2020-01-01',
        '101,Alice,5000,true,2020-01-15',
        '102,Bob,-250.5,false,2019-06-01',
        "103,'=SUM(A1:A2),100,true,2021-03-10",
        "104,'+Plus,0,false,2022-12-31",
        "105,'-minus,1000,true,2018-01-01",
        "106,'@at,42.42,,",
        '107,Bobby Tables,300,true,2020-01-15',
        '108,alice cooper,7000,false,2023-07-04',
        '109,"Comma, Name",12,true,2020-02-29',
        '110,100% sure_thing,1,true,2020-01-02',
        '',
      ].join('\r\n'),
    );
  });

  it('exports a list larger than one cursor batch completely, and re-imports its own export unchanged', async () => {
    const list = await createList(admin, workspaceId);
    const rows = employeeRows(5000, 1, (i) => (i % 2 ? `-${i}.25` : `${i}`));
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...rows]));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    const exported = await getBytes(admin, `/api/v1/lists/${list.id}/contents.csv`);
    expect(exported.status).toBe(200);
    const lines = exported.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(EMPLOYEE_HEADER);
    expect(lines).toHaveLength(5002);
    expect(new Set(lines.slice(1, -1).map((l) => Number(l.split(',')[0])))).toEqual(
      new Set(Array.from({ length: 5000 }, (_, i) => i + 1)),
    );
    expect(lines.slice(1, -1)).toEqual(
      expect.arrayContaining(['1,Name 1,-1.25,true,2020-01-01', '2,Name 2,2,true,2020-01-02']),
    );

    // The export is a valid import file for the same list: every record is unchanged.
    const again = await importJob(admin, list.id, exported.bytes);
    expect(again.state, JSON.stringify(again.errors)).toBe('completed');
    expect(again.results).toMatchObject({ recordCount: 5000, inserted: 0, updated: 0, unchanged: 5000 });
  });

  it('exports what the grid shows: contents.csv takes the same filter and sortBy as contents', async () => {
    const path = `/api/v1/lists/${listId}/contents.csv?filter=${encodeURIComponent('salary:gt:100')}&sortBy=salary:descending`;
    const exported = await getBytes(admin, path);
    expect(exported.status).toBe(200);
    const page = await admin.get<Collection<Row>>(
      `/api/v1/lists/${listId}/contents?filter=${encodeURIComponent('salary:gt:100')}&sortBy=salary:descending`,
    );
    const lines = exported.bytes.subarray(3).toString('utf8').split('\r\n').slice(1, -1);
    expect(lines).toEqual([
      '108,alice cooper,7000,false,2023-07-04',
      '101,Alice,5000,true,2020-01-15',
      "105,'-minus,1000,true,2018-01-01",
      '107,Bobby Tables,300,true,2020-01-15',
    ]);
    expect(lines.map((line) => Number(line.split(',')[0]))).toEqual(page.body.items.map((r) => r.employeeId));

    const unknownSort = await admin.get(`/api/v1/lists/${listId}/contents.csv?sortBy=nope:ascending`);
    expectApiError(unknownSort, 400);
    const badFilter = await admin.get(
      `/api/v1/lists/${listId}/contents.csv?filter=${encodeURIComponent('salary:gt:lots')}`,
    );
    expectApiError(badFilter, 400);
  });

  it('exports an empty list as its header only', async () => {
    const list = await createList(admin, workspaceId);
    const exported = await getBytes(admin, `/api/v1/lists/${list.id}/contents.csv`);
    expect(exported.status).toBe(200);
    expect(exported.bytes.toString('utf8')).toBe(`\uFEFF${EMPLOYEE_HEADER}\r\n`);
  });
});
