import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, importAndWait, type Api } from '../support/api';

/**
 * What spreadsheets export below a table: rows of delimiters only (`;;;;;;`). They are not data:
 * the API import, the direct load and the staged path leave them out (docs/import-rules.md).
 */

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
