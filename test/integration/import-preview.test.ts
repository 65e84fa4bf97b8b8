import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { csv, importJob } from '../support/list-helpers';

/**
 * `POST …/importPreview`: the server's own checks, run in a worker thread with its own connection,
 * say what an import would do without loading anything.
 */

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

const COLUMNS = [
  { name: 'code', dataType: 'string', isKey: true },
  { name: 'qty', dataType: 'integer' },
  { name: 'note', dataType: 'string', required: false },
];

function preview(listId: string, file: string | Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('dataFile', new Blob([file]), 'data.csv');
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return admin.request('POST', `/api/v1/lists/${listId}/importPreview`, { body: form });
}

describe('import preview', () => {
  it('counts new, updated, unchanged and replaced records and loads nothing', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    expect((await importJob(admin, list.id, csv(['code,qty,note', 'A,1,a', 'B,2,b', 'C,3,c']))).state).toBe(
      'completed',
    );
    const file = csv(['code,qty,note', 'A,1,a', 'B,20,b', 'D,4,d']);

    const upsert = await preview(list.id, file);
    expect(upsert.status, upsert.text).toBe(200);
    expect(upsert.body).toMatchObject({
      valid: true,
      mode: 'upsert',
      rowsRead: 3,
      newRecords: 1,
      updatedRecords: 1,
      unchangedRecords: 1,
      // What a replace would remove, whatever the mode: the summary step warns with it.
      removedByReplace: 1,
      errors: [],
    });
    const replace = await preview(list.id, file, { mode: 'replace' });
    expect(replace.body).toMatchObject({ valid: true, mode: 'replace', removedByReplace: 1 });

    const contents = await admin.request('GET', `/api/v1/lists/${list.id}/contents`);
    expect(contents.body.count).toBe(3);
  });

  it('lists every bad row with its row number, as an import would', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const result = await preview(list.id, csv(['code,qty,note', 'A,1,', 'B,two,', 'C,3.5,']));
    expect(result.status, result.text).toBe(200);
    expect(result.body).toMatchObject({ valid: false, rowsRead: 3 });
    expect(result.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'qty'],
      [4, 'qty'],
    ]);
  });

  it('names the row and column of a byte that is not UTF-8 (the thread reads the file again to find it)', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const result = await preview(list.id, Buffer.from('code,qty,note\nA,1,ok\nB,2,Crème\n', 'latin1'));
    expect(result.status, result.text).toBe(200);
    expect(result.body.valid).toBe(false);
    expect(result.body.errors[0]).toMatchObject({ row: 3, column: 'note' });
    expect(result.body.errors[0].message).toMatch(/^Row 3, column "note": the file is not valid UTF-8 text/);
  });

  it('answers previews of one list side by side', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const rows = Array.from({ length: 20_000 }, (_, i) => `K${i},${i},n${i}`);
    const [a, b] = await Promise.all([
      preview(list.id, csv(['code,qty,note', ...rows])),
      preview(list.id, csv(['code,qty,note', ...rows.slice(0, 10)])),
    ]);
    expect(a.body).toMatchObject({ valid: true, rowsRead: 20_000, newRecords: 20_000 });
    expect(b.body).toMatchObject({ valid: true, rowsRead: 10, newRecords: 10 });
  });
});
