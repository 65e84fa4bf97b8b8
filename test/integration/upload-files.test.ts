import fs from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { setDatabaseUrl } from '../../db/client';
import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { getBytes, ID_COLUMNS, idFile, uploadDirFiles, type JobBody } from '../support/list-helpers';

/**
 * What happens to uploaded files: private to the app, gone with their list, gone after
 * UPLOAD_RETENTION_DAYS, and swept when nothing refers to them. (A deleted list's test SSN file
 * stayed readable, 0644 in a 0755 directory.) The housekeeping functions run here in the test's
 * process against the suite's database and upload directory.
 */
let admin: Api;
let workspaceId: string;
let sql: postgres.Sql;
const uploadDir = () => inject('uploadDir');

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  setDatabaseUrl(inject('databaseUrl'));
  process.env.UPLOAD_DIR = uploadDir();
  process.env.UPLOAD_RETENTION_DAYS = '30';
});
afterAll(async () => {
  await sql.end();
  const { closeDb } = await import('../../db/client');
  await closeDb();
});

async function importedFile(listId: string): Promise<{ job: JobBody; file: string }> {
  const response = await admin.upload(listId, idFile(3));
  expect(response.status, response.text).toBe(202);
  const job = (await admin.waitForJob(listId, response.body.id)) as JobBody;
  const [row] = await sql`select file_path from jobs where id = ${job.id}`;
  return { job, file: row!.file_path as string };
}

describe('uploaded files', () => {
  it('are readable by the app alone: files 0600 in a 0700 directory', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const { file } = await importedFile(list.id);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(uploadDir())).mode & 0o777).toBe(0o700);
  });

  it('go with their list; the job history stays, without the file', async () => {
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const { job, file } = await importedFile(list.id);
    expect(await uploadDirFiles()).toContain(path.basename(file));
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/);
    const after = (await admin.get<JobBody>(`/api/v1/jobs/${job.id}`)).body;
    expect(after.state).toBe('completed');
    expect(after.links.map((l) => l.rel)).not.toContain('file');
    expect((await getBytes(admin, `/api/v1/jobs/${job.id}`)).status).toBe(200);
  });

  it('are removed UPLOAD_RETENTION_DAYS after their job ended', async () => {
    const { expireUploads } = await import('../../lib/uploads/housekeeping');
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const old = await importedFile(list.id);
    const recent = await importedFile(list.id);
    await sql`update jobs set completed_at = now() - interval '31 days' where id = ${old.job.id}`;
    expect(await expireUploads()).toBeGreaterThanOrEqual(1);
    await expect(fs.stat(old.file)).rejects.toThrow(/ENOENT/);
    expect((await fs.stat(recent.file)).isFile()).toBe(true);
    const links = (await admin.get<JobBody>(`/api/v1/lists/${list.id}/importJobs/${old.job.id}`)).body.links;
    expect(links.map((l) => l.rel)).not.toContain('file');
    expect((await getBytes(admin, `/api/v1/lists/${list.id}/importJobs/${old.job.id}/file`)).status).toBe(404);
  });

  it('include the rows left out in the wizard: gone with the list and after retention, never swept as orphans', async () => {
    const { expireUploads, sweepOrphanUploads } = await import('../../lib/uploads/housekeeping');
    const wizardImport = async (listId: string) => {
      const form = new FormData();
      form.append('dataFile', new Blob([idFile(3)]), 'ids (as loaded).csv');
      form.append('rowsLeftOut', '1');
      form.append('leftOutRows', new Blob(['id,Problems\r\nx,id: not a whole number\r\n']), 'ids-left-out.csv');
      const response = await admin.request('POST', `/api/v1/lists/${listId}/importJobs`, { body: form });
      expect(response.status, response.text).toBe(202);
      const job = (await admin.waitForJob(listId, response.body.id)) as JobBody;
      const [row] = await sql`select left_out_file_path from jobs where id = ${job.id}`;
      return { job, file: row!.left_out_file_path as string };
    };

    const expiring = await createList(admin, workspaceId, ID_COLUMNS);
    const old = await wizardImport(expiring.id);
    expect((await fs.stat(old.file)).mode & 0o777).toBe(0o600);
    // Not an orphan, however long ago it was written.
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await fs.utimes(old.file, twoHoursAgo, twoHoursAgo);
    await sweepOrphanUploads();
    expect((await fs.stat(old.file)).isFile()).toBe(true);
    // Expired with the job's other files; the job still says rows were left out.
    await sql`update jobs set completed_at = now() - interval '31 days' where id = ${old.job.id}`;
    expect(await expireUploads()).toBeGreaterThanOrEqual(1);
    await expect(fs.stat(old.file)).rejects.toThrow(/ENOENT/);
    const expired = (await admin.get(`/api/v1/lists/${expiring.id}/importJobs/${old.job.id}`)).body;
    expect(expired.links.map((l: { rel: string }) => l.rel)).not.toContain('leftOutRows');
    expect(expired.leftOutRows).toMatchObject({ fileName: 'ids-left-out.csv', rowCount: 1 });
    expect((await getBytes(admin, `/api/v1/lists/${expiring.id}/importJobs/${old.job.id}/leftOutRows`)).status).toBe(
      404,
    );

    // Deleted with the list.
    const deleted = await createList(admin, workspaceId, ID_COLUMNS);
    const { file } = await wizardImport(deleted.id);
    expect((await admin.delete(`/api/v1/lists/${deleted.id}`)).status).toBe(204);
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/);
  });

  it('are swept when no job refers to them and nobody has written to them for an hour', async () => {
    const { sweepOrphanUploads } = await import('../../lib/uploads/housekeeping');
    const list = await createList(admin, workspaceId, ID_COLUMNS);
    const kept = await importedFile(list.id);
    const orphan = path.join(uploadDir(), 'crashed-mid-upload.upload');
    const inProgress = path.join(uploadDir(), 'still-uploading.upload');
    await fs.writeFile(orphan, 'id\n1\n');
    await fs.writeFile(inProgress, 'id\n1\n');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await fs.utimes(orphan, twoHoursAgo, twoHoursAgo);
    await fs.utimes(kept.file, twoHoursAgo, twoHoursAgo);
    expect(await sweepOrphanUploads()).toBe(1);
    await expect(fs.stat(orphan)).rejects.toThrow(/ENOENT/);
    expect((await fs.stat(inProgress)).isFile()).toBe(true);
    expect((await fs.stat(kept.file)).isFile()).toBe(true);
    await fs.rm(inProgress);
  });
});
