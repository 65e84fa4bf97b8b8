import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, baseUrl, createList, createWorkspace, type Api } from '../support/api';
import { healthWhile } from '../support/health';
import { csv, EMPLOYEE_HEADER, employeeRows, expectApiError, uploadDirFiles } from '../support/list-helpers';

/** Bodies within the size limits whose shape would cost the server far more than their size. */
let admin: Api;
let workspaceId: string;
let list: { id: string };

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  list = await createList(admin, workspaceId);
});

/**
 * Far below the 10.9 s these bodies held every request before, above a busy machine's jitter: on
 * CI the two cores also run the end-to-end suite (1,017 ms was seen there once).
 */
const FAST_MS = 3_000;

describe('a multipart upload with too many parts', () => {
  it('answers that the form has too many fields (not that the file is missing), and stores nothing', async () => {
    const before = await uploadDirFiles();
    const form = new FormData();
    for (let i = 0; i < 60; i++) form.append(`field${i}`, 'x');
    form.append('dataFile', new Blob([csv([EMPLOYEE_HEADER, ...employeeRows(2)])], { type: 'text/csv' }), 'a.csv');
    const response = await admin.request('POST', `/api/v1/lists/${list.id}/importJobs`, { body: form });
    const body = expectApiError(response, 400);
    expect(body.message).toMatch(/too many parts: at most 50 fields and 5 files/);
    expect(await uploadDirFiles()).toEqual(before);
  });
});

describe('JSON bodies shaped to hold the event loop', () => {
  function put(body: string) {
    return admin.request('PUT', `/api/v1/lists/${list.id}/contents?op=upsert`, {
      body,
      headers: { 'content-type': 'application/json' },
    });
  }

  it('refuses six row edits of one item with 400,000 properties at once; /api/health answers meanwhile', async () => {
    const keys = Array.from({ length: 400_000 }, (_, i) => `"unknown${i}":0`).join(',');
    const body = `{"items":[{"employeeId":1,${keys}}]}`;
    expect(body.length).toBeGreaterThan(7_000_000);
    const { result, slowest } = await healthWhile(baseUrl(), Promise.all(Array.from({ length: 6 }, () => put(body))));
    for (const response of result) {
      expect(expectApiError(response, 400).message).toBe('An object in the JSON body has more than 25 properties.');
    }
    expect(slowest, `/api/health took ${Math.round(slowest)} ms meanwhile`).toBeLessThan(FAST_MS);
  });

  it('refuses six row edits of 6 MB of nested arrays at once; /api/health answers meanwhile', async () => {
    const depth = 3 * 1024 * 1024;
    const body = `{"items":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const { result, slowest } = await healthWhile(baseUrl(), Promise.all(Array.from({ length: 6 }, () => put(body))));
    for (const response of result) {
      expect(expectApiError(response, 400).message).toBe('The JSON body nests arrays and objects more than 32 deep.');
    }
    expect(slowest, `/api/health took ${Math.round(slowest)} ms meanwhile`).toBeLessThan(FAST_MS);
  });

  it('still takes items with a few unknown properties and reports each by name', async () => {
    const response = await admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, {
      items: [{ employeeId: 1, name: 'Ada', salary: 1, active: true, hired: '2020-01-01', nickname: 'A' }],
    });
    expect(expectApiError(response, 400).details.join(' ')).toMatch(/the list has no column "nickname"/);
  });
});
