const PLACEHOLDER_ORIGIN = 'http://listport.invalid';

/**
 * Where to go after signing in: a path on this site only, decided after URL parsing as the browser
 * will parse it — `/\evil.example`, `/%09/evil.example` or `/.//evil.example` all look like paths but
 * lead elsewhere. `appOrigin` also accepts absolute addresses of the app itself.
 */
export function safeCallbackPath(callbackUrl: string | undefined, appOrigin?: string, fallback = '/lists'): string {
  if (!callbackUrl || !(callbackUrl.startsWith('/') || (appOrigin && callbackUrl.startsWith(`${appOrigin}/`)))) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(callbackUrl, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN && url.origin !== appOrigin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path the browser would read as another host (`//host`), or our own sign-in page again.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || url.pathname === '/login') {
    return fallback;
  }
  return path;
}
