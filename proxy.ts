import { NextResponse, type NextRequest } from 'next/server';

import { ApiError, errorBody } from '@/lib/errors';
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
  const { pathname } = request.nextUrl;
  const api = pathname.startsWith('/api/');
  if (!decodes(pathname)) return api ? brokenApiAddress(pathname) : brokenPageAddress();
  if (api) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

/**
 * A path whose percent-encoding does not decode (`/jobs/%E0%A4`) fails in Next's own decoding of
 * the route's parameters, before any page or handler runs, as a bare 500. Such paths are answered
 * here instead. API paths come here only when they hold a "%" (see the matcher), so an upload's
 * body is never buffered by the proxy.
 */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const BROKEN_ADDRESS =
  'The address has a broken percent-encoding: a "%" must be followed by two hex digits that form UTF-8.';

function brokenApiAddress(pathname: string) {
  const correlator = crypto.randomUUID();
  const error = ApiError.badRequest(
    BROKEN_ADDRESS,
    'Encode each part of the address with encodeURIComponent (a space is %20, "é" is %C3%A9).',
  );
  const body = errorBody(error, correlator, [`path: ${pathname}`, `correlator: ${correlator}`]);
  return NextResponse.json(body, {
    status: 400,
    headers: { 'x-correlation-id': correlator, 'cache-control': 'no-store' },
  });
}

function brokenPageAddress() {
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>This address is broken</title>
<main><h1>This address is broken</h1><p>The link has a damaged character in it, so no page can be found for it.
Check where you copied it from, or go to <a href="/lists">your lists</a>.</p></main></html>`;
  return new NextResponse(page, {
    status: 400,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
    },
  });
}

export const config = {
  matcher: [
    '/api/:path(.*%.*)',
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
