import http from 'node:http';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, createList, createWorkspace, userWithRole, type Api } from '../support/api';
import {
  csv,
  dataTableOf,
  EMPLOYEE_HEADER,
  employeeRows,
  expectApiError,
  importJob,
  uploadDirFiles,
} from '../support/list-helpers';
import { lockTable } from '../support/table-lock';

/**
 * A list deleted while a request about it is still under way — an upload arriving, a page being
 * read — answers 404 like GET; DELETE of a list the caller cannot see answers 204 and deletes
 * nothing, as the List Data API family's idempotent DELETE does.
 */
let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

/** A multipart upload of `content` written in two parts: `finish()` sends the rest and resolves with the answer. */
function twoPartUpload(api: Api, urlPath: string, content: string) {
  const boundary = `twopart${Date.now()}`;
  const request = http.request(`${api.baseUrl}${urlPath}`, {
    method: 'POST',
    headers: {
      'x-auth-jwt': api.token!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'transfer-encoding': 'chunked',
    },
  });
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
  });
  const half = Math.floor(content.length / 2);
  request.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="dataFile"; filename="slow.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${content.slice(0, half)}`,
  );
  return {
    finish: async () => {
      request.end(`${content.slice(half)}\r\n--${boundary}--\r\n`);
      return answer;
    },
  };
}

async function expectListNotFound(response: { status: number; body: any }) {
  expect(response.status, JSON.stringify(response.body)).toBe(404);
  expect(response.body.message).toBe('The list was not found.');
}

describe('a list deleted while its upload arrives', () => {
  for (const route of ['importJobs', 'importPreview']) {
    it(`answers 404 for POST …/${route} and keeps none of the upload`, async () => {
      const list = await createList(admin, workspaceId);
      const before = await uploadDirFiles();
      const upload = twoPartUpload(
        admin,
        `/api/v1/lists/${list.id}/${route}`,
        csv([EMPLOYEE_HEADER, ...employeeRows(50)]),
      );
      // The server has the request and the first part of the file, so it has loaded the list.
      await new Promise((r) => setTimeout(r, 500));
      expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
      await expectListNotFound(await upload.finish());
      expect(await uploadDirFiles()).toEqual(before);
    });
  }
});

describe('reading a list while it is deleted', () => {
  it('lets readers through while a slow reader holds the table; the delete then goes on, readers get 404', async () => {
    const list = await createList(admin, workspaceId);
    await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    const table = dataTableOf(list.id);
    // A slow export: a transaction that has read the list's table and goes on holding it.
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      let releaseReader!: () => void;
      const readerHeld = new Promise<void>((resolve) => (releaseReader = resolve));
      let reading!: () => void;
      const readerStarted = new Promise<void>((resolve) => (reading = resolve));
      const reader = sql.begin(async (tx) => {
        await tx.unsafe(`select count(*) from "${table}"`);
        reading();
        await readerHeld;
      });
      await readerStarted;

      const deleting = admin.delete(`/api/v1/lists/${list.id}`);
      await new Promise((r) => setTimeout(r, 1_000));
      // The delete waits for the reader, but not in a way that queues new readers for as long.
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        const page = await admin.get(`/api/v1/lists/${list.id}/contents?limit=1`);
        expect(page.status, page.text).toBe(200);
        expect(Date.now() - started).toBeLessThan(4_000);
      }
      releaseReader();
      await reader;
      expect((await deleting).status).toBe(204);
      await expectListNotFound(await admin.get(`/api/v1/lists/${list.id}/contents?limit=1`));
    } finally {
      await sql.end();
    }
  });

  it('refuses the delete with 409 when a reader holds the table too long, and keeps the list', async () => {
    const list = await createList(admin, workspaceId);
    const table = dataTableOf(list.id);
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      let releaseReader!: () => void;
      const readerHeld = new Promise<void>((resolve) => (releaseReader = resolve));
      let reading!: () => void;
      const readerStarted = new Promise<void>((resolve) => (reading = resolve));
      const reader = sql.begin(async (tx) => {
        await tx.unsafe(`select count(*) from "${table}"`);
        reading();
        await readerHeld;
      });
      await readerStarted;
      const refused = await admin.delete(`/api/v1/lists/${list.id}`);
      releaseReader();
      await reader;
      expectApiError(refused, 409);
      expect(refused.body.message).toMatch(/being read/);
      expect((await admin.get(`/api/v1/lists/${list.id}`)).status).toBe(200);
      expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    } finally {
      await sql.end();
    }
  }, 30_000);

  it('answers 404, not 500, for a read whose list table vanished under it', async () => {
    const list = await createList(admin, workspaceId);
    // The moment of a delete: the list's row was read, its table is dropped before it is read.
    const page = await answerWhileTableDropped(dataTableOf(list.id), 500, () =>
      admin.get(`/api/v1/lists/${list.id}/contents?limit=1`),
    );
    await expectListNotFound(page);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
  });
});

describe('a list deleted while its import preview checks the file', () => {
  it('answers 404, not 500, when the list table vanishes under the preview thread', async () => {
    const list = await createList(admin, workspaceId);
    await importJob(admin, list.id, csv([EMPLOYEE_HEADER, ...employeeRows(3)]));
    // The moment of a delete: the preview has loaded the list, its table is dropped before it is read.
    const form = new FormData();
    form.append('dataFile', new Blob([csv([EMPLOYEE_HEADER, ...employeeRows(20)])], { type: 'text/csv' }), 'a.csv');
    const preview = await answerWhileTableDropped(dataTableOf(list.id), 1_500, () =>
      admin.request('POST', `/api/v1/lists/${list.id}/importPreview`, { body: form }),
    );
    await expectListNotFound(preview);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
  });
});

/**
 * The request's answer when the list's table is locked as it is sent and dropped `afterMs` later:
 * the request has read the list's row by then and meets the table only once it is gone.
 */
async function answerWhileTableDropped<T>(table: string, afterMs: number, request: () => Promise<T>): Promise<T> {
  const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  try {
    const unlock = await lockTable(sql, table, { atRelease: (tx) => tx.unsafe(`drop table "${table}"`) });
    const answer = request();
    await new Promise((r) => setTimeout(r, afterMs));
    await unlock();
    return await answer;
  } finally {
    await sql.end();
  }
}

describe('DELETE /lists/{id} of a list the caller cannot see', () => {
  it('answers 204 as for a deleted one (the family deletes idempotently) and keeps another workspace’s list', async () => {
    expect((await admin.delete('/api/v1/lists/00000000-0000-4000-8000-000000000000')).status).toBe(204);
    expect((await admin.delete('/api/v1/lists/not-a-uuid')).status).toBe(204);

    const otherWorkspace = await createWorkspace(admin);
    const foreign = await createList(admin, otherWorkspace);
    const outsider = await userWithRole(admin, workspaceId, 'admin');
    expect((await outsider.delete(`/api/v1/lists/${foreign.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/lists/${foreign.id}`)).status).toBe(200);

    const list = await createList(admin, workspaceId);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/lists/${list.id}`)).status).toBe(204);
  });
});
