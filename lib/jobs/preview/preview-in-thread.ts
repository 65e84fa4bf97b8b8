import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { threadReply } from '@/lib/runtime/thread-reply';
import { spawnTsxWorker } from '@/lib/runtime/tsx-worker';

import type { PreviewResult } from '../load/preview-csv';
import type { PreviewReply, PreviewTask } from './preview-protocol';

/** A preview streams its file: its heap stays small whatever the file's size. */
const PREVIEW_THREAD_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 };

/**
 * What importing a stored upload would do, computed in a worker thread (preview-worker-entry.ts).
 * The HTTP process only waits: its event loop answers other requests while the file is checked.
 */
export async function previewInThread(task: PreviewTask): Promise<PreviewResult> {
  const reply = await threadReply<PreviewReply>(spawnPreviewWorker(task), 'preview');
  if (!reply.ok) {
    // With its code, so that apiRoute answers as for the same failure in this process (a vanished list: 404).
    const error = Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {});
    if (reply.stack) error.stack = reply.stack;
    throw error;
  }
  return reply.result;
}

/** In the production build Next bundles the entry from this `new Worker(new URL(…))`; from sources it runs through tsx. */
function spawnPreviewWorker(task: PreviewTask): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL('./preview-worker-entry.ts', import.meta.url), {
      workerData: { task },
      resourceLimits: PREVIEW_THREAD_LIMITS,
    });
  }
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preview-worker-entry.ts');
  return spawnTsxWorker(entry, { task }, PREVIEW_THREAD_LIMITS);
}
