import { env } from '@/lib/env';
import { admission } from '@/lib/http/admission';

/**
 * List guesses of this process. Each reads its whole file in a thread with a heap of up to 1 GB:
 * LIST_GUESSES (default 2) run at once, four times as many wait up to 60 s, and a user holds at
 * most LIST_GUESSES_PER_USER places (four 3M-row guesses at once took 2.2 GB and six minutes).
 */
export const listGuesses = admission('list-guess', () => {
  const config = env();
  return {
    what: 'list proposal',
    concurrency: config.LIST_GUESSES,
    queue: 4 * config.LIST_GUESSES,
    perUser: config.LIST_GUESSES_PER_USER,
    maxWaitMs: 60_000,
  };
});
