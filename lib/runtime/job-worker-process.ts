import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The app's job worker as a child process (`lib/jobs/worker-main.ts`, what `npm run worker` runs):
 * parsing, validating and loading a file is CPU work that would otherwise hold the HTTP server's
 * event loop for seconds at a time, making every other user's request wait behind a load. A child
 * that dies is started again (after 1 s, doubling to 30 s while it keeps dying); it stops when the
 * app stops, and by itself if the app is killed (it watches its IPC channel).
 */
export type JobWorkerProcess = { stop: () => Promise<void> };

const FIRST_RESTART_MS = 1_000;
const MAX_RESTART_MS = 30_000;
/** A child that ran this long without dying was healthy: the next restart waits the first delay again. */
const HEALTHY_AFTER_MS = 60_000;

export function startJobWorkerProcess(databaseUrl: string): JobWorkerProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let delay = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | undefined;

  const spawn = () => {
    const startedAt = Date.now();
    const script = path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'jobs', 'worker-main.ts');
    // Next's own variables say "inside Next's bundle" (custom-import sandboxes then load a bundled
    // entry); the worker runs the TypeScript sources, so they must not follow it.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LISTPORT_WORKER_OF_APP: String(process.pid),
    };
    for (const name of Object.keys(env)) if (name === 'NEXT_RUNTIME' || name.startsWith('__NEXT')) delete env[name];
    const current = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env,
      stdio: 'inherit',
    });
    child = current;
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = FIRST_RESTART_MS;
      console.error(
        `[listport] the job worker process stopped (${signal ?? `exit code ${code}`}); starting it again in ${delay / 1000} s.`,
      );
      restartTimer = setTimeout(spawn, delay);
      restartTimer.unref();
      delay = Math.min(delay * 2, MAX_RESTART_MS);
    });
  };
  spawn();

  return {
    stop: async () => {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      // The worker stops its jobs cleanly on SIGTERM (their transactions roll back); a stuck one is killed.
      current.kill('SIGTERM');
      const killer = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
