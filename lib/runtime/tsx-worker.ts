import { Worker, type ResourceLimits } from 'node:worker_threads';

// Both of tsx's hooks are needed: ESM for the dynamic import()s of script loaders, CJS for the rest.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import('tsx/esm/api').then(({ register }) => {
  register();
  require('tsx/cjs/api').register();
  return import(pathToFileURL(workerData.entry).href);
});
`;

/**
 * A worker thread that runs a TypeScript entry module through tsx (resolving the project's `@/`
 * paths), for code run from sources (`npm run worker`, tests). In the production build, callers
 * write `new Worker(new URL('./entry.ts', import.meta.url))` themselves so that Next bundles the entry.
 */
export function spawnTsxWorker(
  entry: string,
  data: object,
  resourceLimits: ResourceLimits,
  env: NodeJS.ProcessEnv = process.env,
): Worker {
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { ...data, entry }, resourceLimits, env });
}
