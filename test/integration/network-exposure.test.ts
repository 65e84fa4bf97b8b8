import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDatabase } from '../support/databases';
import { KEEP_ALIVE_TIMEOUT_MS } from '../support/next-start';
import { startApp, type RunningProcess } from '../support/processes';

/**
 * How the app meets the network when started the way the README says (`npm start`): this suite
 * runs package.json's start script itself, on a database of its own.
 */
let app: RunningProcess & { baseUrl: string };
let drop: () => Promise<void>;
let uploadDir: string;

beforeAll(async () => {
  const database = await createDatabase(inject('serverUrl'));
  drop = database.drop;
  uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-network-'));
  app = await startApp(
    { DATABASE_URL: database.url, UPLOAD_DIR: uploadDir, HOSTNAME: undefined },
    { asNpmStart: true },
  );
});

afterAll(async () => {
  await app?.stop();
  await drop?.();
  await fs.rm(uploadDir, { recursive: true, force: true });
});

/** This machine's first address other machines could connect to, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  const external = externalAddress();

  it('answers on 127.0.0.1', async () => {
    expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
  });

  it.skipIf(!external)('does not listen on the network unless HOSTNAME says so', async () => {
    const port = Number(new URL(app.baseUrl).port);
    expect(await connects(external!, port)).toBe(false);
  });

  it('keeps an idle connection open for a minute, not 5 s', async () => {
    // With Node's 5 s, a client that paused about that long before an upload met a connection
    // closing under it (write EPIPE). Node derives this header from server.keepAliveTimeout.
    const response = await fetch(`${app.baseUrl}/api/health`);
    expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
  });
});
