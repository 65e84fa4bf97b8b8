import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { uploadDirFiles } from '../support/list-helpers';

/**
 * Issue 18, points 2 and 6: a running job's body says how far it is (and the numbers grow), and an
 * import from the wizard keeps both the file the person chose and the file that was loaded, with
 * the fixes made in the browser.
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

type Progress = {
  phase: string;
  description: string;
  unit: string | null;
  done: number;
  total: number | null;
  percent: number | null;
  secondsLeft: number | null;
};

/** ~16 MB (the tests' upload limit is 20 MB); the pattern makes each record's check cost something. */
function bigCsv(rows: number): string {
  const lines = ['id,name'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},C-${i}`);
  return lines.join('\n') + '\n';
}

describe('progress', () => {
  it("grows while an import runs: bytes read of the file's size, then the build; gone once it ends", async () => {
    const list = await createList(admin, workspaceId, [
      COLUMNS[0],
      { name: 'name', dataType: 'string', pattern: '^C-[0-9]+$' },
    ]);
    const csv = bigCsv(1_000_000);
    const size = Buffer.byteLength(csv);
    const accepted = await admin.upload(list.id, csv);
    expect(accepted.status).toBe(202);
    expect(accepted.body.progress).toMatchObject({ phase: 'waiting', description: 'Waiting for its turn' });

    const seen: Progress[] = [];
    let job: { state: string; progress: Progress | null } | undefined;
    const deadline = Date.now() + 110_000;
    while (Date.now() < deadline) {
      job = (await admin.get(`/api/v1/lists/${list.id}/importJobs/${accepted.body.id}`)).body;
      if (!['pending', 'running'].includes(job!.state)) break;
      if (job!.state === 'running' && job!.progress) seen.push(job!.progress);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job?.state).toBe('completed');
    expect(job?.progress).toBeNull();

    const checking = seen.filter((p) => p.phase === 'checking' && p.unit === 'bytes');
    expect(checking.length).toBeGreaterThanOrEqual(2);
    for (const p of checking) {
      expect(p.total).toBe(size);
      expect(p.description).toBe('Checking the file');
      expect(p.percent).toBe(Math.floor((p.done / size) * 100));
    }
    // Growing: never backwards within the step, and at least once forwards.
    const percents = checking.map((p) => p.percent!);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)!).toBeGreaterThan(percents[0]!);
    // After a second of checking there is an estimate of the time left.
    expect(checking.some((p) => p.secondsLeft !== null && p.secondsLeft >= 0)).toBe(true);
  });

  it('is null for a job that failed', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const accepted = await admin.upload(list.id, 'id,name\nx,Ann\n');
    const job = await admin.waitForJob(list.id, accepted.body.id);
    expect(job.state).toBe('failed');
    expect(job.progress).toBeNull();
  });
});

describe('files kept honestly', () => {
  function wizardUpload(
    listId: string,
    fields: Record<string, string>,
    original?: { bytes: Uint8Array; name: string },
    leftOut?: { bytes: Uint8Array | string; name: string },
  ) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('dataFile', new Blob(['id,name\n1,Ann\n2,Bob\n'], { type: 'text/csv' }), 'customers (as loaded).csv');
    if (original) form.append('originalFile', new Blob([original.bytes as BlobPart]), original.name);
    if (leftOut) form.append('leftOutRows', new Blob([leftOut.bytes as BlobPart]), leftOut.name);
    return admin.request('POST', `/api/v1/lists/${listId}/importJobs`, { body: form });
  }

  it('keeps the file chosen and the file loaded, each downloadable, with the fixes made in the browser', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    // What the person chose: Windows-1252, semicolons, a row they deleted and a name they fixed.
    const chosen = Uint8Array.from(Buffer.from('id;name\r\n1;ann\r\n2;Bob\r\n3;J\xf6rg\r\n', 'latin1'));
    const fixes = { cellsEdited: 1, rowsDeleted: 1, valuesReplaced: [{ column: 'name', count: 0 }] };
    const accepted = await wizardUpload(
      list.id,
      { browserFixes: JSON.stringify(fixes) },
      { bytes: chosen, name: 'customers.csv' },
    );
    expect(accepted.status).toBe(202);
    const job = await admin.waitForJob(list.id, accepted.body.id);
    expect(job).toMatchObject({
      state: 'completed',
      fileName: 'customers (as loaded).csv',
      originalFile: {
        fileName: 'customers.csv',
        fileSize: chosen.length,
        sha256Sum: createHash('sha256').update(chosen).digest('hex'),
      },
      browserFixes: fixes,
    });
    const rels = job.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['file', 'originalFile']));

    const original = await fetch(`${admin.baseUrl}/api/v1/lists/${list.id}/importJobs/${job.id}/originalFile`, {
      headers: { 'x-auth-jwt': admin.token! },
    });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toContain("filename*=UTF-8''customers.csv");
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(chosen);
    const loaded = await admin.get(`/api/v1/lists/${list.id}/importJobs/${job.id}/file`);
    expect(loaded.text).toBe('id,name\n1,Ann\n2,Bob\n');

    // The list's history names the revision by the file the person chose, as the job page does;
    // the loaded file stays the revision's fileName (as the job's) and is downloadable from it.
    const revisions = (await admin.get(`/api/v1/lists/${list.id}/revisions`)).body;
    const revision = revisions.items.find((r: { jobId: string | null }) => r.jobId === job.id);
    expect(revision).toMatchObject({ fileName: 'customers (as loaded).csv', originalFileName: 'customers.csv' });
    const file = revision.links.find((l: { rel: string }) => l.rel === 'file');
    expect(file?.href).toBe(`/api/v1/lists/${list.id}/importJobs/${job.id}/file`);
    expect((await admin.get(file.href)).text).toBe('id,name\n1,Ann\n2,Bob\n');
  });

  it('keeps the rows left out in the wizard, downloadable from the finished job', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    // What the wizard's summary downloads: the file's own columns plus what is wrong in each row.
    const leftOut =
      'id;name,Problems\r\nx;Cy,"id: ""x"" is not a whole number."\r\n4;Dee,The same key is on row 2.\r\n';
    const accepted = await wizardUpload(
      list.id,
      { rowsLeftOut: '2' },
      { bytes: Uint8Array.from(Buffer.from('id;name\r\n1;Ann\r\n2;Bob\r\nx;Cy\r\n4;Dee\r\n')), name: 'customers.csv' },
      { bytes: leftOut, name: 'customers-left-out.csv' },
    );
    expect(accepted.status, accepted.text).toBe(202);
    const job = await admin.waitForJob(list.id, accepted.body.id);
    expect(job).toMatchObject({
      state: 'completed',
      results: { rowsLeftOut: 2, rowsRead: 2 },
      leftOutRows: { fileName: 'customers-left-out.csv', fileSize: Buffer.byteLength(leftOut), rowCount: 2 },
    });
    const link = job.links.find((l: { rel: string }) => l.rel === 'leftOutRows');
    expect(link?.href).toBe(`/api/v1/lists/${list.id}/importJobs/${job.id}/leftOutRows`);
    // Under /jobs/{id} too (the job page reads the job there).
    expect((await admin.get(`/api/v1/jobs/${job.id}`)).body.leftOutRows).toMatchObject({ rowCount: 2 });

    const download = await fetch(`${admin.baseUrl}${link.href}`, { headers: { 'x-auth-jwt': admin.token! } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''customers-left-out.csv");
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await download.text()).toBe(leftOut);
    // Only under its own list.
    const other = await createList(admin, workspaceId, COLUMNS);
    expect((await admin.get(`/api/v1/lists/${other.id}/importJobs/${job.id}/leftOutRows`)).status).toBe(404);
  });

  it('refuses left-out rows over the upload limit with 413, keeping no job and no file', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const before = await uploadDirFiles();
    // The tests' MAX_UPLOAD_BYTES is 20 MB: the same bound as every other part.
    const refused = await wizardUpload(list.id, { rowsLeftOut: '1' }, undefined, {
      bytes: new Uint8Array(21 * 1024 * 1024).fill(0x61),
      name: 'huge-left-out.csv',
    });
    expect(refused.status).toBe(413);
    expect((await admin.get(`/api/v1/lists/${list.id}/importJobs`)).body.count).toBe(0);
    expect((await uploadDirFiles()).filter((f) => !before.includes(f))).toEqual([]);
  });

  it('is as before for a script that sends only dataFile', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const accepted = await admin.upload(list.id, 'id,name\n1,Ann\n');
    const job = await admin.waitForJob(list.id, accepted.body.id);
    expect(job).toMatchObject({ state: 'completed', originalFile: null, browserFixes: null, leftOutRows: null });
    const rels = job.links.map((l: { rel: string }) => l.rel);
    expect(rels).not.toContain('originalFile');
    expect(rels).not.toContain('leftOutRows');
    const missing = await admin.get(`/api/v1/lists/${list.id}/importJobs/${job.id}/originalFile`);
    expect(missing.status).toBe(404);
    expect((await admin.get(`/api/v1/lists/${list.id}/importJobs/${job.id}/leftOutRows`)).status).toBe(404);
    // Its revision is named by the one file there is.
    const [revision] = (await admin.get(`/api/v1/lists/${list.id}/revisions`)).body.items;
    expect(revision).toMatchObject({ jobId: job.id, fileName: 'data.csv', originalFileName: null });
  });

  it('refuses fixes that are not what the wizard sends, keeping neither file', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const refused = await wizardUpload(
      list.id,
      { browserFixes: '{"cellsEdited":-3}' },
      { bytes: new Uint8Array([1]), name: 'x.xlsx' },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('browserFixes');
    const jobs = await admin.get(`/api/v1/lists/${list.id}/importJobs`);
    expect(jobs.body.count).toBe(0);
  });
});
