import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';

import { TEST_ADMIN } from '../test/support/processes';
import { BENCH_COLUMNS } from './data';

export type JobEnd = { state: string; logs: string[] };

/** The REST calls the bench makes, as a script would make them. */
export async function apiClient(baseUrl: string) {
  const tokenResponse = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { 'x-auth-jwt': token };
  const getJson = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${baseUrl}${path}`, { headers })).json()) as T;
  return {
    headers,
    async createList(name: string): Promise<{ id: string; workspaceId: string }> {
      const response = await fetch(`${baseUrl}/api/v1/lists`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name, columns: BENCH_COLUMNS }),
      });
      if (response.status !== 201) throw new Error(await response.text());
      return (await response.json()) as { id: string; workspaceId: string };
    },
    async deleteList(id: string): Promise<void> {
      const response = await fetch(`${baseUrl}/api/v1/lists/${id}`, { method: 'DELETE', headers });
      if (!response.ok) throw new Error(`deleting list ${id}: ${response.status} ${await response.text()}`);
    },
    /** Uploads a CSV file (streamed from disk) as an import job; resolves with the job's id once answered 202. */
    async submitImport(listId: string, file: string, mode: string): Promise<string> {
      // Uploaded by curl, as a script would: the harness's own multipart encoding (undici's
      // FormData) would cost this 2-core machine more CPU than the server's receiving does.
      const answer = await curlUpload(
        `${baseUrl}/api/v1/lists/${listId}/importJobs`,
        headers,
        { mode },
        'dataFile',
        file,
      );
      if (answer.status !== 202) throw new Error(`${answer.status} ${answer.body}`);
      return (JSON.parse(answer.body) as { id: string }).id;
    },
    /** Submits a JSON Lines file to the JSON custom import; resolves with the job's id. */
    async submitJsonImport(list: { id: string; workspaceId: string }, file: string): Promise<string> {
      const url = `${baseUrl}/api/v1/view/${list.workspaceId}/custom-import/0.0.1-json-records/submit-job`;
      const answer = await curlUpload(url, headers, { list: list.id }, 'file', file);
      if (answer.status !== 200) throw new Error(`${answer.status} ${answer.body}`);
      return (JSON.parse(answer.body) as { payload: { jobId: string } }).payload.jobId;
    },
    /** Polls the job until it ends; returns its state and log lines. */
    async waitForJob(id: string): Promise<JobEnd> {
      let state = 'pending';
      while (state === 'pending' || state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = (await getJson<{ state: string }>(`/api/v1/jobs/${id}`)).state;
      }
      const logs = await getJson<{ items?: { message: string }[] }>(`/api/v1/jobs/${id}/logs`);
      return { state, logs: (logs.items ?? []).map((line) => line.message) };
    },
  };
}

export type ApiClient = Awaited<ReturnType<typeof apiClient>>;

function curlUpload(
  url: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
  fileField: string,
  file: string,
): Promise<{ status: number; body: string }> {
  const args = ['-sS', '-w', '\n%{http_code}', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`])];
  for (const [name, value] of Object.entries(fields)) args.push('-F', `${name}=${value}`);
  args.push('-F', `${fileField}=@${file}`, url);
  return new Promise((resolve, reject) => {
    execFile('curl', args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(error);
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

/** The peak resident memory of a process, sampled every 50 ms until stopped. */
export function sampleRss(pid: number) {
  let peak = 0;
  const read = async () => {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb);
  };
  const timer = setInterval(() => void read(), 50);
  void read();
  return { peakSoFar: () => Math.round(peak / 1024), stop: () => (clearInterval(timer), Math.round(peak / 1024)) };
}
