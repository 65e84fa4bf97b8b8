/**
 * The Content-Security-Policy of Listport's pages: scripts only with this request's nonce (see
 * proxy.ts) and what they load. Styles keep 'unsafe-inline': React's style attributes need it, and
 * styles cannot run code. (API answers get a policy that allows nothing: next.config.js.)
 */
export function contentSecurityPolicy(options: { nonce: string; dev?: boolean }): string {
  const scripts = `'self' 'nonce-${options.nonce}' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    // Fast refresh evaluates code in development only.
    `script-src ${scripts}${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
