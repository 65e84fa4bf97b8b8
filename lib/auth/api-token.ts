import { errors, jwtVerify, SignJWT } from 'jose';

import { createApiToken, isApiTokenActive } from '@/db/queries/api-tokens';

import { getAuthSecret } from './secret';

const ISSUER = 'listport';
const AUDIENCE = 'listport-api';

async function key(): Promise<Uint8Array> {
  return new TextEncoder().encode(await getAuthSecret());
}

/** Issues a signed token (HS256) whose id is stored, so it can be listed and revoked. */
export async function issueApiToken(
  userId: string,
  label: string,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date; id: string }> {
  const expiresAt = new Date(Date.now() + ttlHours * 3600 * 1000);
  const record = await createApiToken(userId, label, expiresAt);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(record.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await key());
  return { token, expiresAt, id: record.id };
}

/**
 * Returns whose a valid, unrevoked token is (and its id); for a token of ours whose time is up, when
 * it expired (its signature is checked before its expiry, so only our own tokens get that far), so
 * a script is told to get a new one rather than to look for a mistake; else undefined.
 */
export async function verifyApiToken(
  token: string,
): Promise<{ userId: string; tokenId: string } | { expiredAt: Date } | undefined> {
  // Only a bad token means "not authenticated"; a database that is away must surface as 503.
  const secret = await key();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired && typeof error.payload.exp === 'number')
      return { expiredAt: new Date(error.payload.exp * 1000) };
    return undefined;
  }
  if (!payload.sub || !payload.jti) return undefined;
  return (await isApiTokenActive(payload.jti, payload.sub)) ? { userId: payload.sub, tokenId: payload.jti } : undefined;
}
