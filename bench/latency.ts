/** Latencies of one probed request while a load ran. */
export type Latency = { requests: number; p50Ms: number; p99Ms: number; maxMs: number; failures: number };

export type LatencyProbe = { stop: () => Promise<Record<string, Latency>> };

/**
 * Asks the server for each path every `everyMs` while a load runs, on a fixed schedule: a request is
 * sent on time even while earlier ones wait for their answer, so a stalled server shows as the long
 * wait it imposes on everyone, not as fewer samples.
 */
export function probeLatency(
  baseUrl: string,
  paths: Record<string, { path: string; headers?: Record<string, string> }>,
  everyMs = 50,
): LatencyProbe {
  const samples = new Map<string, number[]>(Object.keys(paths).map((name) => [name, []]));
  const failures = new Map<string, number>(Object.keys(paths).map((name) => [name, 0]));
  const inFlight = new Set<Promise<void>>();
  const ask = (name: string, target: { path: string; headers?: Record<string, string> }) => {
    const started = performance.now();
    const request = fetch(`${baseUrl}${target.path}`, { headers: target.headers })
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) failures.set(name, failures.get(name)! + 1);
        samples.get(name)!.push(performance.now() - started);
      })
      .catch(() => void failures.set(name, failures.get(name)! + 1))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const timer = setInterval(() => {
    for (const [name, target] of Object.entries(paths)) ask(name, target);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return Object.fromEntries(
        [...samples].map(([name, values]) => [name, summarizeLatencies(values, failures.get(name)!)]),
      );
    },
  };
}

function summarizeLatencies(values: number[], failures: number): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0;
  return {
    requests: sorted.length,
    p50Ms: Math.round(at(0.5)),
    p99Ms: Math.round(at(0.99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    failures,
  };
}
