import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

export const CUSTOMER_COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'name', dataType: 'string' },
  { name: 'vip', dataType: 'boolean' },
  { name: 'since', dataType: 'date' },
];

export async function createList(
  request: APIRequestContext,
  token: string,
  workspaceId: string,
  columns: unknown[] = CUSTOMER_COLUMNS,
  prefix = 'Customers',
) {
  const name = `${prefix} ${randomBytes(3).toString('hex')}`;
  const response = await request.post('/api/v1/lists', {
    headers: { 'x-auth-jwt': token },
    data: { name, workspaceId, columns },
  });
  if (response.status() !== 201) throw new Error(`create list: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { id: string; name: string };
}

export async function uploadCsv(
  request: APIRequestContext,
  token: string,
  listId: string,
  csv: string,
  fields: Record<string, string> = {},
) {
  const response = await request.post(`/api/v1/lists/${listId}/importJobs`, {
    headers: { 'x-auth-jwt': token },
    multipart: { ...fields, dataFile: { name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
  });
  if (response.status() !== 202) throw new Error(`upload: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Polls every 50 ms (the jobs set up here take well under a second) for up to a minute. */
export async function waitForJob(request: APIRequestContext, token: string, jobId: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const job = await (await request.get(`/api/v1/jobs/${jobId}`, { headers: { 'x-auth-jwt': token } })).json();
    if (['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}
