import type { Principal } from '@/lib/auth/principal';
import { env } from '@/lib/env';

import { admission } from './admission';

/**
 * Reads of records through the API — a page of a list's or a revision's contents, a comparison of
 * two revisions — each stopped in the database after API_READ_TIMEOUT_SECONDS (boundedRead). The
 * timeout bounds one read, not how many: one viewer sending 40 sorted reads of a list of millions
 * at once would still hold the pool's 20 connections, each up to the timeout, over and over. So they
 * are admitted too: API_READS at once per process (half the pool by default, the rest stays for
 * everything else), 4× as many wait up to 30 s, API_READS_PER_USER places per user; past that
 * 429/503 with Retry-After.
 */
export const recordReads = admission('record-read', () => {
  const config = env();
  return {
    what: 'record read',
    concurrency: config.API_READS,
    queue: 4 * config.API_READS,
    perUser: config.API_READS_PER_USER,
    maxWaitMs: 30_000,
    // A read takes milliseconds: one of the user's own is answered long before the queue's 8 s.
    perUserRetryAfterSeconds: 1,
  };
});

/**
 * Runs `read` once the user's read is admitted, giving its place back when it ends. A read whose
 * client leaves while it waits (`signal`, the request's) leaves the line and never runs.
 */
export async function admittedRead<T>(principal: Principal, signal: AbortSignal, read: () => Promise<T>): Promise<T> {
  const ticket = recordReads.admit(principal.userId);
  try {
    await ticket.turn(signal);
    return await read();
  } finally {
    ticket.release();
  }
}
