/**
 * `next start` as package.json's start script runs it, on a given port and on 127.0.0.1. An idle
 * keep-alive connection stays open 65 s (Node's default is 5 s): a client that pauses a few seconds
 * before its next request — a script between two uploads, a test between two steps — could
 * otherwise start sending on a connection the server is closing at that moment, and see its upload
 * fail with EPIPE. Proxies in front of the app (60 s idle by default) close first, as they should.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function nextStartArgs(port: number): string[] {
  return ['start', '-p', String(port), '-H', '127.0.0.1', '--keepAliveTimeout', String(KEEP_ALIVE_TIMEOUT_MS)];
}
