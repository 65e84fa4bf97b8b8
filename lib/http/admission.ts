import { ApiError, ERROR_CODES } from '@/lib/errors';
import { plural } from '@/lib/shared/plural';

/**
 * Bounds one kind of heavy work in this process (a script sandbox, an import preview): `concurrency`
 * run at once, up to `queue` more wait their turn (first come, first served), and one user holds at
 * most `perUser` places. Past a bound a request is refused at once — 429 when that user already
 * has their share, 503 when the server is full — with Retry-After; a request that waits `maxWaitMs`
 * for its turn is refused with 503 too, so no one waits without end.
 *
 * A user's place is taken before the request's upload is read (a refused request stores nothing),
 * the turn after it: a slow upload holds only its user's place, never a running or waiting one.
 * State is kept on globalThis because Next bundles each route on its own; the bound is per process.
 */
export type AdmissionOptions = {
  /** What the work is, for messages: "import preview", "custom import script". */
  what: string;
  concurrency: number;
  queue: number;
  perUser: number;
  maxWaitMs: number;
  /**
   * Retry-After of a refusal for the user's share, when their own work ends sooner than the queue's
   * usual turn (record reads take milliseconds); by default a quarter of maxWaitMs.
   */
  perUserRetryAfterSeconds?: number;
};

export type Ticket = {
  /**
   * Resolves when the work may run (throws 503 after maxWaitMs). With the request's signal, a request
   * whose client goes away while it waits leaves the line at once and throws `ClientGone`: its turn
   * never comes, so the work nobody will receive never starts.
   */
  turn(signal?: AbortSignal): Promise<void>;
  /** Gives the place up (and the running slot, if taken); safe to call more than once. */
  release(): void;
};

type State = { running: number; waiting: (() => void)[]; perUser: Map<string, number> };

export type Admission = { admit(userId: string): Ticket; load(): { running: number; waiting: number } };

export function admission(key: string, options: () => AdmissionOptions): Admission {
  const globalKey = Symbol.for(`listport.admission.${key}`);
  const g = globalThis as typeof globalThis & { [k: symbol]: State | undefined };
  const state: State = (g[globalKey] ??= { running: 0, waiting: [], perUser: new Map() });

  const retryAfter = (o: AdmissionOptions) => String(Math.max(1, Math.ceil(o.maxWaitMs / 1000 / 4)));

  return {
    load: () => ({ running: state.running, waiting: state.waiting.length }),
    admit(userId) {
      const o = options();
      const held = state.perUser.get(userId) ?? 0;
      if (held >= o.perUser) {
        const seconds = o.perUserRetryAfterSeconds === undefined ? retryAfter(o) : String(o.perUserRetryAfterSeconds);
        throw new ApiError(
          429,
          ERROR_CODES.tooManyRequests,
          `You already have ${plural(held, o.what)} running or waiting; at most ${o.perUser} run at a time.`,
          `Send at most ${o.perUser} at a time: send this one again after ${plural(Number(seconds), 'second')} (the Retry-After header), or once one of yours has been answered.`,
          [],
          { 'retry-after': seconds },
        );
      }
      state.perUser.set(userId, held + 1);
      let running = false;
      let released = false;
      let cancelWait: (() => void) | undefined;
      const leaveRunning = () => {
        const next = state.waiting.shift();
        // The slot passes straight to the next in line, so the running count stays as it is.
        if (next) next();
        else state.running--;
      };
      return {
        async turn(signal) {
          if (running || released) return;
          if (signal?.aborted) throw new ClientGone();
          if (state.running < o.concurrency && state.waiting.length === 0) {
            state.running++;
            running = true;
            return;
          }
          if (state.waiting.length >= o.queue) throw busy(o, retryAfter(o));
          await new Promise<void>((resolve, reject) => {
            const leave = () => {
              cancelWait?.();
              reject(new ClientGone());
            };
            const resume = () => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', leave);
              running = true;
              resolve();
            };
            cancelWait = () => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', leave);
              const index = state.waiting.indexOf(resume);
              if (index >= 0) state.waiting.splice(index, 1);
            };
            const timer = setTimeout(() => {
              cancelWait?.();
              reject(busy(o, retryAfter(o)));
            }, o.maxWaitMs);
            signal?.addEventListener('abort', leave, { once: true });
            state.waiting.push(resume);
          });
        },
        release() {
          if (released) return;
          released = true;
          cancelWait?.();
          if (running) leaveRunning();
          const left = (state.perUser.get(userId) ?? 1) - 1;
          if (left > 0) state.perUser.set(userId, left);
          else state.perUser.delete(userId);
        },
      };
    },
  };
}

/** A request whose client went away before its turn came: there is no one left to answer. */
export class ClientGone extends Error {
  constructor() {
    super('The client went away while its request waited for its turn.');
    this.name = 'ClientGone';
  }
}

function busy(o: AdmissionOptions, retryAfter: string): ApiError {
  return new ApiError(
    503,
    ERROR_CODES.unavailable,
    `The server is busy with other ${o.what}s right now.`,
    `Try again in ${retryAfter} seconds.`,
    [],
    { 'retry-after': retryAfter },
  );
}
