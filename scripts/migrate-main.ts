/** `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the embedded database). */
import { startRuntime } from '@/lib/runtime/start';

startRuntime({ worker: 'none' })
  .then(() => {
    console.log('Migrations applied.');
    process.exit(0);
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
