import { env } from '@/lib/env';
import { admission } from '@/lib/http/admission';

/**
 * Every scrypt (checking a password, hashing a new one) runs through here: at most PASSWORD_CHECKS
 * at once in this process, a bounded queue, and a few places per client. scrypt takes ~50 ms of a
 * libuv thread and 16 MB; 400 anonymous token requests at once used to take every thread the server
 * reads files and resolves names with, and pushed unrelated API answers from 30 ms to seconds. Past
 * the bounds a request is refused at once (429 for one client's excess, 503 when all are busy).
 */
const passwordWork = admission('password-work', () => ({
  what: 'password check',
  concurrency: env().PASSWORD_CHECKS,
  queue: 32,
  perUser: 4,
  maxWaitMs: 10_000,
}));

export async function withPasswordWork<T>(client: string, work: () => Promise<T>): Promise<T> {
  const ticket = passwordWork.admit(client);
  try {
    await ticket.turn();
    return await work();
  } finally {
    ticket.release();
  }
}
