import http from 'node:http';

/** One /api/health request on a fresh connection (no queueing behind a busy keep-alive socket); its time in ms. */
export function healthLatency(baseUrl: string): Promise<number> {
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    http
      .get(`${baseUrl}/api/health`, { agent: false }, (response) =>
        response
          .resume()
          .on('end', () => resolve(performance.now() - started))
          .on('error', reject),
      )
      .on('error', reject);
  });
}

/** Polls /api/health for `durationMs`; the slowest answer's time in ms. */
export async function slowestHealthAnswer(baseUrl: string, durationMs: number): Promise<number> {
  let slowest = 0;
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    slowest = Math.max(slowest, await healthLatency(baseUrl));
    await new Promise((r) => setTimeout(r, 100));
  }
  return slowest;
}

/**
 * Polls /api/health every `everyMs` while `work` runs: every answer's time, so a caller can take
 * the slowest or a percentile. A server whose event loop is held answers late, however briefly.
 */
export async function healthWhile<T>(
  baseUrl: string,
  work: Promise<T>,
  everyMs = 50,
): Promise<{ result: T; latencies: number[]; slowest: number }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  const poll = (async () => {
    while (!done) {
      latencies.push(await healthLatency(baseUrl));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  const result = await finished;
  await poll;
  return { result, latencies, slowest: Math.max(0, ...latencies) };
}
