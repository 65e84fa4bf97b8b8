/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (CSV injection). Listport's exports
 * and error reports put an apostrophe before such a value, and its imports take that apostrophe
 * away again, so export → edit in a spreadsheet → import gives back exactly the values exported.
 * Pure: the wizard's worker and the server share it.
 *
 * - A plain number (-5, +355, -11.2027, 1e5) or a lone - or + is not a formula: left as it is.
 * - Leading spaces and invisible characters (zero-width space, joiner, BOM…) before the sign do not
 *   stop a spreadsheet, nor do the full-width ＝ ＋ － ＠: they are covered.
 * - A value starting with a tab or a carriage return is neutralised too (OWASP's list).
 * - Exactness: a value that itself starts with apostrophes before such a sign gets one more, so
 *   taking one apostrophe away on import always gives the original back.
 */

const APOSTROPHE = 39;
/** Whitespace and invisible characters a spreadsheet skips before a formula's sign. */
const LEADING_IGNORED = /^[\s\u200b-\u200d\u2060\ufeff]*/;
const SIGNS = new Set(['=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20']);
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a value (after any leading apostrophes) starts the way a formula does, plain numbers included. */
function startsLikeFormula(value: string): boolean {
  if (value.startsWith('\t') || value.startsWith('\r')) return true;
  const rest = value.slice(LEADING_IGNORED.exec(value)![0].length);
  return rest.length > 0 && SIGNS.has(rest[0]!);
}

/** Whether a spreadsheet would evaluate the value as a formula. */
export function looksLikeFormula(value: string): boolean {
  if (!startsLikeFormula(value)) return false;
  if (value.startsWith('\t') || value.startsWith('\r')) return true;
  const rest = value.slice(LEADING_IGNORED.exec(value)![0].length);
  return !(rest === '-' || rest === '+' || PLAIN_NUMBER.test(rest));
}

function withoutLeadingApostrophes(value: string): string {
  let i = 0;
  while (value.charCodeAt(i) === APOSTROPHE) i++;
  return value.slice(i);
}

/** Whether a value carries the neutralising apostrophe that escapeFormula adds (and unescapeFormula removes). */
export function isEscapedFormula(value: string): boolean {
  return value.charCodeAt(0) === APOSTROPHE && startsLikeFormula(withoutLeadingApostrophes(value));
}

/** The value as an export writes it: an apostrophe before anything a spreadsheet would evaluate. */
export function escapeFormula(value: string): string {
  return looksLikeFormula(value) || isEscapedFormula(value) ? `'${value}` : value;
}

/** The value as it was before escapeFormula: one neutralising apostrophe taken away, nothing else. */
export function unescapeFormula(value: string): string {
  return isEscapedFormula(value) ? value.slice(1) : value;
}
