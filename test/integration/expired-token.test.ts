import { randomBytes } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, Api } from '../support/api';
import { createDatabase } from '../support/databases';
import { expectApiError } from '../support/list-helpers';
import { startApp, type RunningProcess } from '../support/processes';

/**
 * A script whose token had expired (TOKEN_TTL_HOURS, 30 days) was told only that its token was
 * "missing, invalid or expired", as for a typo. It is now told that the token expired, and when, and
 * to get a new one. Only a token the app signed gets that answer: one signed with another key, expired
 * or not, still gets the plain refusal. Tokens last at least an hour, so the expired token is the
 * app's own token signed again, with the app's key (AUTH_SECRET), with an expiry in the past.
 */
const AUTH_SECRET = randomBytes(32).toString('hex');

let app: (RunningProcess & { baseUrl: string }) | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let admin: Api;

beforeAll(async () => {
  const database = await createDatabase(inject('serverUrl'));
  dropDatabase = database.drop;
  app = await startApp({ DATABASE_URL: database.url, AUTH_SECRET });
  admin = await adminApi(app.baseUrl);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase?.();
});

/** The admin's own token with its expiry moved to an hour ago, signed with `secret`. */
async function expiredToken(secret: string): Promise<{ token: string; expiredAt: Date }> {
  const claims = decodeJwt(admin.token!);
  const exp = Math.floor(Date.now() / 1000) - 3600;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub!)
    .setJti(claims.jti!)
    .setIssuer(claims.iss!)
    .setAudience(claims.aud as string)
    .setIssuedAt(exp - 60)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
  return { token, expiredAt: new Date(exp * 1000) };
}

describe('an expired token', () => {
  it('is refused saying it expired, when, and to get a new one', async () => {
    expect((await admin.get('/api/v1/lists')).status).toBe(200);
    const { token, expiredAt } = await expiredToken(AUTH_SECRET);
    const refused = expectApiError(await new Api(app!.baseUrl, token).get('/api/v1/lists'), 401, 40100);
    expect(refused.message).toBe(`This token expired on ${expiredAt.toISOString()}.`);
    expect(refused.remediation).toMatch(/^Get a new token from POST \/api\/v1\/auth\/token/);
  });

  it('is refused plainly when another key signed it', async () => {
    const { token } = await expiredToken(randomBytes(32).toString('hex'));
    const refused = expectApiError(await new Api(app!.baseUrl, token).get('/api/v1/lists'), 401, 40100);
    expect(refused.message).toBe('You are not signed in, or your token is missing, invalid or expired.');
  });
});
