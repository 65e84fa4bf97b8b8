import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { nextStartArgs } from './next-start';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_ADMIN = { email: 'admin@example.com', password: 'test-admin-password-1' };

export type RunningProcess = {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
};

function track(child: ChildProcess): RunningProcess {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
  };
  return { child, output: () => output, stop: () => signal('SIGTERM'), kill9: () => signal('SIGKILL') };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the production build (`next start`) with the given environment and waits for /api/health.
 * `asNpmStart` runs package.json's own start script instead (with PORT), as `npm start` would.
 */
export async function startApp(
  env: Record<string, string | undefined>,
  options: { asNpmStart?: boolean } = {},
): Promise<RunningProcess & { baseUrl: string }> {
  const port = await freePort();
  const [command, args] = options.asNpmStart
    ? ['sh', ['-c', `exec ${(await import('../../package.json')).scripts.start}`]]
    : [path.join(ROOT, 'node_modules', '.bin', 'next'), nextStartArgs(port)];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ADMIN_PASSWORD: TEST_ADMIN.password,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = track(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null)
        throw new Error(
          `The app exited with code ${child.exitCode} before it was ready:\n${running.output().slice(-4000)}`,
        );
      return (await fetch(`${baseUrl}/api/health`).catch(() => undefined))?.ok === true;
    },
    90_000,
    () => running.output(),
  );
  return { ...running, baseUrl };
}

/** Starts `npm run worker` (a job-only process) against a database. */
export function startWorker(env: Record<string, string | undefined>): RunningProcess {
  // One process (not the tsx wrapper, which would outlive a SIGKILL of its child): faults hit the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/jobs/worker-main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ADMIN_PASSWORD: TEST_ADMIN.password, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child);
}

/**
 * Checks every WAIT_POLL_MS until `check` holds. Most waits are for a small job (hundreds of them a
 * run, each done in well under a second): polling every 200 ms made each wait 100 ms longer on
 * average than the job, 50 ms makes it 25 ms for a cheap request.
 */
const WAIT_POLL_MS = 50;

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms. ${describe().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
  }
}

/** Starts the app expecting it to refuse to start; resolves with its exit code and output. */
export async function startAppExpectingExit(
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), nextStartArgs(port), {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = track(child);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output: running.output() };
}
