/**
 * Sliding-window limits on failed sign-ins (the sign-in form, POST /api/v1/auth/token, the current
 * password of a password change): per account *and client*, and per client across accounts. Counting
 * per account alone let anyone lock any account — its owner included — with ten wrong passwords; an
 * account is now closed only to the client that guessed, while its owner signs in from their own.
 * Clients are addresses as lib/auth/client-address.ts decides them (X-Forwarded-For only from
 * TRUST_PROXY). Kept in process memory, on globalThis because Next bundles each route on its own.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT_AND_CLIENT = 10;
const MAX_FAILURES_PER_CLIENT = 50;

const stateKey = Symbol.for('listport.signInFailures');
const g = globalThis as typeof globalThis & { [stateKey]?: Map<string, number[]> };
const failures: Map<string, number[]> = (g[stateKey] ??= new Map());

function recent(key: string, now: number): number[] {
  const times = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length === 0) failures.delete(key);
  else failures.set(key, times);
  return times;
}

function keys(email: string, client: string): [string, string] {
  return [`a:${email.trim().toLowerCase()}|${client}`, `c:${client}`];
}

export function checkSignInRate(
  email: string,
  client: string,
  now = Date.now(),
): { allowed: boolean; retryAfterSeconds: number } {
  const [accountKey, clientKey] = keys(email, client);
  const limits: [number[], number][] = [
    [recent(accountKey, now), MAX_FAILURES_PER_ACCOUNT_AND_CLIENT],
    [recent(clientKey, now), MAX_FAILURES_PER_CLIENT],
  ];
  // A limit frees up when enough of its failures have left the window; wait for the latest one.
  const freeAt = limits
    .filter(([times, max]) => times.length >= max)
    .map(([times, max]) => (times[times.length - max] ?? now) + WINDOW_MS);
  if (freeAt.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...freeAt) - now) / 1000)) };
}

export function recordSignInFailure(email: string, client: string, now = Date.now()): void {
  for (const key of keys(email, client)) failures.set(key, [...recent(key, now), now]);
}
