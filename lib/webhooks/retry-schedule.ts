/**
 * When to try a failed delivery again: exponential backoff from `baseSeconds` (×4 each time: 30 s,
 * 2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min with the default), for `forHours` after the event.
 * Past that the delivery is given up (failed), and "send again" is the way to retry it.
 */
export function nextAttemptAt(
  attempts: number,
  createdAt: Date,
  options: { baseSeconds: number; forHours: number },
  now = new Date(),
): Date | undefined {
  const delayMs = options.baseSeconds * 1000 * 4 ** Math.max(0, attempts - 1);
  const next = new Date(now.getTime() + delayMs);
  const deadline = createdAt.getTime() + options.forHours * 3600 * 1000;
  return next.getTime() <= deadline ? next : undefined;
}
