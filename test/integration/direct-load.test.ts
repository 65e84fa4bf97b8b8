import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, type Api } from '../support/api';

/**
 * First loads of empty lists go straight to COPY with the file's text; whatever PostgreSQL or the
 * validator refuses must fall back to the staged path and end in a truthful state — never hang.
 * (A COPY error arriving after the end of the data once left the job running forever.)
 */
const COLUMNS = [
  { name: 'code', dataType: 'string', isKey: true },
  { name: 'qty', dataType: 'integer' },
  { name: 'note', dataType: 'string' },
];

describe('first load of an empty list', () => {
  let admin: Api;
  let workspaceId: string;
  beforeAll(async () => {
    admin = await adminApi();
    workspaceId = await createWorkspace(admin);
  });

  const cases: [string, string, 'completed' | 'failed', RegExp | number][] = [
    ['a duplicate key', 'code,qty,note\nA,1,x\nB,2,y\nA,3,z\n', 'failed', /appears more than once/],
    ['a bad value on the last row', 'code,qty,note\nA,1,x\nB,two,y\n', 'failed', /is not a whole number/],
    ['blank lines at the end', 'code,qty,note\r\nA,1,x\r\nB,2,y\r\n\r\n\r\n', 'completed', 2],
    ['a quoted empty value', 'code,qty,note\nA,1,""\n', 'completed', 1],
    ['a multi-byte delimiter', 'code§qty§note\nA§1§x\n', 'completed', 1],
  ];

  it.each(cases)('ends in a truthful state with %s, every time', async (_name, file, state, expectation) => {
    for (let run = 0; run < 6; run++) {
      const list = await createList(admin, workspaceId, COLUMNS);
      const fields: Record<string, string> = file.includes('§') ? { delimiter: '§' } : {};
      const response = await admin.upload(list.id, file, fields);
      expect(response.status, response.text).toBe(202);
      const job = await admin.waitForJob(list.id, response.body.id, 'importJobs', 15_000);
      expect(job.state).toBe(state);
      if (typeof expectation === 'number') {
        expect(job.results.inserted).toBe(expectation);
        const contents = await admin.get(`/api/v1/lists/${list.id}/contents`);
        expect(contents.body.count).toBe(expectation);
      } else {
        expect(job.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(expectation);
        expect((await admin.get(`/api/v1/lists/${list.id}`)).body.recordCount).toBe(0);
      }
    }
  });

  it('stores a quoted empty value as empty (null), as the staged path does', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const response = await admin.upload(list.id, 'code,qty,note\nA,1,""\nB,,\n'.replace('B,,', 'B,2,'));
    await admin.waitForJob(list.id, response.body.id);
    const contents = await admin.get(`/api/v1/lists/${list.id}/contents?sortBy=code:ascending`);
    expect(contents.body.items).toEqual([
      { code: 'A', qty: 1, note: null },
      { code: 'B', qty: 2, note: null },
    ]);
  });
});
