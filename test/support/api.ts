import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

import { checkAgainstDocument } from './openapi-check';
import { TEST_ADMIN, waitFor } from './processes';

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers; text: string };

/** A small HTTP client for the REST API, authenticated by token, as a script would be. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(this.token && { 'x-auth-jwt': this.token }), ...options.headers };
    if (options.json !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (CSV, plain text state): keep the text.
    }
    // Every exchange is checked against the OpenAPI document, so a route that drifts fails its tests.
    await checkAgainstDocument({
      baseUrl: this.baseUrl,
      method,
      path,
      requestJson: options.json,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body,
    });
    return { status: response.status, body, headers: response.headers, text };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, json?: unknown) {
    return this.request<T>('POST', path, { json: json ?? {} });
  }
  put<T = any>(path: string, json?: unknown) {
    return this.request<T>('PUT', path, { json });
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** POST …/importJobs with a multipart body, as `curl -F dataFile=@file.csv` sends it. */
  upload(listId: string, content: string | Uint8Array, fields: Record<string, string> = {}, fileName = 'data.csv') {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('dataFile', new Blob([content as BlobPart], { type: 'text/csv' }), fileName);
    return this.request('POST', `/api/v1/lists/${listId}/importJobs`, { body: form });
  }

  async waitForJob(
    listId: string,
    jobId: string,
    kind: 'importJobs' | 'purgeJobs' | 'restoreJobs' = 'importJobs',
    timeoutMs = 60_000,
  ) {
    let job: any;
    await waitFor(
      async () => {
        job = (await this.get(`/api/v1/lists/${listId}/${kind}/${jobId}`)).body;
        return ['completed', 'failed', 'cancelled'].includes(job?.state);
      },
      timeoutMs,
      () => JSON.stringify(job),
    );
    return job;
  }
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function tokenFor(email: string, password: string, url = baseUrl()): Promise<string> {
  const response = await new Api(url).post('/api/v1/auth/token', { email, password });
  if (response.status !== 200) throw new Error(`Token for ${email}: ${response.status} ${response.text}`);
  return response.body.token;
}

export async function adminApi(url = baseUrl()): Promise<Api> {
  return new Api(url, await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password, url));
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

/** A new workspace administered by the test admin, so each suite is isolated from the others. */
export async function createWorkspace(admin: Api): Promise<string> {
  const response = await admin.post('/api/v1/workspaces', { name: uniqueName('Workspace') });
  if (response.status !== 201) throw new Error(response.text);
  return response.body.id;
}

/** A user with `role` in `workspaceId`, and an API client authenticated as them. */
export async function userWithRole(
  admin: Api,
  workspaceId: string,
  role: 'admin' | 'editor' | 'viewer',
): Promise<Api & { email: string; password: string; id: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const created = await admin.post('/api/v1/users', { email, name: `Test ${role}`, password, workspaceId, role });
  if (created.status !== 201) throw new Error(created.text);
  const api = new Api(admin.baseUrl, await tokenFor(email, password, admin.baseUrl));
  return Object.assign(api, { email, password, id: created.body.id as string });
}

export const EMPLOYEE_COLUMNS = [
  { name: 'employeeId', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string', required: true },
  { name: 'salary', dataType: 'number' },
  { name: 'active', dataType: 'boolean' },
  { name: 'hired', dataType: 'date' },
];

export async function createList(
  admin: Api,
  workspaceId: string,
  columns: unknown[] = EMPLOYEE_COLUMNS,
  name = uniqueName('List'),
) {
  const response = await admin.post('/api/v1/lists', { name, workspaceId, columns });
  if (response.status !== 201) throw new Error(response.text);
  return response.body as { id: string; name: string; columns: any[] };
}

/** Uploads and waits for the job's end. */
export async function importAndWait(
  api: Api,
  listId: string,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
) {
  const response = await api.upload(listId, content, fields);
  if (response.status !== 202) throw new Error(`upload: ${response.status} ${response.text}`);
  return api.waitForJob(listId, response.body.id);
}
