/**
 * A process that only runs jobs: started by the app beside itself (RUN_WORKER=true, the default),
 * or by `npm run worker` for deployments with several machines.
 */
import os from 'node:os';

import { env } from '@/lib/env';
import { startRuntime } from '@/lib/runtime/start';

// Loads are bulk work: on a busy machine other users' requests go first (set before the runtime
// starts any thread, so the custom-import sandboxes inherit it). Measured by the bench's stall case:
// see docs/performance.md.
try {
  const niceness = env().WORKER_NICENESS;
  if (niceness > 0) os.setPriority(niceness);
} catch (error) {
  console.warn(`[worker] cannot lower its CPU priority: ${error instanceof Error ? error.message : String(error)}`);
}

// Started by the app: when the app goes (even by kill -9), the IPC channel closes and so do we —
// a running job's transaction rolls back with the connection, and the app's restart starts a new worker.
if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

startRuntime({ worker: 'inline' })
  .then(() => console.log(`[worker] running jobs${process.send ? ' for the app' : '; stop with Ctrl-C'}.`))
  .catch((error) => {
    console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
