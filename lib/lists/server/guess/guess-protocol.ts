import type { Problem } from '@/lib/csv/problem';
import type { FileGuess, GuessFileOptions } from '@/lib/lists/guess/guess-file';

/** What the guess thread is given: the stored upload and the options, all plain data. */
export type GuessTask = { path: string; options: GuessFileOptions };

/** The guess, or the file's problem (it cannot be read), or a failure of the thread's own. */
export type GuessReply =
  { ok: true; guess: FileGuess } | { ok: false; problem: Problem } | { ok: false; message: string; stack?: string };
