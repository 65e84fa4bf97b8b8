import { decode, encode, type JWT } from 'next-auth/jwt';

import { getAuthSecret } from './secret';

/** next-auth's session cookie: `__Secure-` prefixed when the app is served over HTTPS. */
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;

export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

/** What a browser session proves: who signed in, and the account's session version at that moment. */
export type SessionClaims = { userId: string; sessionVersion: number | undefined; cookieName: string; token: JWT };

function parseCookies(cookieHeader: string): Map<string, string> {
  return new Map(
    cookieHeader
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((pair): pair is [string, ...string[]] => pair.length >= 2)
      .map(([name, ...rest]) => {
        let value = rest.join('=');
        try {
          value = decodeURIComponent(value);
        } catch {
          // A malformed escape is not a session: the decode below refuses it.
        }
        return [name, value];
      }),
  );
}

/** The session a request's Cookie header carries, if it is one this app signed and it has not expired. */
export async function readSessionCookie(cookieHeader: string): Promise<SessionClaims | undefined> {
  const cookies = parseCookies(cookieHeader);
  const cookieName = SESSION_COOKIES.find((name) => cookies.get(name));
  if (!cookieName) return undefined;
  const secret = await getAuthSecret();
  let token: JWT | null;
  try {
    token = await decode({ token: cookies.get(cookieName), secret });
  } catch {
    return undefined;
  }
  if (typeof token?.sub !== 'string') return undefined;
  return {
    userId: token.sub,
    sessionVersion: typeof token.sv === 'number' ? token.sv : undefined,
    cookieName,
    token,
  };
}

/**
 * A Set-Cookie value carrying the same session at a new session version: the browser that changed
 * its password stays signed in while every other session of the account ends.
 */
export async function renewedSessionCookie(claims: SessionClaims, sessionVersion: number): Promise<string> {
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = claims.token;
  const value = await encode({
    token: { ...rest, sv: sessionVersion },
    secret: await getAuthSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const secure = claims.cookieName.startsWith('__Secure-') ? '; Secure' : '';
  return `${claims.cookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}${secure}`;
}
