/** `npm run worker`: a process that only runs jobs, for deployments with several machines. */
import { startRuntime } from '@/lib/runtime/start';

startRuntime({ worker: true })
  .then(() => console.log('[worker] running jobs; stop with Ctrl-C.'))
  .catch((error) => {
    console.error(`[worker] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
