import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/errors';

import { admission, ClientGone, type AdmissionOptions } from './admission';

const OPTIONS: AdmissionOptions = { what: 'preview', concurrency: 2, queue: 2, perUser: 3, maxWaitMs: 10_000 };

/** A fresh admission (its state is per key, on globalThis). */
function fresh(options: Partial<AdmissionOptions> = {}) {
  return admission(`test-${randomUUID()}`, () => ({ ...OPTIONS, ...options }));
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('admission: bounded heavy work per process', () => {
  it('runs `concurrency` at once and hands each freed slot to the next in line', async () => {
    const limiter = fresh();
    const [a, b, c, d] = ['u1', 'u2', 'u3', 'u4'].map((u) => limiter.admit(u));
    await a!.turn();
    await b!.turn();
    const order: string[] = [];
    const waitingC = c!.turn().then(() => order.push('c'));
    const waitingD = d!.turn().then(() => order.push('d'));
    expect(limiter.load()).toEqual({ running: 2, waiting: 2 });
    a!.release();
    await waitingC;
    expect(order).toEqual(['c']);
    expect(limiter.load()).toEqual({ running: 2, waiting: 1 });
    b!.release();
    await waitingD;
    expect(order).toEqual(['c', 'd']);
    c!.release();
    d!.release();
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a user past their share with 429, and others still get in', () => {
    const limiter = fresh({ perUser: 2 });
    limiter.admit('busy');
    limiter.admit('busy');
    const error = refusal(() => limiter.admit('busy'));
    expect(error.status).toBe(429);
    expect(error.message).toBe('You already have 2 previews running or waiting; at most 2 run at a time.');
    expect(error.remediation).toMatch(
      /^Send at most 2 at a time: send this one again after \d+ seconds \(the Retry-After header\)/,
    );
    expect(error.headers['retry-after']).toMatch(/^\d+$/);
    expect(() => limiter.admit('someone else')).not.toThrow();
  });

  it("asks for a short wait when the user's own work ends soon (record reads: 1 s, not the queue's 8 s)", () => {
    const limiter = fresh({ perUser: 1, maxWaitMs: 30_000, perUserRetryAfterSeconds: 1 });
    limiter.admit('busy');
    const error = refusal(() => limiter.admit('busy'));
    expect(error.headers['retry-after']).toBe('1');
    expect(error.remediation).toMatch(/send this one again after 1 second \(the Retry-After header\)/);
  });

  it('refuses with 503 and Retry-After once every running and waiting place is taken', async () => {
    const limiter = fresh({ perUser: 10 });
    const tickets = Array.from({ length: 5 }, (_, i) => limiter.admit(`u${i}`));
    await tickets[0]!.turn();
    await tickets[1]!.turn();
    void tickets[2]!.turn();
    void tickets[3]!.turn();
    const error = await tickets[4]!.turn().then(
      () => undefined,
      (e: unknown) => e as ApiError,
    );
    expect(error?.status).toBe(503);
    expect(error?.message).toBe('The server is busy with other previews right now.');
    expect(Number(error?.headers['retry-after'])).toBeGreaterThan(0);
    for (const ticket of tickets) ticket.release();
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('holds only the user’s own place while their upload is read, not a running or waiting one', async () => {
    const limiter = fresh({ concurrency: 1, queue: 0, perUser: 1 });
    const uploading = limiter.admit('slow');
    const other = limiter.admit('other');
    await other.turn();
    expect(limiter.load()).toEqual({ running: 1, waiting: 0 });
    other.release();
    uploading.release();
  });

  it('refuses a request that waited maxWaitMs for its turn, and frees its place', async () => {
    const limiter = fresh({ concurrency: 1, maxWaitMs: 50 });
    const running = limiter.admit('a');
    await running.turn();
    const waiting = limiter.admit('b');
    const error = await waiting.turn().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ApiError).status).toBe(503);
    waiting.release();
    running.release();
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
    const next = limiter.admit('c');
    await next.turn();
    expect(limiter.load()).toEqual({ running: 1, waiting: 0 });
  });

  it('lets a waiting request leave the line, and releases only once', async () => {
    const limiter = fresh({ concurrency: 1 });
    const first = limiter.admit('a');
    await first.turn();
    const leaving = limiter.admit('b');
    void leaving.turn();
    leaving.release();
    leaving.release();
    const third = limiter.admit('c');
    const started = third.turn();
    first.release();
    await started;
    expect(limiter.load()).toEqual({ running: 1, waiting: 0 });
  });

  it('takes a request whose client left out of the line: its turn never comes', async () => {
    const limiter = fresh({ concurrency: 1 });
    const first = limiter.admit('a');
    await first.turn();
    const client = new AbortController();
    const abandoned = limiter.admit('b');
    const outcome = abandoned.turn(client.signal).then(
      () => 'ran',
      (e: unknown) => (e as Error).name,
    );
    const next = limiter.admit('c');
    const order: string[] = [];
    const nextRuns = next.turn().then(() => order.push('c'));
    expect(limiter.load()).toEqual({ running: 1, waiting: 2 });
    client.abort();
    expect(await outcome).toBe('ClientGone');
    expect(limiter.load()).toEqual({ running: 1, waiting: 1 });
    abandoned.release();
    first.release();
    await nextRuns;
    expect(order).toEqual(['c']);
    // One whose client had already left never takes a free slot.
    next.release();
    const gone = new AbortController();
    gone.abort();
    const late = limiter.admit('d');
    await expect(late.turn(gone.signal)).rejects.toThrow(ClientGone);
    expect(limiter.load()).toEqual({ running: 0, waiting: 0 });
    late.release();
  });

  it('shares its state between modules that name the same key (Next bundles routes apart)', async () => {
    const key = `shared-${randomUUID()}`;
    const one = admission(key, () => OPTIONS);
    const other = admission(key, () => OPTIONS);
    await one.admit('a').turn();
    expect(other.load()).toEqual({ running: 1, waiting: 0 });
  });
});
