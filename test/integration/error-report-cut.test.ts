import fs from 'node:fs/promises';
import http from 'node:http';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, EMPLOYEE_COLUMNS, importAndWait } from '../support/api';
import { csv, EMPLOYEE_HEADER } from '../support/list-helpers';

/**
 * A job's error report is the stored file read again. When that read fails (the file removed or
 * replaced behind the server's back, a disk error), the download used to end normally with the job's
 * error messages in place of the rows — a short file that looked whole. It must end as an incomplete
 * transfer instead, as a CSV export cut short does.
 */
const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });

afterAll(async () => {
  await sql.end({ timeout: 5 });
});

/** Downloads `path`, and says whether the body ended with the chunked encoding's last chunk. */
async function download(baseUrl: string, token: string, path: string) {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get(`${baseUrl}${path}`, { headers: { 'x-auth-jwt': token } }, resolve).on('error', reject),
  );
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => (text += chunk));
  // finished() rejects on a body that ends without the chunked encoding's last chunk.
  const end = await finished(response).then(
    () => 'complete' as const,
    () => 'cut short' as const,
  );
  return { status: response.statusCode, end, text };
}

describe("a job's error report whose stored file cannot be read", () => {
  it('ends as an incomplete transfer, not as a complete report', async () => {
    const admin = await adminApi();
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, EMPLOYEE_COLUMNS);
    const failed = await importAndWait(
      admin,
      list.id,
      csv([EMPLOYEE_HEADER, '1,Ann,not-a-number,true,2020-01-01', '2,Bob,also-not,true,2020-01-02']),
    );
    expect(failed.state).toBe('failed');
    const path = `/api/v1/lists/${list.id}/importJobs/${failed.id}/errorReport`;

    // Read whole while the file is there: the rows, each with its problem.
    const whole = await download(admin.baseUrl, admin.token!, path);
    expect(whole.status).toBe(200);
    expect(whole.end).toBe('complete');
    expect(whole.text).toContain('Ann');

    // The stored file becomes a directory: it is still there, but reading it fails (EISDIR).
    const [stored] = await sql<
      { filePath: string }[]
    >`select file_path as "filePath" from jobs where id = ${failed.id}`;
    const filePath = stored!.filePath;
    await fs.rm(filePath);
    await fs.mkdir(filePath);
    try {
      const cut = await download(admin.baseUrl, admin.token!, path);
      // Before: 200 and "complete", the job's error messages standing in for the rows.
      expect(cut.end, `${cut.status}: ${cut.text}`).toBe('cut short');
      expect(cut.text).not.toContain('Ann');
    } finally {
      await fs.rmdir(filePath);
    }
  });

  it('is the job’s own error, ended normally, when the file is not text at all', async () => {
    const admin = await adminApi();
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, EMPLOYEE_COLUMNS);
    // NUL bytes: a binary file, refused before any row is read.
    const binary = new Uint8Array([...new TextEncoder().encode(`${EMPLOYEE_HEADER}\n1,Ann`), 0, 1, 2, 0, 10]);
    const failed = await importAndWait(admin, list.id, binary);
    expect(failed.state).toBe('failed');
    const [problem] = (await admin.get(`/api/v1/lists/${list.id}/importJobs/${failed.id}/errors`)).body.items as {
      message: string;
    }[];

    const report = await download(
      admin.baseUrl,
      admin.token!,
      `/api/v1/lists/${list.id}/importJobs/${failed.id}/errorReport`,
    );
    expect(report.status).toBe(200);
    expect(report.end).toBe('complete');
    expect(report.text).toBe(`\uFEFF"${problem!.message.replaceAll('"', '""')}"\r\n`);
  });
});
