import { createHash, randomBytes } from 'node:crypto';

/** How long an invitation can be accepted. */
export const INVITATION_DAYS = 7;

/** A one-time link's secret: 256 random bits, URL-safe. Only its hash is stored. */
export function newLinkSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function linkHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Where the invitee opens the link (the admin's page adds the origin it is served from). */
export function invitationPath(secret: string): string {
  return `/invitation/${secret}`;
}

/** A link secret as newLinkSecret makes them: anything else is not looked up. */
export function isLinkSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
