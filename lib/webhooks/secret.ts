import { randomBytes } from 'node:crypto';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;
