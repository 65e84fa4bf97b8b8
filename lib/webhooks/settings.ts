import { env } from '@/lib/env';

/** The webhook settings of this process (see docs/webhooks.md). */
export function webhookSettings() {
  const e = env();
  return {
    allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
    timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
    retry: { baseSeconds: e.WEBHOOK_RETRY_BASE_SECONDS, forHours: e.WEBHOOK_RETRY_HOURS },
    disableAfter: e.WEBHOOK_DISABLE_AFTER_FAILURES,
    pollMs: e.WEBHOOK_POLL_MS,
  };
}
