import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, importAndWait, uniqueName, type Api } from '../support/api';

/**
 * What spreadsheets export beside a table: rows of delimiters only (`;;;;;;`) and columns with no
 * name and no value (`note;;`). Neither is data: the API import, the direct load and the staged
 * path leave them out, and the guess does not propose them (docs/import-rules.md).
 */

/** The file a QA tester exported from Excel: two empty named columns, two rows of delimiters only. */
const EXCEL_FILE =
  'sku;price;qty;valid_from;note;;\nA-1;1,50;2;31/12/2024;x;;\nA-2;2,50;3;01/01/2025;;;\n;;;;;;\n;;;;;;\n';

const TEXT_COLUMNS = [
  { name: 'code', dataType: 'string', isKey: true },
  { name: 'qty', dataType: 'integer', required: false },
  { name: 'note', dataType: 'string' },
];

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

const messages = (job: { errors: { message: string }[] }) => job.errors.map((e) => e.message).join(' | ');

describe('rows of delimiters only', () => {
  it('are not records on the first load (the direct path) nor on a later one (the staged path)', async () => {
    const list = await createList(admin, workspaceId, TEXT_COLUMNS);
    const first = await importAndWait(admin, list.id, 'code,qty,note\nA,1,x\n,,\nB,2,\n,,\n');
    expect(first.state, messages(first)).toBe('completed');
    expect(first.results).toMatchObject({ rowsRead: 2, inserted: 2 });
    const second = await importAndWait(admin, list.id, 'code,qty,note\r\n,,\r\nA,3,y\r\n,,\r\n\r\nC,,\r\n,,\r\n');
    expect(second.state, messages(second)).toBe('completed');
    expect(second.results).toMatchObject({ rowsRead: 2, inserted: 1, updated: 1 });
    const contents = await admin.get(`/api/v1/lists/${list.id}/contents?sortBy=code:ascending`);
    expect(contents.body.items).toEqual([
      { code: 'A', qty: 3, note: 'y' },
      { code: 'B', qty: 2, note: null },
      { code: 'C', qty: null, note: null },
    ]);
  });

  it('keep the rows after them numbered as in the file', async () => {
    const list = await createList(admin, workspaceId, TEXT_COLUMNS);
    const job = await importAndWait(admin, list.id, 'code,qty,note\n,,\n,,\nA,two,x\n');
    expect(job.state).toBe('failed');
    expect(job.results.rowsRead).toBe(1);
    expect(messages(job)).toMatch(/Row 4\b.*whole number/);
    expect(messages(job)).not.toMatch(/Row [23]\b/);
  });
});

describe('columns with no name and no value', () => {
  it('are not proposed by the guess, and the file then loads as it is (the reported file)', async () => {
    const form = new FormData();
    form.append('dataFile', new Blob([EXCEL_FILE]), 'prices.csv');
    const proposal = await admin.request('POST', '/api/v1/lists/guess', { body: form });
    expect(proposal.status, proposal.text).toBe(200);
    expect(proposal.body.columns.map((c: { name: string }) => c.name)).toEqual([
      'sku',
      'price',
      'qty',
      'valid_from',
      'note',
    ]);
    expect(proposal.body).toMatchObject({ rowsRead: 2, delimiter: ';' });
    const created = await admin.post('/api/v1/lists', {
      name: uniqueName(proposal.body.name),
      workspaceId,
      columns: proposal.body.columns,
    });
    expect(created.status, created.text).toBe(201);
    for (const run of [1, 2]) {
      // The first load takes the direct path, the second the staged one (the list has contents).
      const job = await importAndWait(admin, created.body.id, EXCEL_FILE, { delimiter: ';' });
      expect(job.state, `run ${run}: ${messages(job)}`).toBe('completed');
      expect(job.results.rowsRead).toBe(2);
    }
    const contents = await admin.get(`/api/v1/lists/${created.body.id}/contents?sortBy=sku:ascending`);
    expect(contents.body.items).toMatchObject([
      { sku: 'A-1', price: 1.5, qty: 2, valid_from: '2024-12-31' },
      { sku: 'A-2', price: 2.5, qty: 3, valid_from: '2025-01-01' },
    ]);
  });

  it('are left out anywhere in the header; a value in one is refused on its row', async () => {
    const list = await createList(admin, workspaceId, TEXT_COLUMNS);
    const ok = await importAndWait(admin, list.id, 'code,,qty,note, \nA,,1,x,\nB,,2,,\n');
    expect(ok.state, messages(ok)).toBe('completed');
    expect(ok.results).toMatchObject({ rowsRead: 2, inserted: 2 });
    const refused = await importAndWait(admin, list.id, 'code,qty,note,\nC,1,x,\nD,2,y,stray\nE,3\n');
    expect(refused.state).toBe('failed');
    expect(messages(refused)).toMatch(/Row 3 has the value "stray" in column D, which has no name in the header row/);
    expect(messages(refused)).toMatch(/Row 4 has 2 values, but the header has 4 columns/);
    expect((await admin.get(`/api/v1/lists/${list.id}`)).body.recordCount).toBe(2);
  });

  it('still refuses a header that misses a list column', async () => {
    const list = await createList(admin, workspaceId, TEXT_COLUMNS);
    const job = await importAndWait(admin, list.id, 'code,,note\nA,,x\n');
    expect(job.state).toBe('failed');
    expect(messages(job)).toMatch(/missing: "qty"/);
  });
});
