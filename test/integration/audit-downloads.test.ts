import { describe, expect, it } from 'vitest';

import { adminApi, createList, createWorkspace, EMPLOYEE_COLUMNS, importAndWait, userWithRole } from '../support/api';
import { csv, EMPLOYEE_HEADER, employeeRows } from '../support/list-helpers';

/** Issue 15, item 21: data taken out of Listport — exports and file downloads — is in the audit log. */
describe('exports and file downloads are audited', () => {
  it('records who exported a list and who downloaded a job’s file and error report', async () => {
    const root = await adminApi();
    const workspaceId = await createWorkspace(root);
    const admin = await userWithRole(root, workspaceId, 'admin');
    const viewer = await userWithRole(root, workspaceId, 'viewer');
    const list = await createList(root, workspaceId, EMPLOYEE_COLUMNS);
    const completed = await importAndWait(root, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    const failed = await importAndWait(root, list.id, csv([EMPLOYEE_HEADER, '9,Bad,not-a-number,true,2020-01-01']));
    expect([completed.state, failed.state]).toEqual(['completed', 'failed']);

    expect((await viewer.get(`/api/v1/lists/${list.id}/contents.csv?format=list`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/lists/${list.id}/importJobs/${completed.id}/file`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/lists/${list.id}/importJobs/${failed.id}/errorReport`)).status).toBe(200);

    const events = (await admin.get('/api/v1/audit')).body.items as {
      action: string;
      actorEmail: string;
      targetId: string;
      workspaceId: string;
      detail: Record<string, unknown>;
    }[];
    const by = (action: string, targetId: string) => events.find((e) => e.action === action && e.targetId === targetId);
    expect(by('list.export', list.id)).toMatchObject({
      actorEmail: viewer.email,
      workspaceId,
      detail: { format: 'list', records: 3, via: 'token' },
    });
    expect(by('job.file.download', completed.id)).toMatchObject({ actorEmail: viewer.email, workspaceId });
    expect(by('job.error-report.download', failed.id)).toMatchObject({ actorEmail: viewer.email, workspaceId });
  });
});
