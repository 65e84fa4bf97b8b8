import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { Api, tokenFor } from '../support/api';
import { createDatabase } from '../support/databases';
import { expectApiError } from '../support/list-helpers';
import { startApp, startAppExpectingExit, waitFor, type RunningProcess } from '../support/processes';

/** The default database path: the app starts its own PostgreSQL under DATA_DIR when DATABASE_URL is unset. */
describe('embedded PostgreSQL lifecycle', () => {
  let dataDir: string;
  const started: (RunningProcess & { baseUrl: string })[] = [];
  const embeddedEnv = () => ({ DATABASE_URL: '', ADMIN_PASSWORD: '', DATA_DIR: dataDir });

  afterAll(async () => {
    for (const app of started) await app.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data directory with the demo admin, and refuses a second app on the same directory', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-embedded-'));
    const app = await startApp(embeddedEnv());
    started.push(app);
    const token = await tokenFor('admin@example.com', 'listport-demo', app.baseUrl);
    const admin = new Api(app.baseUrl, token);
    // The demo password is known to everyone: until it is changed, it can do nothing else.
    expect((await admin.get('/api/v1/me')).body).toMatchObject({ mustChangePassword: true, instanceAdmin: true });
    expectApiError(await admin.post('/api/v1/workspaces', { name: 'Survives restarts' }), 403, 40302);
    expectApiError(await admin.get('/api/v1/lists'), 403, 40302);
    const settings = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8'));
    expect(settings.port).not.toBe(5432);
    // As an install from before the forced change would have it: the demo password, nothing required.
    const sql = postgres(
      `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/listport`,
      {
        max: 1,
        onnotice: () => {},
      },
    );
    await sql`update users set must_change_password = false`;
    await sql.end();
    expect((await admin.post('/api/v1/workspaces', { name: 'Survives restarts' })).status).toBe(201);

    const second = await startAppExpectingExit(embeddedEnv());
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/in use by another Listport process \(pid \d+\)/);
    // The first app is unaffected.
    expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
  });

  it('starts again after the app was killed hard, with its data intact', async () => {
    const first = started.pop()!;
    const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await first.kill9();
    // PostgreSQL outlives a hard-killed app: the next start must cope with it.
    expect(isAlive(pid)).toBe(true);
    const app = await startApp(embeddedEnv());
    started.push(app);
    const admin = new Api(app.baseUrl, await tokenFor('admin@example.com', 'listport-demo', app.baseUrl));
    // The start found the demo password unchanged and requires the change again.
    expectApiError(await admin.get('/api/v1/workspaces'), 403, 40302);
    const changed = await admin.post('/api/v1/me/password', {
      currentPassword: 'listport-demo',
      newPassword: 'my-own-admin-password-1',
    });
    expect(changed.status, changed.text).toBe(200);
    const workspaces = await admin.get('/api/v1/workspaces');
    expect(workspaces.body.items.map((w: { name: string }) => w.name)).toContain('Survives restarts');
    expect(
      (await new Api(app.baseUrl).post('/api/v1/auth/token', { email: 'admin@example.com', password: 'listport-demo' }))
        .status,
    ).toBe(401);
    expect(isAlive(pid)).toBe(false);
  });

  it('restarts PostgreSQL when it dies while the app runs, and serves again without a restart of the app', async () => {
    // Before, the app answered 503 for ever once its embedded server was gone.
    const app = started[started.length - 1]!;
    const postmasterPid = async () =>
      Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const pid = await postmasterPid();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isAlive(pid), 20_000);
    await waitFor(
      async () => (await fetch(`${app.baseUrl}/api/health`).catch(() => undefined))?.status === 200,
      60_000,
      () => app.output(),
    );
    expect(app.output()).toMatch(/Embedded PostgreSQL stopped unexpectedly \(SIGKILL\); restarting it/);
    expect(await postmasterPid()).not.toBe(pid);
    // The test before changed the demo password; the restarted server still knows it.
    const admin = new Api(app.baseUrl, await tokenFor('admin@example.com', 'my-own-admin-password-1', app.baseUrl));
    const workspaces = await admin.get('/api/v1/workspaces');
    expect(workspaces.body.items.map((w: { name: string }) => w.name)).toContain('Survives restarts');
  });

  it('stops PostgreSQL and releases the directory on SIGTERM', async () => {
    const app = started.pop()!;
    const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await app.stop();
    await waitFor(() => !isAlive(pid), 20_000);
    await expect(fs.access(path.join(dataDir, 'app.lock'))).rejects.toThrow();
    await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
  });
});

describe('bootstrap on a provided database', () => {
  it('refuses to create a default admin password and says how to set one', async () => {
    const database = await createDatabase(inject('serverUrl'));
    try {
      const result = await startAppExpectingExit({ DATABASE_URL: database.url, ADMIN_PASSWORD: '' });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('Set ADMIN_PASSWORD');
    } finally {
      await database.drop();
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
