import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

import { adminApi, baseUrl, createList, createWorkspace } from '../support/api';
import { createDatabase } from '../support/databases';
import { expectApiError } from '../support/list-helpers';
import { startApp, waitFor } from '../support/processes';

describe('uploads that do not finish', () => {
  it('a client that disconnects mid-upload leaves no job and no file', async () => {
    const admin = await adminApi();
    const workspaceId = await createWorkspace(admin);
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'v', dataType: 'string' },
    ]);
    const uploadDir = inject('uploadDir');
    const before = new Set(await fs.readdir(uploadDir));
    const url = new URL(`${baseUrl()}/api/v1/lists/${list.id}/importJobs`);
    const boundary = 'listportboundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="dataFile"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nid,v\r\n`;
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'x-auth-jwt': admin.token!,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * 1024 * 1024),
      },
    });
    request.on('error', () => {});
    request.write(head);
    for (let i = 0; i < 200; i++) request.write(`${i},${'x'.repeat(1000)}\r\n`);
    // Let the server start writing the file, then vanish.
    await new Promise((r) => setTimeout(r, 500));
    request.destroy();
    await waitFor(async () => {
      const now = (await fs.readdir(uploadDir)).filter((f) => !before.has(f));
      return now.length === 0;
    }, 10_000);
    const jobs = await admin.get(`/api/v1/lists/${list.id}/importJobs`);
    expect(jobs.body.count).toBe(0);
    expect((await admin.get('/api/health')).status).toBe(200);
  });
});

describe('cookies behind HTTPS', () => {
  it('marks the session cookies Secure (and __Secure-) when the app is served over https', async () => {
    const database = await createDatabase(inject('serverUrl'));
    const app = await startApp({ DATABASE_URL: database.url, NEXTAUTH_URL: 'https://listport.example' });
    try {
      const response = await fetch(`${app.baseUrl}/api/auth/csrf`);
      const cookies = response.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie).toMatch(/;\s*SameSite=Lax/i);
        expect(cookie).toMatch(/^__(Secure|Host)-/);
      }
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});

describe('a full disk', () => {
  it('answers 507 at once, keeps no partial file, and takes uploads again once there is room', async (ctx) => {
    // UPLOAD_DIR on a 2 MB tmpfs (the machines and CI run as root); elsewhere the case cannot be made.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true });
      ctx.skip(`cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`);
    }
    const database = await createDatabase(inject('serverUrl'));
    const app = await startApp({ DATABASE_URL: database.url, UPLOAD_DIR: dir });
    try {
      const admin = await adminApi(app.baseUrl);
      const workspaceId = await createWorkspace(admin);
      const list = await createList(admin, workspaceId, [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'v', dataType: 'string' },
      ]);
      let big = 'id,v\n';
      for (let i = 0; i < 5_000; i++) big += `${i},${'x'.repeat(1000)}\n`;
      const full = await admin.upload(list.id, big);
      const body = expectApiError(full, 507, 50700);
      expect(body.message).toBe('The server has no room left to store this file; nothing was stored.');
      expect(await fs.readdir(dir)).toEqual([]);
      expect((await admin.get(`/api/v1/lists/${list.id}/importJobs`)).body.count).toBe(0);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
      const small = await admin.upload(list.id, 'id,v\n1,a\n');
      expect(small.status, small.text).toBe(202);
      expect((await admin.waitForJob(list.id, small.body.id)).state).toBe('completed');
    } finally {
      await app.stop();
      await database.drop();
      execFileSync('umount', [dir]);
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
