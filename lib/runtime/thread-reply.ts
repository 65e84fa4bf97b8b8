import type { Worker } from 'node:worker_threads';

/**
 * The one message a task's worker thread answers with; the thread is then ended. Rejects when the
 * thread fails or stops before answering — `ERR_WORKER_OUT_OF_MEMORY` when it outgrew its heap.
 */
export async function threadReply<Reply>(worker: Worker, what: string): Promise<Reply> {
  try {
    return await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`The ${what} thread stopped (exit code ${code}) before it answered.`)),
      );
    });
  } finally {
    void worker.terminate();
  }
}

/** Whether a thread stopped because its work outgrew the heap it was given. */
export function outgrewItsHeap(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
