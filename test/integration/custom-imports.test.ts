import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, userWithRole } from '../support/api';
import {
  allContents,
  expectApiError,
  getBytes,
  ID_COLUMNS,
  idFile,
  sha256,
  TERMINAL,
  waitForState,
  type Collection,
  type JobBody,
} from '../support/list-helpers';

const EXCEL = '0.0.1-excel-sheet';
const JSONL = '0.0.1-json-records';
const CONTACTS = '0.0.1-contacts-cleanup';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const PRODUCT_COLUMNS = [
  { name: 'sku', dataType: 'string', isKey: true },
  { name: 'name', dataType: 'string', required: true },
  { name: 'price', dataType: 'number' },
  { name: 'launched', dataType: 'date' },
  { name: 'stock', dataType: 'integer' },
];

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

type Row = (string | number | boolean | Date | null | ExcelJS.CellFormulaValue)[];

async function xlsx(rows: Row[], sheetName = 'Products'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Read me').addRow(['Prices are in EUR']);
  const sheet = wb.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PRODUCTS: Row[] = [
  ['sku', 'name', 'price', 'launched', 'stock'],
  ['A-1', 'Widget', 0.1 + 0.2, new Date(Date.UTC(2024, 0, 15)), 10],
  ['A-2', 'Gadget', 12.5, 45352, { formula: 'E2*2', result: 20 }],
];

/** The seed's file object: `{name, size, type, data}` with the content in base64. */
function fileObject(name: string, content: Buffer | string, type = 'application/octet-stream') {
  const bytes = Buffer.from(content);
  return { name, size: bytes.length, type, data: bytes.toString('base64') };
}

/** The seed's values: `[{type, name, value}]`. */
function seedValues(values: Record<string, unknown>) {
  return Object.entries(values).map(([name, value]) => ({
    type: typeof value === 'object' ? 'file' : typeof value,
    name,
    value,
  }));
}

function customImport(
  api: Api,
  viewId: string,
  script: string,
  op: 'validate-input' | 'preview' | 'submit-job',
  body: unknown,
) {
  return api.post(`/api/v1/view/${viewId}/custom-import/${script}/${op}`, body);
}

async function excelValues(listId: string, rows: Row[] = PRODUCTS, extra: Record<string, unknown> = {}) {
  return seedValues({
    file: fileObject('catalogue.xlsx', await xlsx(rows)),
    sheet: 'Products',
    headerRow: 1,
    list: listId,
    ...extra,
  });
}

async function jobOf(api: Api, listId: string, jobId: string): Promise<JobBody> {
  return (await api.waitForJob(listId, jobId)) as JobBody;
}

async function logsOf(api: Api, listId: string, jobId: string): Promise<{ level: string; message: string }[]> {
  return (await api.get(`/api/v1/lists/${listId}/importJobs/${jobId}/logs`)).body.items;
}

describe('GET /api/v1/custom-imports', () => {
  it('lists the registered scripts with their declared inputs, in the envelope', async () => {
    const response = await admin.get('/api/v1/custom-imports');
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ status: 'SUCCESS', message: expect.any(String) });
    const scripts = response.body.payload as {
      id: string;
      name: string;
      version: string;
      description: string;
      inputs: { name: string; type: string; label: string }[];
    }[];
    expect(scripts.map((s) => s.id)).toEqual([CONTACTS, EXCEL, JSONL]);
    const excel = scripts.find((s) => s.id === EXCEL)!;
    expect(excel).toMatchObject({
      name: 'excel-sheet',
      version: '0.0.1',
      description: expect.stringContaining('.xlsx'),
    });
    expect(excel.inputs.map((i) => [i.name, i.type])).toEqual([
      ['file', 'file'],
      ['sheet', 'select'],
      ['headerRow', 'number'],
      ['list', 'list'],
      ['mode', 'select'],
      ['errorThreshold', 'number'],
      ['skipSourceProblems', 'checkbox'],
    ]);
    expect((await admin.get(`/api/v1/custom-imports/${EXCEL}.ts`)).body.payload.id).toBe(EXCEL);
    expectApiError(await admin.get('/api/v1/custom-imports/9.9.9-nope'), 404);
    expectApiError(await new Api(admin.baseUrl).get('/api/v1/custom-imports'), 401);
  });
});

describe('POST …/validate-input', () => {
  it('answers SUCCESS with the sheet choices filled from the uploaded workbook (seed JSON, base64 file)', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const response = await customImport(admin, workspaceId, EXCEL, 'validate-input', {
      values: await excelValues(list.id),
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      status: 'SUCCESS',
      message: 'The inputs are valid.',
      payload: { valid: true },
    });
    expect(response.body.payload.options.sheet.options.map((o: { value: string }) => o.value)).toEqual([
      'Read me',
      'Products',
    ]);
  });

  it('accepts the file as a data: URL and values as an object too', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const bytes = await xlsx(PRODUCTS);
    const response = await customImport(admin, workspaceId, EXCEL, 'validate-input', {
      values: {
        file: {
          name: 'c.xlsx',
          data: `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${bytes.toString('base64')}`,
        },
        sheet: 'Products',
        headerRow: '1',
        list: list.name,
      },
    });
    expect(response.body.payload, response.text).toMatchObject({ valid: true });
  });

  it('answers ERROR with a message on each invalid input', async () => {
    const other = await createWorkspace(admin);
    const foreign = await createList(admin, other, PRODUCT_COLUMNS);
    const response = await customImport(admin, workspaceId, EXCEL, 'validate-input', {
      values: seedValues({
        file: fileObject('catalogue.csv', 'sku,name\n'),
        sheet: 'Products',
        headerRow: 0,
        list: foreign.id,
        mode: 'merge',
      }),
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.status).toBe('ERROR');
    expect(response.body.payload.valid).toBe(false);
    const byInput = Object.fromEntries(
      response.body.payload.messages.map((m: { input: string; message: string }) => [m.input, m.message]),
    );
    expect(byInput).toMatchObject({
      file: expect.stringContaining('.xlsx'),
      headerRow: '"Header row" must be at least 1.',
      list: expect.stringContaining(`There is no list "${foreign.id}" in this workspace`),
      mode: expect.stringContaining('"merge" is not one of the choices'),
    });
    for (const m of response.body.payload.messages)
      expect(m).toMatchObject({
        status: expect.stringMatching(/^(INFO|WARN|ERROR)$/),
        title: expect.any(String),
        message: expect.any(String),
      });
  });

  it('refuses a file object whose data does not match its size, in the API error shape', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const response = await customImport(admin, workspaceId, EXCEL, 'validate-input', {
      values: seedValues({ file: { name: 'a.xlsx', size: 999, data: 'AAAA' }, list: list.id }),
    });
    expectApiError(response, 400);
    expect(response.body.message).toMatch(/should have 999 bytes but its data decodes to 3/);
  });
});

describe('POST …/preview', () => {
  it('previews the records as the list receives them — the same from a JSON and a multipart request', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const json = await customImport(admin, workspaceId, EXCEL, 'preview', { values: await excelValues(list.id) });
    expect(json.status, json.text).toBe(200);
    expect(json.body).toMatchObject({
      status: 'SUCCESS',
      payload: { valid: true, totalRows: 2, columns: ['Sheet row', 'sku', 'name', 'price', 'launched', 'stock'] },
    });
    expect(json.body.payload.rows).toEqual([
      ['2', 'A-1', 'Widget', '0.3', '2024-01-15', '10'],
      ['3', 'A-2', 'Gadget', '12.5', '2024-03-01', '20'],
    ]);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await xlsx(PRODUCTS))]), 'catalogue.xlsx');
    form.append('values', JSON.stringify(seedValues({ sheet: 'Products', headerRow: '1' })));
    form.append('list', list.id);
    const multipart = await admin.request('POST', `/api/v1/view/${workspaceId}/custom-import/${EXCEL}/preview`, {
      body: form,
    });
    expect(multipart.status, multipart.text).toBe(200);
    expect(multipart.body.payload.rows).toEqual(json.body.payload.rows);
  });

  it('answers 400 with the messages when the inputs are invalid', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const response = await customImport(admin, workspaceId, EXCEL, 'preview', {
      values: await excelValues(list.id, PRODUCTS, { sheet: 'Missing' }),
    });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ status: 'ERROR', payload: { valid: false } });
    expect(response.body.payload.messages).toContainEqual(expect.objectContaining({ status: 'ERROR', input: 'sheet' }));
  });
});

describe('who may run custom imports (viewId = workspace)', () => {
  it('answers 404 outside the caller’s workspaces, 403 to a viewer, 401 without a token', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const body = { values: await excelValues(list.id) };
    const other = await createWorkspace(admin);
    const outsider = await userWithRole(admin, other, 'editor');
    const viewer = await userWithRole(admin, workspaceId, 'viewer');
    for (const op of ['validate-input', 'preview', 'submit-job'] as const) {
      expectApiError(await customImport(outsider, workspaceId, EXCEL, op, body), 404);
      const forbidden = expectApiError(await customImport(viewer, workspaceId, EXCEL, op, body), 403);
      expect(forbidden.message).toMatch(/needs the editor role/);
      expectApiError(await customImport(new Api(admin.baseUrl), workspaceId, EXCEL, op, body), 401);
    }
    expectApiError(await customImport(admin, '00000000-0000-4000-8000-000000000000', EXCEL, 'preview', body), 404);
    expectApiError(await customImport(admin, workspaceId, '0.0.1-nope', 'preview', body), 404);
    expect((await admin.get<Collection<JobBody>>(`/api/v1/jobs?listId=${list.id}`)).body.count).toBe(0);
  });
});

describe('POST …/submit-job', () => {
  it('answers the seed’s 200 envelope; the job runs like an import job and loads the sheet', async () => {
    const editor = await userWithRole(admin, workspaceId, 'editor');
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const values = await excelValues(list.id);
    const preview = (await customImport(editor, workspaceId, EXCEL, 'preview', { values })).body.payload;
    const response = await customImport(editor, workspaceId, EXCEL, 'submit-job', { values, preview });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      status: 'SUCCESS',
      payload: { valid: true, jobId: expect.stringMatching(new RegExp(`^${UUID}$`)) },
    });
    const jobId = response.body.payload.jobId as string;
    expect(response.body.payload.messages).toEqual([
      { status: 'INFO', title: 'Success', message: `Custom import job ${EXCEL}-${jobId} submitted` },
    ]);
    expect(response.body.message).toBe(`Custom import job ${EXCEL}-${jobId} submitted`);

    const job = await jobOf(editor, list.id, jobId);
    expect(job, JSON.stringify(job.errors)).toMatchObject({
      state: 'completed',
      kind: 'custom',
      customImportId: EXCEL,
      // Named for people in job lists and titles ("Custom import “Excel workbook sheet → list”").
      customImportTitle: 'Excel workbook sheet → list',
      createdBy: editor.email,
      listId: list.id,
      totalErrors: 0,
    });
    expect(job.results).toMatchObject({ recordCount: 2, inserted: 2, rowsRead: 2, revision: 1 });
    // A custom import is a revision of the list like any load (docs/revisions.md).
    const history = (await admin.get(`/api/v1/lists/${list.id}/revisions`)).body;
    expect(history.items[0]).toMatchObject({ revision: 1, kind: 'custom', jobId, counts: { new: 2 }, kept: true });
    expect(await allContents(admin, list.id, 'sortBy=sku:ascending')).toEqual([
      expect.objectContaining({ sku: 'A-1', name: 'Widget', price: 0.3, launched: '2024-01-15', stock: 10 }),
      expect.objectContaining({ sku: 'A-2', name: 'Gadget', price: 12.5, launched: '2024-03-01', stock: 20 }),
    ]);

    // In the job history, with logs and the loaded file (the CSV the script produced).
    const all = (await admin.get<Collection<JobBody>>(`/api/v1/jobs?kind=custom&listId=${list.id}`)).body;
    expect(all.items.map((j) => j.id)).toEqual([jobId]);
    const logs = await logsOf(editor, list.id, jobId);
    expect(logs.map((l) => l.message).join('\n')).toMatch(
      /Running custom import 0\.0\.1-excel-sheet[\s\S]*\[script\] Reading sheet "Products"[\s\S]*Loaded 2 records/,
    );
    const file = await getBytes(editor, `/api/v1/lists/${list.id}/importJobs/${jobId}/file`);
    expect(file.status).toBe(200);
    expect(file.bytes.toString()).toBe(
      'sku,name,price,launched,stock\r\nA-1,Widget,0.3,2024-01-15,10\r\nA-2,Gadget,12.5,2024-03-01,20\r\n',
    );
    expect(job.sha256Sum).toBe(sha256(file.bytes));
    expect(job.fileName).toBe('catalogue.excel-sheet.csv');
  });

  it('accepts a multipart submission', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await xlsx(PRODUCTS))]), 'catalogue.xlsx');
    form.append('values', JSON.stringify({ sheet: 'Products', headerRow: 1, list: list.id, mode: 'append' }));
    const response = await admin.request('POST', `/api/v1/view/${workspaceId}/custom-import/${EXCEL}/submit-job`, {
      body: form,
    });
    expect(response.status, response.text).toBe(200);
    const job = await jobOf(admin, list.id, response.body.payload.jobId);
    expect(job).toMatchObject({ state: 'completed', mode: 'append' });
  });

  it('re-validates at submit: invalid inputs → 400 envelope and no job', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const response = await customImport(admin, workspaceId, EXCEL, 'submit-job', {
      values: await excelValues(list.id, PRODUCTS, { headerRow: 7 }),
    });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({
      status: 'ERROR',
      payload: { valid: false, messages: [expect.objectContaining({ status: 'ERROR', input: 'headerRow' })] },
    });
    expect((await admin.get<Collection<JobBody>>(`/api/v1/jobs?listId=${list.id}`)).body.count).toBe(0);
  });

  it('never loads a tampered preview: the server reads the inputs again and says so', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const values = await excelValues(list.id);
    const preview = (await customImport(admin, workspaceId, EXCEL, 'preview', { values })).body.payload;
    preview.rows = [['2', 'HACK', 'Injected', '0', '2024-01-01', '1']];
    const response = await customImport(admin, workspaceId, EXCEL, 'submit-job', { values, preview });
    expect(response.status, response.text).toBe(200);
    expect(response.body.payload.messages).toContainEqual(
      expect.objectContaining({ status: 'WARN', title: 'Preview ignored' }),
    );
    expect((await jobOf(admin, list.id, response.body.payload.jobId)).state).toBe('completed');
    expect((await allContents(admin, list.id)).map((r) => r.sku).sort()).toEqual(['A-1', 'A-2']);
  });

  it('fails the job with row, column and value when a record breaks the list’s rules — nothing is loaded', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const rows: Row[] = [...PRODUCTS, ['A-3', 'Broken', 'twelve', null, 1]];
    const response = await customImport(admin, workspaceId, EXCEL, 'submit-job', {
      values: await excelValues(list.id, rows),
    });
    expect(response.status, response.text).toBe(200);
    const job = await jobOf(admin, list.id, response.body.payload.jobId);
    expect(job.state).toBe('failed');
    expect(job.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'price',
        value: 'twelve',
        message: expect.stringContaining('is not a number'),
      }),
    ]);
    expect(await allContents(admin, list.id)).toEqual([]);
  });

  it('says when checking stopped at the error threshold: results.stoppedAtErrorThreshold, errors a floor', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const submit = async (content: string, errorThreshold: number) => {
      const response = await customImport(admin, workspaceId, JSONL, 'submit-job', {
        values: seedValues({ file: fileObject('ids.jsonl', content), list: list.id, errorThreshold }),
      });
      expect(response.status, response.text).toBe(200);
      return jobOf(admin, list.id, response.body.payload.jobId);
    };
    const notNumbers = Array.from({ length: 5 }, (_, i) => `{"id": "x${i}"}`).join('\n') + '\n';
    // The records break the list's rules: the load's own check stops at 2 errors.
    const stopped = await submit(notNumbers, 2);
    expect(stopped.state).toBe('failed');
    expect(stopped.errors).toHaveLength(2);
    expect(stopped.results).toMatchObject({ stoppedAtErrorThreshold: true });
    // Under the threshold every error is there and nothing says it stopped.
    const complete = await submit(notNumbers, 10);
    expect(complete.state).toBe('failed');
    expect(complete.errors).toHaveLength(5);
    expect(complete.results).not.toHaveProperty('stoppedAtErrorThreshold');
    // Problems the script found in the source stop at the threshold too.
    const notJson = Array.from({ length: 5 }, (_, i) => `{"id": ${i},,}`).join('\n') + '\n';
    const source = await submit(notJson, 3);
    expect(source.state).toBe('failed');
    expect(source.errors).toHaveLength(3);
    expect(source.results).toMatchObject({ stoppedAtErrorThreshold: true });
    expect(await allContents(admin, list.id)).toEqual([]);
  });

  it('answers 409 when the list is busy with another job', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const blocker = await admin.upload(list.id, idFile(1_000_000));
    expect(blocker.status, blocker.text).toBe(202);
    const values = seedValues({ file: fileObject('ids.jsonl', '{"id": 1}\n'), list: list.id });
    const response = await customImport(admin, workspaceId, JSONL, 'submit-job', { values });
    const error = expectApiError(response, 409);
    expect(error.details).toContain(`activeJobId: ${blocker.body.id}`);
    await waitForState(admin, list.id, blocker.body.id, TERMINAL, 120_000);
  });
});

describe('the JSON and contacts scripts as jobs', () => {
  it('loads JSON Lines with nested fields', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'name', dataType: 'string' },
      { name: 'address.city', dataType: 'string' },
    ]);
    const content =
      '{"id": 1, "name": "Ada", "address": {"city": "London"}}\n{"id": 2, "name": "Linus", "address": {"city": "Helsinki"}}\n';
    const response = await customImport(admin, workspaceId, JSONL, 'submit-job', {
      values: seedValues({ file: fileObject('people.jsonl', content), format: 'auto', list: list.id }),
    });
    expect(response.status, response.text).toBe(200);
    expect((await jobOf(admin, list.id, response.body.payload.jobId)).state).toBe('completed');
    expect((await allContents(admin, list.id, 'sortBy=id:ascending')).map((r) => r['address.city'])).toEqual([
      'London',
      'Helsinki',
    ]);
  });

  it('malformed JSON fails the job cleanly, with the reasons in its errors and logs; the server carries on', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const bad = await customImport(admin, workspaceId, JSONL, 'submit-job', {
      values: seedValues({ file: fileObject('ids.jsonl', '{"id": 1}\n{"id": 2,,}\n'), list: list.id }),
    });
    expect(bad.status, bad.text).toBe(200);
    const badJob = await jobOf(admin, list.id, bad.body.payload.jobId);
    expect(badJob.state).toBe('failed');
    expect(badJob.errors).toEqual([
      expect.objectContaining({ row: 3, message: expect.stringContaining('Record 2 (line 2) is not valid JSON') }),
    ]);

    const broken = await customImport(admin, workspaceId, JSONL, 'submit-job', {
      values: seedValues({ file: fileObject('ids.json', '[{"id": 1},\n{"id": 2'), list: list.id }),
    });
    expect(broken.status, broken.text).toBe(200);
    const brokenJob = await jobOf(admin, list.id, broken.body.payload.jobId);
    expect(brokenJob.state).toBe('failed');
    expect(brokenJob.errors[0]!.message).toMatch(/^The import script failed: The file ends before the array is closed/);
    const logs = await logsOf(admin, list.id, broken.body.payload.jobId);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: expect.stringMatching(/^The import script failed: The file ends before the array is closed/),
      }),
    );
    expect(await allContents(admin, list.id)).toEqual([]);
    expect((await admin.get('/api/health')).status).toBe(200);
  });

  it('a cancelled custom job loads nothing', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const lines: string[] = [];
    for (let i = 1; i <= 1_000_000; i++) lines.push(`{"id":${i}}`);
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')]), 'many.jsonl');
    form.append('list', list.id);
    const response = await admin.request('POST', `/api/v1/view/${workspaceId}/custom-import/${JSONL}/submit-job`, {
      body: form,
    });
    expect(response.status, response.text).toBe(200);
    const jobId = response.body.payload.jobId as string;
    await waitForState(admin, list.id, jobId, ['running', ...TERMINAL]);
    const cancel = await admin.delete(`/api/v1/lists/${list.id}/importJobs/${jobId}`);
    expect(cancel.status, cancel.text).toBe(202);
    const job = await jobOf(admin, list.id, jobId);
    expect(job.state).toBe('cancelled');
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.recordCount).toBe(0);
  });

  it('cleans contacts: names split, emails lower-cased, phones in E.164, duplicates dropped', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'email', dataType: 'string', isKey: true },
      { name: 'firstName', dataType: 'string' },
      { name: 'lastName', dataType: 'string' },
      { name: 'phone', dataType: 'string' },
    ]);
    const csv =
      'Name,Email,Phone\n"DOE, JOHN", John.Doe@Example.COM ,(415) 555-2671\n"DOE, JOHN",john.doe@example.com,415-555-2671\nAda Lovelace,ADA@example.org,+44 20 7946 0958\n';
    const values = seedValues({
      file: fileObject('contacts.csv', csv, 'text/csv'),
      delimiter: 'auto',
      nameColumn: 'Name',
      emailColumn: 'Email',
      phoneColumn: 'Phone',
      defaultCountry: 'US',
      invalidValues: 'reject',
      list: list.id,
    });
    const preview = await customImport(admin, workspaceId, CONTACTS, 'preview', { values });
    expect(preview.body.payload.rows[0], preview.text).toEqual([
      2,
      'DOE, JOHN',
      'John',
      'Doe',
      ' John.Doe@Example.COM ',
      'john.doe@example.com',
      '(415) 555-2671',
      '+14155552671',
      '',
    ]);
    const response = await customImport(admin, workspaceId, CONTACTS, 'submit-job', { values });
    expect(response.status, response.text).toBe(200);
    const job = await jobOf(admin, list.id, response.body.payload.jobId);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id, 'sortBy=email:ascending')).toEqual([
      expect.objectContaining({
        email: 'ada@example.org',
        firstName: 'Ada',
        lastName: 'Lovelace',
        phone: '+442079460958',
      }),
      expect.objectContaining({
        email: 'john.doe@example.com',
        firstName: 'John',
        lastName: 'Doe',
        phone: '+14155552671',
      }),
    ]);
  });
});

describe('problems in the data are found before submit (issue 18, point 8)', () => {
  const WITH_ERROR_CELL: Row[] = [
    ['sku', 'name', 'price', 'launched', 'stock'],
    ['A-1', 'Widget', 1, null, 1],
    ['A-2', 'Gadget', 2, null, 2],
    ['A-3', 'Gizmo', 3, null, 3],
  ];
  async function valuesWithErrorCell(listId: string, extra: Record<string, unknown> = {}) {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Products');
    for (const row of WITH_ERROR_CELL) sheet.addRow(row);
    sheet.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    return seedValues({
      file: fileObject('catalogue.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
      sheet: 'Products',
      headerRow: 1,
      list: listId,
      ...extra,
    });
  }

  it('a preview with an error cell is not valid: rows, every problem with its cell, and submit refused', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const values = await valuesWithErrorCell(list.id);
    const response = await customImport(admin, workspaceId, EXCEL, 'preview', { values });
    expect(response.status, response.text).toBe(200);
    expect(response.body.status).toBe('ERROR');
    const preview = response.body.payload;
    expect(preview).toMatchObject({ valid: false, totalRows: 3 });
    expect(preview.rows.map((r: string[]) => r[1])).toEqual(['A-1', 'A-3']);
    expect(preview.messages).toContainEqual(
      expect.objectContaining({ status: 'ERROR', title: 'Cell C3', cell: 'C3', skippable: true }),
    );
    expect(preview.messages).toContainEqual(
      expect.objectContaining({ status: 'ERROR', title: 'Problems in the data' }),
    );

    const refused = await customImport(admin, workspaceId, EXCEL, 'submit-job', { values, preview });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.message).toContain('The preview found 1 problem in the data');
    expect((await admin.get<Collection<JobBody>>(`/api/v1/jobs?listId=${list.id}`)).body.count).toBe(0);
  });

  it('with skipSourceProblems the rows with error cells are left out knowingly, and logged', async () => {
    const list = await createList(admin, workspaceId, PRODUCT_COLUMNS);
    const values = await valuesWithErrorCell(list.id, { skipSourceProblems: true });
    const preview = (await customImport(admin, workspaceId, EXCEL, 'preview', { values })).body.payload;
    expect(preview.valid).toBe(true);
    const response = await customImport(admin, workspaceId, EXCEL, 'submit-job', { values, preview });
    expect(response.status, response.text).toBe(200);
    const job = await jobOf(admin, list.id, response.body.payload.jobId);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect((await allContents(admin, list.id, 'sortBy=sku:ascending')).map((r) => r.sku)).toEqual(['A-1', 'A-3']);
    const logs = (await logsOf(admin, list.id, job.id)).map((l) => l.message);
    expect(logs).toContainEqual(expect.stringMatching(/^Left out row 3: .*#N\/A/));
    expect(logs).toContainEqual('1 row was left out because the source could not give it, as asked.');
  });
});
