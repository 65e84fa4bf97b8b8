import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, importAndWait, userWithRole } from '../support/api';
import { signedIn, type BrowserSession } from '../support/sessions';

/**
 * The pages check access with the API's own helpers (findMemberList, findMemberJob): a list or job
 * of another workspace is a page that does not exist, the same answer as for an id that never did.
 */
let root: Api;
let own: { listId: string; jobId: string };
let other: { listId: string; jobId: string };
let browser: BrowserSession;

async function listWithJob(workspaceId: string) {
  const list = await createList(root, workspaceId, [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'label', dataType: 'string' },
  ]);
  const job = await importAndWait(root, list.id, 'id,label\n1,one\n');
  return { listId: list.id, jobId: job.id as string };
}

beforeAll(async () => {
  root = await adminApi();
  const mine = await createWorkspace(root);
  const theirs = await createWorkspace(root);
  own = await listWithJob(mine);
  other = await listWithJob(theirs);
  const editor = await userWithRole(root, mine, 'editor');
  browser = await signedIn(root.baseUrl, editor.email, editor.password);
});

describe('pages of lists and jobs', () => {
  it('show a member the list, its import wizard and its job', async () => {
    for (const path of [`/lists/${own.listId}`, `/lists/${own.listId}/import`, `/jobs/${own.jobId}`]) {
      expect((await browser.fetch(path)).status, path).toBe(200);
    }
  });

  it("answer 404 for another workspace's list and job, as for ids that do not exist", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/lists/${other.listId}`,
      `/lists/${other.listId}/import`,
      `/jobs/${other.jobId}`,
      `/lists/${missing}`,
      `/jobs/${missing}`,
    ]) {
      expect((await browser.fetch(path)).status, path).toBe(404);
    }
  });

  it('answer an address with broken percent-encoding with a page that says so, not a server error', async () => {
    for (const path of ['/jobs/%E0%A4', `/lists/%FF`, `/lists/${own.listId}/%C3`]) {
      const response = await browser.fetch(path);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toMatch(/This address is broken/);
    }
  });
});
