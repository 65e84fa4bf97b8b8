/**
 * A process that only runs jobs: started by the app beside itself (RUN_WORKER=true, the default),
 * or by `npm run worker` for deployments with several machines.
 */
import { startRuntime } from '@/lib/runtime/start';

// Started by the app: when the app goes (even by kill -9), the IPC channel closes and so do we —
// a running job's transaction rolls back with the connection, and the app's restart starts a new worker.
if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

startRuntime({ worker: 'inline' })
  .then(() => console.log(`[worker] running jobs${process.send ? ' for the app' : '; stop with Ctrl-C'}.`))
  .catch((error) => {
    console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
