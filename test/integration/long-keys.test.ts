import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, importAndWait, userWithRole } from '../support/api';
import { allContents, expectApiError } from '../support/list-helpers';

/**
 * A key longer than a PostgreSQL index entry holds (about 2,700 bytes; the key is the table's
 * primary key) is the sender's mistake: a 400 for a row edit, a failed import that says so — not a
 * 500 or "an unexpected error" (fourth attacker pass) — and nothing changed either way.
 */

let editor: Api;
let list: { id: string };

/** Letters that do not compress (PostgreSQL compresses a long repetitive key and would index it). */
function incompressible(length: number, seed = 7): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += String.fromCharCode(97 + ((x >>> 16) % 26));
  }
  return out;
}

beforeAll(async () => {
  const admin = await adminApi();
  const workspaceId = await createWorkspace(admin);
  editor = await userWithRole(admin, workspaceId, 'editor');
  list = await createList(admin, workspaceId, [
    { name: 'code', dataType: 'string', isKey: true },
    { name: 'note', dataType: 'string' },
  ]);
  const job = await importAndWait(editor, list.id, 'code,note\nA1,before\n');
  expect(job.state).toBe('completed');
});

describe('a key too long to index', () => {
  it('is a 400 on a row edit, and nothing changes', async () => {
    const response = await editor.put(`/api/v1/lists/${list.id}/contents?op=upsert`, {
      items: [{ code: incompressible(3000), note: 'long' }],
    });
    const body = expectApiError(response, 400);
    expect(body.message).toMatch(/key is too long to be stored/);
    expect(body.remediation).toMatch(/Shorten the long key value/);
    expect(await allContents(editor, list.id)).toEqual([{ code: 'A1', note: 'before' }]);
  });

  it('fails an import with a message about the key, and nothing is loaded', async () => {
    const job = await importAndWait(editor, list.id, `code,note\nA2,fine\n${incompressible(3000)},long\n`);
    expect(job.state).toBe('failed');
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ httpStatusCode: 400 });
    expect(job.errors[0].message).toMatch(/key is too long to be stored/);
    expect(await allContents(editor, list.id)).toEqual([{ code: 'A1', note: 'before' }]);
  });

  it('takes a long key that fits', async () => {
    const key = incompressible(2000);
    const job = await importAndWait(editor, list.id, `code,note\n${key},fits\n`);
    expect(job.state).toBe('completed');
    expect(await allContents(editor, list.id, 'filter=' + encodeURIComponent(`eq(code,'${key}')`))).toEqual([
      { code: key, note: 'fits' },
    ]);
  });
});
