import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { ApiError, ERROR_CODES } from '@/lib/errors';
import type { FileGuess } from '@/lib/lists/guess/guess-file';
import { outgrewItsHeap, threadReply } from '@/lib/runtime/thread-reply';
import { spawnTsxWorker } from '@/lib/runtime/tsx-worker';

import type { GuessReply, GuessTask } from './guess-protocol';

/**
 * A guess streams its file but remembers each key candidate's values to find the unique ones (up
 * to 4M, see createKeyTracker): a 3M-row file's took ~500 MB. Past this heap the guess is refused.
 */
const GUESS_THREAD_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 32 };

/**
 * A list proposed for a stored upload, judged in a worker thread (guess-worker-entry.ts). On the
 * event loop, a 1M-row file held every other request of the process for up to a minute.
 */
export async function guessInThread(task: GuessTask): Promise<FileGuess> {
  let reply: GuessReply;
  try {
    reply = await threadReply<GuessReply>(spawnGuessWorker(task), 'list guess');
  } catch (error) {
    if (!outgrewItsHeap(error)) throw error;
    throw new ApiError(
      413,
      ERROR_CODES.tooLarge,
      'The file has too many different values to propose a list for it in one go.',
      'Propose a list for the first part of the file (say, its first 500,000 rows), create the list, then import the whole file into it.',
    );
  }
  if (reply.ok) return reply.guess;
  if ('problem' in reply) throw ApiError.badRequest(reply.problem.message, reply.problem.remediation);
  const error = new Error(reply.message);
  if (reply.stack) error.stack = reply.stack;
  throw error;
}

/** In the production build Next bundles the entry from this `new Worker(new URL(…))`; from sources it runs through tsx. */
function spawnGuessWorker(task: GuessTask): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL('./guess-worker-entry.ts', import.meta.url), {
      workerData: { task },
      resourceLimits: GUESS_THREAD_LIMITS,
    });
  }
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'guess-worker-entry.ts');
  return spawnTsxWorker(entry, { task }, GUESS_THREAD_LIMITS);
}
