import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, uniqueName, userWithRole } from '../support/api';
import { expectApiError } from '../support/list-helpers';

/**
 * A list's definition travels with every request about the list and every page of `GET /lists`, so
 * what it may hold is bounded as a whole, not only column by column (fourth attacker pass: an editor
 * could add 1 MB of allowed values per column; five lists of 8.7 MB made ten viewers' `GET /lists`
 * take 30–44 s and 1.7 GB, and every other request waited up to 9 s). Definitions PostgreSQL cannot
 * store are a 400 that says why, not a 500.
 */

let admin: Api;
let editor: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  editor = await userWithRole(admin, workspaceId, 'editor');
});

/** `count` distinct values of `length` characters each. */
function values(count: number, length: number): string[] {
  return Array.from({ length: count }, (_, i) => `${i}:`.padEnd(length, 'x'));
}

const KEY = { name: 'code', dataType: 'string', isKey: true };

describe("a list's definition is bounded as a whole", () => {
  it('accepts 100,000 characters of names, patterns and allowed values, and refuses a list with more', async () => {
    // "code", "a" and "b" and their values: 4 + 1 + 49,995 + 1 + 49,999 = 100,000 characters.
    const exactly = [
      KEY,
      { name: 'a', dataType: 'string', allowedValues: [...values(499, 100), 'x'.repeat(95)] },
      {
        name: 'b',
        dataType: 'string',
        allowedValues: values(500, 100)
          .slice(0, 499)
          .concat(['y'.repeat(99)]),
      },
    ];
    const fits = await createList(admin, workspaceId, exactly);
    expect(fits.columns[1].allowedValues).toHaveLength(500);
    const overByOne = await admin.post('/api/v1/lists', {
      name: uniqueName('Just over'),
      workspaceId,
      columns: [...exactly.slice(0, 2), { ...exactly[2], pattern: 'y' }],
    });
    expect(expectApiError(overByOne, 400).message).toMatch(/100,001 characters together; at most 100,000/);

    // 500 columns of long names and 1,000-character patterns (700 KB a list) are refused too.
    const patterned = await admin.post('/api/v1/lists', {
      name: uniqueName('Patterned'),
      workspaceId,
      columns: Array.from({ length: 500 }, (_, i) => ({
        name: `${i}:`.padEnd(200, 'n'),
        dataType: 'string',
        isKey: i === 0,
        pattern: `(?:${values(200, 3).join('|')})`.slice(0, 990) + '[a-z]*',
      })),
    });
    expect(expectApiError(patterned, 400).message).toMatch(/names, patterns and allowed values hold/);

    const tooMany = await admin.post('/api/v1/lists', {
      name: uniqueName('Fat'),
      workspaceId,
      columns: [
        KEY,
        ...Array.from({ length: 3 }, (_, i) => ({
          name: `c${i}`,
          dataType: 'string',
          allowedValues: values(1000, 1000),
        })),
      ],
    });
    const body = expectApiError(tooMany, 400);
    expect(body.message).toMatch(/3,000,010 characters together; at most 100,000/);
    expect(body.remediation).toMatch(/Correct/);
  });

  it("refuses an editor's added column or changed values that take the list past the bound", async () => {
    const list = await createList(admin, workspaceId, [
      KEY,
      { name: 'a', dataType: 'string', allowedValues: values(600, 100) },
    ]);
    const added = await editor.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'b',
      dataType: 'string',
      allowedValues: values(1000, 1000),
    });
    expect(expectApiError(added, 400).message).toMatch(/1,060,006 characters together; at most 100,000/);

    const small = await editor.post(`/api/v1/lists/${list.id}/columns`, {
      name: 'b',
      dataType: 'string',
      allowedValues: values(300, 100),
    });
    expect(small.status, small.text).toBe(201);
    const raised = await editor.request('PATCH', `/api/v1/lists/${list.id}/columns/b`, {
      json: { allowedValues: values(500, 100) },
    });
    expect(expectApiError(raised, 400).message).toMatch(/110,006 characters together/);

    const after = await editor.get(`/api/v1/lists/${list.id}`);
    expect(after.body.columns.map((c: { allowedValues?: string[] }) => c.allowedValues?.length ?? 0)).toEqual([
      0, 600, 300,
    ]);
  });
});

describe('definitions PostgreSQL cannot store are a 400', () => {
  it('refuses a key of more than 32 columns (the primary key is an index of at most 32)', async () => {
    const response = await admin.post('/api/v1/lists', {
      name: uniqueName('Wide key'),
      workspaceId,
      columns: Array.from({ length: 33 }, (_, i) => ({ name: `k${i}`, dataType: 'string', isKey: true })),
    });
    expect(expectApiError(response, 400).message).toMatch(/at most 32 columns; 33 are marked isKey/);
    const thirtyTwo = await createList(
      admin,
      workspaceId,
      Array.from({ length: 32 }, (_, i) => ({ name: `k${i}`, dataType: 'string', isKey: true })),
    );
    expect(thirtyTwo.columns).toHaveLength(32);
  });

  it('refuses a lone surrogate in a column name, as it refuses a NUL', async () => {
    const response = await admin.request('POST', '/api/v1/lists', {
      body: `{"name":"${uniqueName('Surrogate')}","workspaceId":"${workspaceId}","columns":[{"name":"k\\ud800","dataType":"string","isKey":true}]}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(expectApiError(response, 400).message).toMatch(/broken Unicode escape/);
  });
});
