/**
 * Sliding-window limits on sign-in and token requests, per account and per IP, so passwords
 * cannot be guessed at speed. Kept in process memory: each app process limits on its own, which
 * bounds an attacker to (processes × limit) attempts per window.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_IP = 50;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const times = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length === 0) failures.delete(key);
  else failures.set(key, times);
  return times;
}

/**
 * The address to limit by: the right-most X-Forwarded-For entry, which the server in front of us
 * (Next's own, or a proxy) appended — the left-most entries are whatever the client claimed.
 */
export function clientAddress(forwardedFor: string | null | undefined): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[entries.length - 1] ?? 'local';
}

export function checkSignInRate(
  email: string,
  ip: string,
  now = Date.now(),
): { allowed: boolean; retryAfterSeconds: number } {
  const limits: [number[], number][] = [
    [recent(`a:${email.trim().toLowerCase()}`, now), MAX_FAILURES_PER_ACCOUNT],
    [recent(`i:${ip}`, now), MAX_FAILURES_PER_IP],
  ];
  // A limit frees up when enough of its failures have left the window; wait for the latest one.
  const freeAt = limits
    .filter(([times, max]) => times.length >= max)
    .map(([times, max]) => (times[times.length - max] ?? now) + WINDOW_MS);
  if (freeAt.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...freeAt) - now) / 1000)) };
}

export function recordSignInFailure(email: string, ip: string, now = Date.now()): void {
  for (const key of [`a:${email.trim().toLowerCase()}`, `i:${ip}`]) {
    failures.set(key, [...recent(key, now), now]);
  }
}
