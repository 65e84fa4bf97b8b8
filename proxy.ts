import { NextResponse, type NextRequest } from 'next/server';

import { contentSecurityPolicy } from '@/lib/http/content-security-policy';

/**
 * A fresh nonce for every page: its Content-Security-Policy allows only scripts carrying it (and
 * what they load: 'strict-dynamic'), so an injected inline script does not run, where 'unsafe-inline'
 * let it. Next reads the nonce from the request's policy and puts it on its own scripts; pages are
 * rendered per request (see app/layout.tsx). The API is left out: a proxy buffers request bodies (up
 * to 10 MB, then cuts them), which would break uploads; next.config.js gives API answers a policy
 * that allows nothing. This proxy only sets headers; access checks stay in pages and route handlers.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
