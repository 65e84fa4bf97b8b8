import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { importJob } from '../support/list-helpers';

/**
 * The import wizard may leave rows with problems out of the file it uploads; it says how many with
 * `rowsLeftOut`, and the job records it. The server still validates what it receives: all or nothing.
 */

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

const COLUMNS = [
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string' },
];

describe('rowsLeftOut', () => {
  it('is recorded in the job results, its options and a log line', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const job = await importJob(admin, list.id, 'id,name\n1,Ann\n2,Bob\n', { rowsLeftOut: '5' });
    expect(job.state).toBe('completed');
    expect(job.results).toMatchObject({ rowsRead: 2, inserted: 2, rowsLeftOut: 5 });
    const logs = await admin.get<{ items: { message: string }[] }>(
      `/api/v1/lists/${list.id}/importJobs/${job.id}/logs`,
    );
    expect(logs.body.items.map((l) => l.message)).toContainEqual(
      '5 rows with problems were left out in the import wizard: they are not in this file and are not loaded.',
    );
  });

  it('does not make the server accept rows it would refuse: the job fails and loads nothing', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const job = await importJob(admin, list.id, 'id,name\n1,Ann\nx,Bob\n', { rowsLeftOut: '1' });
    expect(job.state).toBe('failed');
    expect(job.results).toMatchObject({ recordCount: 0, rowsLeftOut: 1 });
  });

  it('is absent when nothing was left out, and refused when it is not a count', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const job = await importJob(admin, list.id, 'id,name\n1,Ann\n');
    expect(job.results).not.toHaveProperty('rowsLeftOut');
    const refused = await admin.upload(list.id, 'id,name\n2,Bo\n', { rowsLeftOut: '-1' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('rowsLeftOut cannot be negative.');
  });
});
