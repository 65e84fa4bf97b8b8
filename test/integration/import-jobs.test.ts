import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import {
  adminApi,
  Api,
  createList,
  createWorkspace,
  EMPLOYEE_COLUMNS,
  userWithRole,
  type ApiResponse,
} from '../support/api';
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
  sha256,
  TERMINAL,
  uploadDirFiles,
  waitForState,
  type Collection,
  type JobBody,
  type Row,
} from '../support/list-helpers';
import { waitFor } from '../support/processes';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MiB = 1024 * 1024;

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

/** A list with three employees already loaded. */
async function preloadedList(api: Api = admin) {
  const list = await createList(admin, workspaceId);
  const job = await importJob(api, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
  expect(job.state, JSON.stringify(job.errors)).toBe('completed');
  const before = await allContents(admin, list.id);
  expect(before).toHaveLength(3);
  return { list, before };
}

/** Like Api.upload, but gives up after `timeoutMs` so that a request the server never answers fails the test quickly. */
async function uploadWithDeadline(
  api: Api,
  listId: string,
  content: Uint8Array,
  timeoutMs: number,
): Promise<ApiResponse> {
  const form = new FormData();
  form.append('dataFile', new Blob([content as BlobPart], { type: 'text/csv' }), 'big.csv');
  let response: Response;
  try {
    response = await fetch(`${api.baseUrl}/api/v1/lists/${listId}/importJobs`, {
      method: 'POST',
      headers: { 'x-auth-jwt': api.token! },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`The upload got no answer within ${timeoutMs / 1000} s: ${String(error)}`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body, headers: response.headers, text };
}

async function jobCount(listId: string): Promise<number> {
  return (await admin.get<Collection<JobBody>>(`/api/v1/lists/${listId}/importJobs`)).body.count;
}

describe('POST …/importJobs: the accepted job', () => {
  it('answers 202 with Location and the seed job body; following `self` leads to the completed job', async () => {
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const list = await createList(admin, workspaceId);
    const content = csv(
      [EMPLOYEE_HEADER, '1,Ada,100.5,true,2020-01-01', '2,Grace,200,false,2021-02-03', '3,Linus,0,,'],
      '\r\n',
    );
    const response = await editor.upload(list.id, content, {}, 'employees.csv');
    expect(response.status, response.text).toBe(202);
    const job = response.body as JobBody;
    expect(response.headers.get('location')).toBe(`/api/v1/lists/${list.id}/importJobs/${job.id}`);
    expect(job.id).toMatch(UUID);
    expect(job).toMatchObject({
      state: 'pending',
      fileName: 'employees.csv',
      sha256Sum: sha256(content),
      createdBy: editor.email,
      completedTimeStamp: null,
      listId: list.id,
      totalErrors: 0,
      errors: [],
    });
    expect(job.version).toEqual(expect.any(Number));
    expect(job.creationTimeStamp).toMatch(ISO);
    expect(job.results).toMatchObject({ recordCount: 0 });
    const rels = job.links.map((l) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'cancel', 'logs', 'file', 'list']));
    for (const link of job.links)
      expect(link).toEqual({ rel: link.rel, method: expect.any(String), href: expect.any(String), uri: link.href });
    const self = job.links.find((l) => l.rel === 'self')!;
    expect(self).toMatchObject({ method: 'GET', href: response.headers.get('location') });

    let current: JobBody = job;
    const deadline = Date.now() + 60_000;
    while (!TERMINAL.includes(current.state)) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 100));
      const next = await editor.get<JobBody>(self.href);
      expect(next.status).toBe(200);
      current = next.body;
    }
    expect(current.state, JSON.stringify(current.errors)).toBe('completed');
    expect(current).toMatchObject({
      id: job.id,
      fileName: 'employees.csv',
      sha256Sum: sha256(content),
      createdBy: editor.email,
      listId: list.id,
      totalErrors: 0,
      errors: [],
      results: { recordCount: 3, inserted: 3, updated: 0 },
    });
    expect(current.version).toBeGreaterThan(job.version);
    expect(current.completedTimeStamp).toMatch(ISO);
    expect(new Date(current.completedTimeStamp!).getTime()).toBeGreaterThanOrEqual(
      new Date(current.creationTimeStamp).getTime(),
    );
    expect(current.links.map((l) => l.rel)).not.toContain('cancel');
    expect(await recordCount(admin, list.id)).toBe(3);
  });

  it('loads values typed for JSON: numbers, booleans, dates YYYY-MM-DD, datetimes in ISO UTC, empty as null', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'label', dataType: 'string' },
      { name: 'price', dataType: 'number' },
      { name: 'active', dataType: 'boolean' },
      { name: 'born', dataType: 'date' },
      { name: 'seen', dataType: 'datetime' },
    ]);
    const job = await importJob(
      admin,
      list.id,
      csv([
        'id,label,price,active,born,seen',
        '-7,minus seven,12.50,yes,1999-12-31,2024-03-31 14:05:00+02:00',
        '1,one,0,FALSE,2024-02-29,2024-03-31T14:05:00Z',
        '2,,-0.25,1,,2024-03-31T14:05',
        '3,"",1234567.891,n,2000-01-01,',
      ]),
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([
      { id: -7, label: 'minus seven', price: 12.5, active: true, born: '1999-12-31', seen: '2024-03-31T12:05:00.000Z' },
      { id: 1, label: 'one', price: 0, active: false, born: '2024-02-29', seen: '2024-03-31T14:05:00.000Z' },
      { id: 2, label: null, price: -0.25, active: true, born: null, seen: '2024-03-31T14:05:00.000Z' },
      { id: 3, label: null, price: 1234567.891, active: false, born: '2000-01-01', seen: null },
    ]);
  });
});

describe('POST …/importJobs: request checks', () => {
  let list: { id: string };
  beforeAll(async () => {
    list = await createList(admin, workspaceId);
  });

  it('answers 400 when the dataFile part is missing (or is a plain field)', async () => {
    const form = new FormData();
    form.append('delimiter', ',');
    const noFile = await admin.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: form });
    const body = expectApiError(noFile, 400, 40003);
    expect(body.message).toContain('dataFile');

    const asText = new FormData();
    asText.append('dataFile', `${EMPLOYEE_HEADER}\n1,a,1,true,2020-01-01\n`);
    expectApiError(await admin.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: asText }), 400, 40003);

    const wrongName = new FormData();
    wrongName.append('file', new Blob([`${EMPLOYEE_HEADER}\n`]), 'data.csv');
    expectApiError(await admin.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: wrongName }), 400, 40003);
    expect(await jobCount(list.id)).toBe(0);
  });

  it('answers 415 for a body that is not multipart', async () => {
    const response = await admin.request('POST', `/api/v1/lists/${list.id}/importJobs`, {
      body: `${EMPLOYEE_HEADER}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expectApiError(response, 415);
  });

  it.each([
    ['a delimiter of two characters', { delimiter: ';;' }, /delimiter/],
    ['the delimiter \\n', { delimiter: '\n' }, /delimiter/],
    ['the delimiter \\r', { delimiter: '\r' }, /delimiter/],
    ['an empty delimiter', { delimiter: '' }, /delimiter/],
    ['an unknown mode', { mode: 'merge' }, /mode/],
    ['a non-numeric errorThreshold', { errorThreshold: 'lots' }, /errorThreshold/],
    ['an errorThreshold of 0', { errorThreshold: '0' }, /errorThreshold/],
    ['a fractional errorThreshold', { errorThreshold: '2.5' }, /errorThreshold/],
    ['a negative errorThreshold', { errorThreshold: '-1' }, /errorThreshold/],
  ])('answers 400 for %s, creates no job and keeps no file', async (_label, fields, expected) => {
    const filesBefore = await uploadDirFiles();
    const response = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]), fields);
    const body = expectApiError(response, 400);
    expect(body.message + body.details.join(' ')).toMatch(expected);
    expect(await jobCount(list.id)).toBe(0);
    expect(await uploadDirFiles()).toEqual(filesBefore);
  });

  it('ignores unknown extra multipart fields (a misspelt `delimeter`)', async () => {
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)]), {
      delimeter: ';',
      colour: 'blue',
    });
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results.recordCount).toBe(2);
  });

  it('answers 403 to a viewer, 404 for an unknown list and for a list of another workspace', async () => {
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    const before = await jobCount(list.id);
    const refused = await viewer.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(1)]));
    expectApiError(refused, 403);
    expect(await jobCount(list.id)).toBe(before);
    // The viewer may still read the job history.
    expect((await viewer.get(`/api/v1/lists/${list.id}/importJobs`)).status).toBe(200);

    expectApiError(await admin.upload('00000000-0000-4000-8000-000000000000', csv([EMPLOYEE_HEADER])), 404);
    const otherWorkspace = await createWorkspace(admin);
    const foreign = await createList(admin, otherWorkspace);
    const outsider = await userWithRole(admin, workspaceId, 'admin');
    expectApiError(await outsider.upload(foreign.id, csv([EMPLOYEE_HEADER, ...employeeRows(1)])), 404);
    expect(await jobCount(foreign.id)).toBe(0);
  });

  it('answers 404 for a job id under the wrong list and for an unknown job id', async () => {
    const other = await createList(admin, workspaceId);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(1)]));
    expectApiError(await admin.get(`/api/v1/lists/${other.id}/importJobs/${job.id}`), 404);
    expectApiError(await admin.get(`/api/v1/lists/${other.id}/importJobs/${job.id}/file`), 404);
    expectApiError(await admin.get(`/api/v1/lists/${list.id}/importJobs/00000000-0000-4000-8000-000000000000`), 404);
  });

  it.each([
    ['over the limit by its declared size (21 MiB)', 21 * MiB],
    ['over the limit only while streaming (20 MiB + 256 KiB)', 20 * MiB + 256 * 1024],
  ])('answers 413 for an upload %s and keeps no partial file', async (_label, size) => {
    const target = await createList(admin, workspaceId, ID_COLUMNS);
    const filesBefore = await uploadDirFiles();
    const line = '1234567\n';
    const content = Buffer.alloc(size, line);
    content.write('id\n', 0);
    const response = await uploadWithDeadline(admin, target.id, content, 15_000);
    const body = expectApiError(response, 413, 41300);
    expect(body.message).toMatch(/20 MB/);
    expect(await jobCount(target.id)).toBe(0);
    // Give a slow unlink a moment; nothing of the upload may stay behind.
    await new Promise((r) => setTimeout(r, 300));
    expect(await uploadDirFiles()).toEqual(filesBefore);
    // The list is not left locked.
    const job = await importJob(admin, target.id, idFile(3));
    expect(job.state).toBe('completed');
  });
});

describe('validation: any error means nothing is loaded', () => {
  it('reports every value error with row, column, value, errorCode, message and remediation', async () => {
    const { list, before } = await preloadedList();
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '10,Valid,1,true,2020-01-01',
        'abc,Bad id,1,true,2020-01-01',
        '11,,1,true,2020-01-01',
        '12,Comma,"12,5",true,2020-01-01',
        '13,Bool,1,maybe,2020-01-01',
        '14,Date,1,true,2023-02-29',
        '15,Valid too,2,false,2020-01-02',
      ]),
    );
    expect(job.state).toBe('failed');
    expect(job.totalErrors).toBe(5);
    expect(job.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, 'employeeId', 'abc'],
      [4, 'name', ''],
      [5, 'salary', '12,5'],
      [6, 'active', 'maybe'],
      [7, 'hired', '2023-02-29'],
    ]);
    for (const error of job.errors) {
      expect(error).toMatchObject({ httpStatusCode: 400, version: 2 });
      expect(error.id).toEqual(expect.any(String));
      expect(error.errorCode).toEqual(expect.any(Number));
      expect(error.message).toContain(`Row ${error.row}`);
      expect(error.message).toContain(error.column);
      expect(error.remediation.length).toBeGreaterThan(10);
      expect(error.details).toEqual(expect.arrayContaining([`row: ${error.row}`, `column: ${error.column}`]));
    }
    expect(job.errors[2]!.remediation).toMatch(/dot/);
    expect(new Set(job.errors.map((e) => e.errorCode)).size).toBe(5);
    expect(await allContents(admin, list.id)).toEqual(before);
    expect(await recordCount(admin, list.id)).toBe(3);
  });

  it('loads nothing when only the last of many records is bad (updates of existing records included)', async () => {
    const { list, before } = await preloadedList();
    const rows = employeeRows(2000, 1, (i) => `${i * 10}`);
    const job = await importJob(
      admin,
      list.id,
      csv([EMPLOYEE_HEADER, ...rows, '9999,Last,not-a-number,true,2020-01-01']),
    );
    expect(job.state).toBe('failed');
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ row: 2002, column: 'salary', value: 'not-a-number' });
    expect(await allContents(admin, list.id)).toEqual(before);
    expect(await recordCount(admin, list.id)).toBe(3);
  });

  it.each([
    ['a renamed column', 'employeeId,fullName,salary,active,hired', /"name"/],
    ['swapped columns', 'employeeId,salary,name,active,hired', /column 2 should be "name"/],
    ['an extra column', `${EMPLOYEE_HEADER},bonus`, /"bonus"/],
    ['a missing column', 'employeeId,name,salary,active', /"hired"/],
  ])('answers a header with %s with one clear error naming expected and found', async (_label, header, detail) => {
    const { list, before } = await preloadedList();
    const job = await importJob(admin, list.id, csv([header, ...employeeRows(500, 100)]));
    expect(job.state).toBe('failed');
    expect(job.totalErrors).toBe(1);
    expect(job.errors).toHaveLength(1);
    const error = job.errors[0]!;
    expect(error.row).toBe(1);
    expect(error.message).toContain('Expected: employeeId, name, salary, active, hired');
    expect(error.message).toContain(`Found: ${header.split(',').join(', ')}`);
    expect(error.message).toMatch(detail);
    expect(error.remediation).toMatch(/first row/i);
    expect(await allContents(admin, list.id)).toEqual(before);
  });

  it('reports ragged rows (too few and too many values) by row', async () => {
    const { list, before } = await preloadedList();
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '20,A,1,true,2020-01-01',
        '21,B,1,true',
        '22,C,1,true,2020-01-01,extra',
        '23,D,1,true,2020-01-01',
      ]),
    );
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(job.errors[0]!.message).toMatch(/4 values.*5 columns/);
    expect(job.errors[1]!.message).toMatch(/6 values.*5 columns/);
    for (const error of job.errors) expect(error.remediation.length).toBeGreaterThan(10);
    // Checked to its end: totalErrors is the count, not a floor.
    expect(job.results).not.toHaveProperty('stoppedAtErrorThreshold');
    expect(await allContents(admin, list.id)).toEqual(before);
  });

  it('stops at errorThreshold: 50 bad rows with errorThreshold=5 give exactly 5 errors', async () => {
    const { list, before } = await preloadedList();
    const bad = Array.from({ length: 50 }, (_, i) => `${100 + i},Bad ${i},NaN-${i},true,2020-01-01`);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...bad]), { errorThreshold: '5' });
    expect(job.state).toBe('failed');
    expect(job.totalErrors).toBe(5);
    // The rest of the file was not checked: the job says its count is a floor.
    expect(job.results).toMatchObject({ recordCount: 0, stoppedAtErrorThreshold: true });
    expect(job.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(await allContents(admin, list.id)).toEqual(before);
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${job.id}/logs`);
    expect(logs.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/threshold/) })]),
    );
  });

  it('stops at the default errorThreshold of 100', async () => {
    const { list } = await preloadedList();
    const bad = Array.from({ length: 150 }, (_, i) => `${100 + i},Bad,1,perhaps,2020-01-01`);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...bad]));
    expect(job.state).toBe('failed');
    expect(job.totalErrors).toBe(100);
    expect(job.errors).toHaveLength(100);
    expect(job.errors.at(-1)!.row).toBe(101);
  });

  it('reports keys that occur more than once in the file with all their rows (007 and 7 are the same integer)', async () => {
    const { list, before } = await preloadedList();
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '7,First,1,true,2020-01-01',
        '8,Other,1,true,2020-01-01',
        '007,Second,1,true,2020-01-01',
        '7,Third,1,true,2020-01-01',
        '8,Again,1,true,2020-01-01',
      ]),
    );
    expect(job.state).toBe('failed');
    expect(job.errors).toHaveLength(2);
    const [seven, eight] = job.errors;
    expect(seven).toMatchObject({ column: 'employeeId', value: '7' });
    expect(seven!.message).toContain('rows 2, 4, 5');
    expect(eight).toMatchObject({ column: 'employeeId', value: '8' });
    expect(eight!.message).toContain('rows 3, 6');
    expect(seven!.remediation.length).toBeGreaterThan(10);
    expect(await allContents(admin, list.id)).toEqual(before);
  });

  it('reports duplicate keys together with value errors in other rows, in one pass', async () => {
    const { list } = await preloadedList();
    const job = await importJob(
      admin,
      list.id,
      csv([EMPLOYEE_HEADER, '7,First,1,true,2020-01-01', '8,Bad,x,true,2020-01-01', '7,Second,1,true,2020-01-01']),
    );
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [3, 'salary'],
        [4, 'employeeId'],
      ]),
    );
    expect(job.totalErrors).toBe(2);
  });

  // After the first problem only keys are staged (nothing will load): the key checks must still see every row.
  it('still finds keys already in the list (append) and keys given twice after a row with a value error', async () => {
    const { list } = await preloadedList();
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '8,Bad,x,true,2020-01-01',
        '2,Listed,2,true,2020-01-02',
        '9,Twice,9,true,2020-01-03',
        '9,Twice again,9.5,false,2020-01-04',
      ]),
      { mode: 'append' },
    );
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [2, 'salary'],
        [3, 'employeeId'],
        [5, 'employeeId'],
      ]),
    );
    expect(job.totalErrors).toBe(3);
  });
});

describe('modes', () => {
  it('upsert (default) counts inserted, updated and unchanged records', async () => {
    const { list } = await preloadedList();
    // Existing: 1..3 with salary i.5. Row 2 is the same, row 3 changes, row 4 is new.
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '2,Name 2,2.5,true,2020-01-02',
        '3,Name 3 changed,3.5,true,2020-01-03',
        '4,Name 4,4,false,2020-01-04',
      ]),
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ recordCount: 4, inserted: 1, updated: 1, unchanged: 1, deleted: 0 });
    const rows = await allContents(admin, list.id);
    expect(rows.map((r) => r.employeeId)).toEqual([1, 2, 3, 4]);
    expect(rows[2]).toMatchObject({ name: 'Name 3 changed' });
    expect(await recordCount(admin, list.id)).toBe(4);
  });

  it('append refuses keys that already exist (nothing loaded) and adds new ones', async () => {
    const { list, before } = await preloadedList();
    const refused = await importJob(
      admin,
      list.id,
      csv([EMPLOYEE_HEADER, '4,New,4,true,2020-01-01', '3,Exists,3,true,2020-01-01']),
      { mode: 'append' },
    );
    expect(refused.state).toBe('failed');
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ row: 3, column: 'employeeId', value: '3' });
    expect(refused.errors[0]!.message).toMatch(/already in the list/);
    expect(refused.errors[0]!.remediation).toMatch(/upsert/);
    expect(await allContents(admin, list.id)).toEqual(before);

    const added = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, '4,New,4,true,2020-01-01']), {
      mode: 'append',
    });
    expect(added.state).toBe('completed');
    expect(added.results).toMatchObject({ recordCount: 4, inserted: 1, updated: 0 });
  });

  it('replace makes the contents exactly the file and reports deleted', async () => {
    const list = await createList(admin, workspaceId);
    await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(5)]));
    const job = await importJob(
      admin,
      list.id,
      csv([
        EMPLOYEE_HEADER,
        '4,Name 4,4.5,true,2020-01-04',
        '5,Changed,5.5,true,2020-01-05',
        '6,Six,6,false,2020-01-06',
      ]),
      { mode: 'replace' },
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results).toMatchObject({ recordCount: 3, deleted: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(await allContents(admin, list.id)).toEqual([
      { employeeId: 4, name: 'Name 4', salary: 4.5, active: true, hired: '2020-01-04' },
      { employeeId: 5, name: 'Changed', salary: 5.5, active: true, hired: '2020-01-05' },
      { employeeId: 6, name: 'Six', salary: 6, active: false, hired: '2020-01-06' },
    ]);
    expect(await recordCount(admin, list.id)).toBe(3);

    // A failed replace removes nothing.
    const failed = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, '9,Nine,x,true,2020-01-01']), {
      mode: 'replace',
    });
    expect(failed.state).toBe('failed');
    expect(await recordCount(admin, list.id)).toBe(3);
  });

  it('marks a re-upload of identical bytes with duplicateOfJobId', async () => {
    const list = await createList(admin, workspaceId);
    const content = csv([EMPLOYEE_HEADER, ...employeeRows(4)]);
    const first = await importJob(admin, list.id, content);
    expect(first.results.duplicateOfJobId).toBeUndefined();
    const second = await importJob(admin, list.id, content, {}, 'again.csv');
    expect(second.state).toBe('completed');
    expect(second.sha256Sum).toBe(first.sha256Sum);
    expect(second.results).toMatchObject({
      duplicateOfJobId: first.id,
      recordCount: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
    // The log names the earlier job and when it was made (the job page shows it as a link).
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${second.id}/logs`);
    expect(logs.body.items.map((l: { message: string }) => l.message)).toContain(
      `This file has the same content (SHA-256) as an earlier import of this list: job ${first.id} of ${first.creationTimeStamp}.`,
    );
    const different = await importJob(admin, list.id, content + '5,Five,5,true,2020-01-05\n');
    expect(different.results.duplicateOfJobId).toBeUndefined();
    // A file whose earlier import failed was never loaded: a later one is no duplicate of it.
    const bad = csv([EMPLOYEE_HEADER, ...employeeRows(2), 'x,Bad,1,true,2020-01-01']);
    const failed = await importJob(admin, list.id, bad);
    expect(failed.state).toBe('failed');
    const retried = await importJob(admin, list.id, bad);
    expect(retried.state).toBe('failed');
    expect(retried.results?.duplicateOfJobId).toBeUndefined();
  });
});

describe('reading CSV files', () => {
  const COLUMNS = [
    { name: 'code', dataType: 'string', isKey: true },
    { name: 'qty', dataType: 'integer' },
    { name: 'price', dataType: 'number' },
    { name: 'note', dataType: 'string' },
  ];
  const BASIC: Row[] = [
    { code: 'A', qty: 1, price: 1.5, note: 'first' },
    { code: 'B', qty: 2, price: 2.5, note: 'second' },
  ];
  const lines = ['code,qty,price,note', 'A,1,1.5,first', 'B,2,2.5,second'];

  it.each<[string, string | Uint8Array, Record<string, string>, Row[]]>([
    ['LF line ends', lines.join('\n') + '\n', {}, BASIC],
    ['CRLF line ends', lines.join('\r\n') + '\r\n', {}, BASIC],
    ['CR-only line ends', lines.join('\r') + '\r', {}, BASIC],
    ['mixed line ends', `${lines[0]}\r\n${lines[1]}\r${lines[2]}\n`, {}, BASIC],
    ['a UTF-8 byte-order mark', '\uFEFF' + lines.join('\r\n') + '\r\n', {}, BASIC],
    ['no newline after the last record', lines.join('\n'), {}, BASIC],
    ['blank lines at the end', lines.join('\r\n') + '\r\n\r\n\r\n', {}, BASIC],
    [
      'quoted fields with delimiters, quotes and line breaks',
      'code,qty,price,note\n"A",1,1.5,"a, b"\nB,2,2.5,"say ""hi"""\nC,3,3.5,"line 1\nline 2"\nD,4,4.5,""\n',
      {},
      [
        { code: 'A', qty: 1, price: 1.5, note: 'a, b' },
        { code: 'B', qty: 2, price: 2.5, note: 'say "hi"' },
        { code: 'C', qty: 3, price: 3.5, note: 'line 1\nline 2' },
        { code: 'D', qty: 4, price: 4.5, note: null },
      ],
    ],
    [
      'a semicolon delimiter',
      'code;qty;price;note\nA;1;1.5;first\nB;2;2.5;"second; with semicolon"\n',
      { delimiter: ';' },
      [BASIC[0]!, { ...BASIC[1]!, note: 'second; with semicolon' }],
    ],
    [
      'a tab delimiter sent as a tab',
      'code\tqty\tprice\tnote\nA\t1\t1.5\tfirst\nB\t2\t2.5\tsecond\n',
      { delimiter: '\t' },
      BASIC,
    ],
    [
      'a tab delimiter sent as \\t',
      'code\tqty\tprice\tnote\nA\t1\t1.5\tfirst\nB\t2\t2.5\tsecond\n',
      { delimiter: '\\t' },
      BASIC,
    ],
    [
      'leading zeros and 30-digit values in string columns',
      'code,qty,price,note\n007,1,1,000123\n123456789012345678901234567890,2,2,-0012.50\n',
      {},
      [
        { code: '007', qty: 1, price: 1, note: '000123' },
        { code: '123456789012345678901234567890', qty: 2, price: 2, note: '-0012.50' },
      ],
    ],
    [
      'numbers with exponents',
      'code,qty,price,note\nA,1,1.5e3,x\nB,2,2E-2,y\nC,3,-3.25E+1,z\n',
      {},
      [
        { code: 'A', qty: 1, price: 1500, note: 'x' },
        { code: 'B', qty: 2, price: 0.02, note: 'y' },
        { code: 'C', qty: 3, price: -32.5, note: 'z' },
      ],
    ],
    ['spaces around typed values', 'code,qty,price,note\nA, 1 ,  1.5 ,first\nB,\t2,2.5\t,second\n', {}, BASIC],
    [
      'UTF-16LE with a byte-order mark',
      Buffer.from('\uFEFF' + 'code,qty,price,note\r\nA,1,1.5,Café\r\nB,2,2.5,Zürich €\r\n', 'utf16le'),
      {},
      [
        { code: 'A', qty: 1, price: 1.5, note: 'Café' },
        { code: 'B', qty: 2, price: 2.5, note: 'Zürich €' },
      ],
    ],
    [
      'UTF-8 text beyond ASCII',
      'code,qty,price,note\nÄ,1,1.5,日本語\n😀,2,2.5,"Ünïcödé, ok"\n',
      {},
      [
        { code: 'Ä', qty: 1, price: 1.5, note: '日本語' },
        { code: '😀', qty: 2, price: 2.5, note: 'Ünïcödé, ok' },
      ],
    ],
  ])('reads %s', async (_label, content, fields, expected) => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const job = await importJob(admin, list.id, content, fields);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results.recordCount).toBe(expected.length);
    const sortedExpected = [...expected].sort((a, b) => (String(a.code) < String(b.code) ? -1 : 1));
    const rows = await allContents(admin, list.id);
    expect([...rows].sort((a, b) => (String(a.code) < String(b.code) ? -1 : 1))).toEqual(sortedExpected);
  });

  it('refuses a Windows-1252 file with a message about UTF-8, and loads nothing', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, csv(lines));
    const bytes = Buffer.concat([
      Buffer.from('code,qty,price,note\nC,3,3.5,Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nD,4,4.5,na'),
      Buffer.from([0xef, 0x76, 0x65]),
      Buffer.from('\n'),
    ]);
    const job = await importJob(admin, list.id, bytes, {}, 'latin.csv');
    expect(job.state).toBe('failed');
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]!.message).toMatch(/UTF-8/);
    expect(job.errors[0]!.message).toMatch(/encoding|Windows-1252/i);
    expect(job.errors[0]!.remediation).toMatch(/UTF-8/);
    expect(await allContents(admin, list.id)).toEqual(BASIC);
  });

  it('refuses a binary file named .csv with a clear message', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const zip = Buffer.alloc(4096);
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]).copy(zip);
    for (let i = 10; i < zip.length; i++) zip[i] = (i * 37) % 256;
    const job = await importJob(admin, list.id, zip, {}, 'report.csv');
    expect(job.state).toBe('failed');
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]!.message).toMatch(/not a text file|binary/i);
    expect(job.errors[0]!.remediation).toMatch(/CSV/);
    expect(await recordCount(admin, list.id)).toBe(0);
  });

  it('fails an empty file with a message saying it is empty', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const response = await admin.upload(list.id, new Uint8Array(0), {}, 'empty.csv');
    // An empty upload may be refused at once (400) or fail as a job; either way it says "empty".
    if (response.status === 202) {
      const job = (await admin.waitForJob(list.id, response.body.id)) as JobBody;
      expect(job.state).toBe('failed');
      expect(job.errors).toHaveLength(1);
      expect(job.errors[0]!.message).toMatch(/empty/i);
      expect(job.errors[0]!.remediation.length).toBeGreaterThan(10);
    } else {
      const body = expectApiError(response, 400);
      expect(body.message).toMatch(/empty/i);
    }
    expect(await recordCount(admin, list.id)).toBe(0);
  });

  it('completes a header-only file without changing anything', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    await importJob(admin, list.id, csv(lines));
    for (const content of ['code,qty,price,note', 'code,qty,price,note\r\n', '\uFEFFcode,qty,price,note\n\n']) {
      const job = await importJob(admin, list.id, content);
      expect(job.state, JSON.stringify(job.errors)).toBe('completed');
      expect(job.results).toMatchObject({ recordCount: 2, inserted: 0, updated: 0 });
    }
    expect(await allContents(admin, list.id)).toEqual(BASIC);
  });
});

describe('one job per list', () => {
  it('of 20 simultaneous POSTs on one list exactly one is accepted; the other 19 get 409 naming the active job', async () => {
    const busy = await occupyWorkers(admin, workspaceId);
    const list = await createList(admin, workspaceId);
    const filesBefore = await uploadDirFiles();
    // About 1.5 MB each: every request passes the early busy check before any upload is complete,
    // so the job lock itself (not the early check) must decide.
    const content = csv([EMPLOYEE_HEADER, ...employeeRows(40_000)]);
    const responses = await Promise.all(Array.from({ length: 20 }, () => admin.upload(list.id, content)));
    const statuses = responses.map((r) => r.status).sort();
    const accepted = responses.filter((r) => r.status === 202);
    expect(
      statuses,
      responses
        .filter((r) => r.status !== 202 && r.status !== 409)
        .map((r) => r.text)
        .join('\n'),
    ).toEqual([202, ...Array(19).fill(409)]);
    const winner = accepted[0]!.body.id as string;
    for (const response of responses.filter((r) => r.status === 409)) {
      const body = expectApiError(response, 409, 40901);
      // The message says what holds the list in words; the id is for scripts, in details.
      expect(body.message).toContain('An import of data.csv, started by');
      expect(body.message).not.toContain(winner);
      expect(body.details).toContain(`activeJobId: ${winner}`);
      expect(body.details).toContain(`activeJob: /api/v1/lists/${list.id}/importJobs/${winner}`);
    }
    // Only the accepted upload is kept on disk.
    const filesAfter = await uploadDirFiles();
    expect(filesAfter.filter((f) => !filesBefore.includes(f))).toHaveLength(1);
    expect(await jobCount(list.id)).toBe(1);

    await busy.finished();
    const job = (await admin.waitForJob(list.id, winner)) as JobBody;
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job.results.recordCount).toBe(40_000);
  });

  it('cancels a pending job at once: it never runs and nothing is loaded', async () => {
    const { list, before } = await preloadedList();
    const busy = await occupyWorkers(admin, workspaceId);
    const response = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(50, 100)]));
    expect(response.status).toBe(202);
    const jobId = response.body.id as string;
    expect((await getJob(admin, list.id, jobId)).state).toBe('pending');
    const cancel = await admin.delete<JobBody>(`/api/v1/lists/${list.id}/importJobs/${jobId}`);
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ id: jobId, state: 'cancelled', cancelRequested: true });
    expect(cancel.body.completedTimeStamp).toMatch(ISO);
    expect(cancel.body.links.map((l) => l.rel)).not.toContain('cancel');

    // The list is free again at once.
    const next = await admin.upload(list.id, csv([EMPLOYEE_HEADER, ...employeeRows(1, 500)]));
    expect(next.status, next.text).toBe(202);
    const again = await admin.delete<JobBody>(`/api/v1/lists/${list.id}/importJobs/${next.body.id}`);
    expect(again.body.state).toBe('cancelled');

    await busy.finished();
    await new Promise((r) => setTimeout(r, 1500));
    const job = await getJob(admin, list.id, jobId);
    expect(job).toMatchObject({ state: 'cancelled', startedTimeStamp: null });
    expect(await allContents(admin, list.id)).toEqual(before);
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobId}/logs`);
    expect(logs.body.items.map((l: { message: string }) => l.message).join('\n')).not.toMatch(/Loaded/);
    // Cancelling a finished job answers it as it is.
    const repeat = await admin.delete<JobBody>(`/api/v1/lists/${list.id}/importJobs/${jobId}`);
    expect(repeat.body.state).toBe('cancelled');
  });

  it('stops a job another process marked failed meanwhile, without calling it cancelled', async () => {
    // What the stale-job sweep of another process does to a job whose process stalled.
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const response = await admin.upload(list.id, idFile(2_000_000));
    expect(response.status).toBe(202);
    const jobId = response.body.id as string;
    const running = await waitForState(admin, list.id, jobId, ['running', ...TERMINAL]);
    if (running.state !== 'running') return;
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      const swept =
        await sql`update jobs set state = 'failed', completed_at = now() where id = ${jobId} and state = 'running'`;
      if (swept.count === 0) return; // It had finished already.
    } finally {
      await sql.end();
    }
    await waitFor(async () => {
      const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobId}/logs`);
      return logs.body.items.some((l: { message: string }) =>
        l.message.startsWith('Stopped: the job had been marked failed'),
      );
    }, 60_000);
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobId}/logs`);
    expect(logs.body.items.map((l: { message: string }) => l.message).join('\n')).not.toMatch(
      /Cancelled on request|Loaded/,
    );
    expect((await getJob(admin, list.id, jobId)).state).toBe('failed');
    expect(await recordCount(admin, list.id)).toBe(0);
  });

  it.each([
    ['a long-running job (2M rows)', 2_000_000],
    ['a job cancelled a moment before it would end (300k rows)', 300_000],
  ])('cancels %s: it ends cancelled and nothing is loaded', async (_label, rows) => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    await importJob(admin, list.id, csv(['id', '-1', '-2']));
    const response = await admin.upload(list.id, idFile(rows));
    expect(response.status).toBe(202);
    const jobId = response.body.id as string;
    const running = await waitForState(admin, list.id, jobId, ['running', ...TERMINAL]);
    expect(running.state, 'the job should still be running when it is cancelled').toBe('running');
    const cancel = await admin.delete<JobBody>(`/api/v1/lists/${list.id}/importJobs/${jobId}`);
    expect(cancel.status).toBe(202);
    expect(cancel.body.cancelRequested).toBe(true);
    const job = (await admin.waitForJob(list.id, jobId, 'importJobs', 120_000)) as JobBody;
    if (cancel.body.state === 'completed') {
      // The job had already committed before the request arrived: consistent, and nothing to undo.
      expect(job.state).toBe('completed');
      expect(await recordCount(admin, list.id)).toBe(rows + 2);
      return;
    }
    expect(cancel.body.state).toBe('running');
    expect(
      job.state,
      `cancel was accepted while running, but the job ended ${job.state} with ${JSON.stringify(job.results)}`,
    ).toBe('cancelled');
    expect(await recordCount(admin, list.id)).toBe(2);
    expect(await allContents(admin, list.id)).toEqual([{ id: -2 }, { id: -1 }]);
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobId}/logs`);
    expect(logs.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/Cancelled/) })]),
    );
  });
});

describe('job history, logs and the original file', () => {
  let list: { id: string };
  let jobs: JobBody[];
  const latin1 = Buffer.concat([
    Buffer.from('\uFEFF' + EMPLOYEE_HEADER + '\r\n1,Ren'),
    Buffer.from([0xe9]),
    Buffer.from(',1,true,2020-01-01\r\n'),
  ]);

  beforeAll(async () => {
    list = await createList(admin, workspaceId);
    jobs = [];
    jobs.push(await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(2)])));
    jobs.push(await importJob(admin, list.id, latin1, {}, 'renée.csv'));
    jobs.push(await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)])));
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'failed', 'completed']);
  });

  it('keeps the file name as sent, also beyond ASCII (UTF-8 in the multipart header, as browsers and curl send it)', async () => {
    expect(jobs[0]!.fileName).toBe('data.csv');
    expect(jobs[1]!.fileName).toBe('renée.csv');
    const file = await getBytes(admin, `/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/file`);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('renée.csv')}`,
    );
  });

  it('lists import jobs newest first, filtered by ?state=', async () => {
    const all = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ start: 0, count: 3 });
    expect(all.body.items.map((j) => j.id)).toEqual(jobs.map((j) => j.id).reverse());
    const completed = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs?state=completed`);
    expect(completed.body.count).toBe(2);
    expect(completed.body.items.map((j) => j.id)).toEqual([jobs[2]!.id, jobs[0]!.id]);
    const failed = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs?state=failed`);
    expect(failed.body.items.map((j) => j.id)).toEqual([jobs[1]!.id]);
    expect(failed.body.items[0]!.errors).toHaveLength(1);
    const none = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs?state=running`);
    expect(none.body).toMatchObject({ count: 0, items: [] });
    const paged = await admin.get<Collection<JobBody>>(`/api/v1/lists/${list.id}/importJobs?start=1&limit=1`);
    expect(paged.body.items.map((j) => j.id)).toEqual([jobs[1]!.id]);
    expectApiError(await admin.get(`/api/v1/lists/${list.id}/importJobs?state=exploded`), 400);
  });

  it('returns leveled log lines, and ?after=<id> only newer ones', async () => {
    const logs = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/logs`);
    expect(logs.status).toBe(200);
    expect(logs.body).toMatchObject({ jobId: jobs[1]!.id, state: 'failed' });
    const items = logs.body.items as { id: number; level: string; timeStamp: string; message: string }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(['DEBUG', 'INFO', 'WARN', 'ERROR']).toContain(item.level);
      expect(item.timeStamp).toMatch(ISO);
      expect(item.message.length).toBeGreaterThan(0);
    }
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => a - b));
    expect(items.some((i) => i.level === 'ERROR' && /nothing was loaded/.test(i.message))).toBe(true);
    expect(items.some((i) => i.level === 'INFO')).toBe(true);

    const after = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/logs?after=${items[0]!.id}`);
    expect(after.body.items.map((i: { id: number }) => i.id)).toEqual(items.slice(1).map((i) => i.id));
    const tail = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/logs?after=${items.at(-1)!.id}`);
    expect(tail.body.items).toEqual([]);
    // Logs of one job never include another job's lines.
    const other = await admin.get(`/api/v1/lists/${list.id}/importJobs/${jobs[0]!.id}/logs`);
    const otherIds = new Set((other.body.items as { id: number }[]).map((i) => i.id));
    expect(items.some((i) => otherIds.has(i.id))).toBe(false);
    expect((other.body.items as { message: string }[]).some((i) => /Loaded 2 records/.test(i.message))).toBe(true);
  });

  it('writes the line saying what was loaded in the transaction that completes the job', async () => {
    // A reader that sees the job completed must find that line too: both rows carry the same
    // transaction id. (Written after COMMIT, the line showed up a moment later.)
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ same: boolean }[]>`
        select l.xmin::text = j.xmin::text as same
          from job_logs l join jobs j on j.id = l.job_id
         where j.id = ${jobs[0]!.id} and l.message like 'Loaded %'`;
      expect(rows).toEqual([{ same: true }]);
    } finally {
      await sql.end();
    }
  });

  it('times the job and every log line when they happen, in order, with numbers written with separators', async () => {
    // A load long enough that its transaction's start (now()) is well before the lines it logs.
    const list = await createList(admin, workspaceId);
    const job = await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(30_000)]));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    const logs = await admin.get(`/api/v1/jobs/${job.id}/logs`);
    const items = logs.body.items as { id: number; timeStamp: string; message: string }[];
    const times = items.map((i) => new Date(i.timeStamp).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const checked = items.findIndex((i) => i.message.startsWith('Checked and copied 30,000 records'));
    const loaded = items.length - 1;
    expect(checked, JSON.stringify(items)).toBeGreaterThanOrEqual(0);
    // Completed at the end of the load, not at the start of its transaction.
    const completed = new Date(job.completedTimeStamp!).getTime();
    expect(completed).toBeGreaterThanOrEqual(times[checked]!);
    expect(completed).toBeLessThanOrEqual(times[loaded]!);
    expect(items[loaded]!.message).toMatch(
      /^Loaded 30,000 records in .*: 30,000 new, 0 updated, 0 unchanged, 0 removed\.$/,
    );
  });

  it('returns the exact original bytes of the uploaded file', async () => {
    const file = await getBytes(admin, `/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/file`);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(latin1)).toBe(true);
    expect(sha256(file.bytes)).toBe(jobs[1]!.sha256Sum);
    const first = await getBytes(admin, `/api/v1/lists/${list.id}/importJobs/${jobs[0]!.id}/file`);
    expect(first.bytes.toString('utf8')).toBe(csv([EMPLOYEE_HEADER, ...employeeRows(2)]));
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    expect(
      (await getBytes(viewer, `/api/v1/lists/${list.id}/importJobs/${jobs[1]!.id}/file`)).bytes.equals(latin1),
    ).toBe(true);
  });
});

// Keep the default column set in sight: the tests above rely on its order.
it('uses the employee columns the helpers expect', () => {
  expect(EMPLOYEE_COLUMNS.map((c) => c.name).join(',')).toBe(EMPLOYEE_HEADER);
});
