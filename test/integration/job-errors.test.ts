import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, userWithRole } from '../support/api';
import { expectApiError, getBytes, type Collection, type JobBody, type JobErrorBody } from '../support/list-helpers';

/**
 * A job's errors are read a page at a time. Before, every collection of jobs carried each job's
 * whole error array: 45 jobs with 10,000 errors made `GET /api/v1/jobs?limit=50` answer 500 after
 * 17 s and killed the process with eight /jobs views. Here two such jobs (10,000 errors with
 * 600-character values each) must leave a collection small and their errors reachable in pages.
 */
const ERRORS = 10_000;
const LONG = 'x'.repeat(600);

let admin: Api;
let viewer: Api;
let listId: string;
let failedIds: string[];

beforeAll(async () => {
  admin = await adminApi();
  const workspaceId = await createWorkspace(admin);
  viewer = await userWithRole(admin, workspaceId, 'viewer');
  listId = (
    await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'qty', dataType: 'integer' },
    ])
  ).id;
  let content = 'id,qty\n';
  for (let i = 1; i <= ERRORS; i++) content += `${i},${LONG}\n`;
  failedIds = [];
  for (let i = 0; i < 2; i++) {
    const response = await admin.upload(listId, content, { errorThreshold: String(ERRORS) });
    expect(response.status, response.text).toBe(202);
    const job = await admin.waitForJob(listId, response.body.id);
    expect(job.state).toBe('failed');
    failedIds.push(job.id);
  }
});

describe("a job's errors, a page at a time", () => {
  it('keeps collections of jobs small: a count and the first few errors of each', async () => {
    for (const path of [`/api/v1/jobs?limit=50&listId=${listId}`, `/api/v1/lists/${listId}/importJobs?limit=50`]) {
      const response = await viewer.get<Collection<JobBody>>(path);
      expect(response.status, path).toBe(200);
      expect(response.text.length, `${path} answered ${response.text.length} characters`).toBeLessThan(50_000);
      expect(response.body.items.map((j) => j.id)).toEqual([...failedIds].reverse());
      for (const job of response.body.items) {
        expect(job.totalErrors).toBe(ERRORS);
        expect(job.errors.map((e) => e.row)).toEqual([2, 3, 4]);
        expect(job.links.find((l) => l.rel === 'errors')?.href).toBe(
          `/api/v1/lists/${listId}/importJobs/${job.id}/errors`,
        );
      }
    }
  });

  it('gives a job its first 100 errors and the exact total', async () => {
    const job = (await viewer.get<JobBody>(`/api/v1/lists/${listId}/importJobs/${failedIds[0]}`)).body;
    expect(job.totalErrors).toBe(ERRORS);
    expect(job.errors).toHaveLength(100);
    expect(job.errors[99]!.row).toBe(101);
    const same = (await viewer.get<JobBody>(`/api/v1/jobs/${failedIds[0]}`)).body;
    expect(same.errors).toEqual(job.errors);
  });

  it('pages every error in order, with the collection shape and its links', async () => {
    const base = `/api/v1/lists/${listId}/importJobs/${failedIds[0]}/errors`;
    const first = await viewer.get<Collection<JobErrorBody>>(base);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ start: 0, limit: 100, count: ERRORS });
    expect(first.body.items.map((e) => e.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(first.body.items[0]).toMatchObject({ column: 'qty', value: LONG, errorCode: expect.any(Number) });
    expect(first.body.links.find((l) => l.rel === 'next')?.href).toBe(`${base}?start=100&limit=100`);

    const last = await viewer.get<Collection<JobErrorBody>>(`${base}?start=9950&limit=100`);
    expect(last.body.items.map((e) => e.row)).toEqual(Array.from({ length: 50 }, (_, i) => 9952 + i));
    expect(last.body.links.map((l) => l.rel)).toEqual(['self', 'prev']);

    const viaJobs = await viewer.get<Collection<JobErrorBody>>(
      `/api/v1/jobs/${failedIds[1]}/errors?start=5000&limit=3`,
    );
    expect(viaJobs.body.items.map((e) => e.row)).toEqual([5002, 5003, 5004]);
    expect(viaJobs.body.count).toBe(ERRORS);

    expectApiError(await viewer.get(`${base}?limit=1001`), 400);
    expectApiError(await viewer.get(`${base}?start=-1`), 400);
    expectApiError(await viewer.get(`/api/v1/lists/${listId}/purgeJobs/${failedIds[0]}/errors`), 404);
  });

  it('marks every stored error in the error report', async () => {
    const report = await getBytes(admin, `/api/v1/lists/${listId}/importJobs/${failedIds[0]}/errorReport`);
    expect(report.status).toBe(200);
    const lines = report.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(ERRORS + 1);
    expect(lines.at(-1)).toMatch(/^10000,x+,"Row 10001: ""qty""/);
  });

  it('answers a job without errors with an empty page', async () => {
    const purge = await admin.post(`/api/v1/lists/${listId}/purgeJobs`);
    expect(purge.status).toBe(202);
    await admin.waitForJob(listId, purge.body.id, 'purgeJobs');
    const page = await viewer.get<Collection<JobErrorBody>>(
      `/api/v1/lists/${listId}/purgeJobs/${purge.body.id}/errors`,
    );
    expect(page.body).toMatchObject({ start: 0, count: 0, items: [] });
  });
});
