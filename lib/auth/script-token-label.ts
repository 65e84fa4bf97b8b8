/**
 * The label of a token a script got from POST /auth/token without one: when it was made and, when
 * the request said, by what ("curl 8.5.0"), so the Account page's rows can be told apart and the
 * right one revoked. Every such token used to be "API token".
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The User-Agent's first product and its version (RFC 9110: product/version): "python-requests/2.31.0". */
const PRODUCT = /^\s*([A-Za-z0-9][A-Za-z0-9._+-]*)(?:\/([A-Za-z0-9][A-Za-z0-9._+-]*))?/;
/** Room for the product in a label of at most 100 characters (what a given label may have). */
const MAX_PRODUCT = 40;
export const MAX_TOKEN_LABEL = 100;

const pad = (n: number) => String(n).padStart(2, '0');

/** "1 Dec 2026, 10:37:05 UTC": the server cannot know the reader's zone, so it says which it used. */
function utcWords(date: Date): string {
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

/**
 * What the client calls itself, or undefined: only the first product of its User-Agent, only
 * letters, digits and . _ + - (a header is the caller's to write: no markup, no line breaks, no
 * long text reaches the page), cut to fit. Browsers all start "Mozilla/5.0": said as a browser.
 */
export function userAgentProduct(userAgent: string | null | undefined): string | undefined {
  const match = userAgent ? PRODUCT.exec(userAgent) : null;
  if (!match) return undefined;
  const [, product = '', version] = match;
  if (product.toLowerCase() === 'mozilla') return 'a web browser';
  const words = version ? `${product} ${version}` : product;
  return words.length <= MAX_PRODUCT ? words : `${words.slice(0, MAX_PRODUCT - 1)}…`;
}

/** "Token made by a script on 1 Dec 2026, 10:37:05 UTC (curl 8.5.0)". */
export function scriptTokenLabel(madeAt: Date, userAgent: string | null | undefined): string {
  const by = userAgentProduct(userAgent);
  const label = `Token made by a script on ${utcWords(madeAt)}${by ? ` (${by})` : ''}`;
  return label.slice(0, MAX_TOKEN_LABEL);
}
