import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import { FileReadError } from '@/lib/csv/decode';
import { RecordTooLongError } from '@/lib/csv/record-stream';
import { guessFile } from '@/lib/lists/guess/guess-file';

import type { GuessReply, GuessTask } from './guess-protocol';

/** Guesses a list for one stored upload in its own thread: every row is read and judged here, not on the event loop. */
async function main(task: GuessTask): Promise<GuessReply> {
  try {
    const guess = await guessFile(() => createReadStream(task.path, { highWaterMark: 1024 * 1024 }), task.options);
    return { ok: true, guess };
  } catch (error) {
    if (error instanceof FileReadError || error instanceof RecordTooLongError)
      return { ok: false, problem: error.problem };
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && { stack: error.stack }),
    };
  }
}

void main((workerData as { task: GuessTask }).task).then((reply) => parentPort?.postMessage(reply));
