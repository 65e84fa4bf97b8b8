import { VALUE_PARSERS } from '@/lib/lists/value-parsers';

import { escapeRegex } from './escape-regex';

/**
 * The rewrites the review's tools apply to every cell of a column (or of the file): each takes a
 * value and returns it rewritten, or unchanged when the tool does not apply to it.
 */
export type CellTransform = (value: string) => string;

export type ReplaceOptions = { matchCase?: boolean; wholeCell?: boolean };

/** Replaces `find` (anywhere in a cell, or the whole cell) with `replacement`, taken literally. */
export function replaceText(find: string, replacement: string, options: ReplaceOptions): CellTransform {
  const pattern = new RegExp(
    options.wholeCell ? `^${escapeRegex(find)}$` : escapeRegex(find),
    options.matchCase ? 'g' : 'gi',
  );
  // Written once, not once per cell: "$" in the replacement is meant literally.
  const literal = replacement.replaceAll('$', '$$$$');
  return (value) => value.replace(pattern, literal);
}

export function fillEmpty(replacement: string): CellTransform {
  return (value) => (value.trim() === '' ? replacement : value);
}

/** Trims a cell and folds runs of white space inside it into one space. */
export const trimSpaces: CellTransform = (value) => value.trim().replace(/\s{2,}/g, ' ');

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'ja', 'oui', 'si', 'x', 'on']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'nein', 'non', 'off']);

/** Yes/no words in several languages as true/false; anything else stays for the user to see. */
export const asTrueFalse: CellTransform = (value) => {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return 'true';
  if (FALSE_WORDS.has(v)) return 'false';
  return value;
};

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export const DATE_ORDER_WORDS: Record<DateOrder, string> = {
  DMY: 'day/month/year',
  MDY: 'month/day/year',
  YMD: 'year/month/day',
};

const YEAR_FIRST = /^(\d{4})[./\-\s](\d{1,2})[./\-\s](\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})$/;

/** Day/month/year style dates, in the order the user chose (it is ambiguous), as YYYY-MM-DD. */
export function asIsoDate(order: DateOrder): CellTransform {
  const pattern = order === 'YMD' ? YEAR_FIRST : YEAR_LAST;
  return (value) => {
    const text = value.trim();
    // Already right: never reinterpret a YYYY-MM-DD date.
    if (VALUE_PARSERS.date(text).ok) return value;
    const parts = text.match(pattern);
    if (!parts) return value;
    const [a, b, c] = [parts[1]!, parts[2]!, parts[3]!];
    const [y, m, d] = order === 'DMY' ? [c, b, a] : order === 'MDY' ? [c, a, b] : [a, b, c];
    const candidate = `${y.length === 2 ? `20${y}` : y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    // Only a real calendar date replaces the value; anything else stays for the user to see.
    return VALUE_PARSERS.date(candidate).ok ? candidate : value;
  };
}

/**
 * Currency signs and codes a price sheet writes before or after its numbers ("$1,234.50",
 * "€ 12,50", "12,50 €", "1.234,50 EUR"). No list format reads them (lib/formats has no currency):
 * the review removes them, and the number left is read as the file writes numbers.
 */
const CURRENCY = String.raw`(?:[A-Z]{0,2}\$|[€£¥₹₩₽¢]|EUR|USD|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY)`;
// Matched against the trimmed value, with no lazy run before trailing spaces: a long cell of
// spaces must not make the match quadratic (40,000 characters took 3.5 s that way).
const SIGN_BEFORE = new RegExp(String.raw`^([+-]?)\s*${CURRENCY}\s*([+-]?\d.*)$`);
const SIGN_AT_END = new RegExp(String.raw`${CURRENCY}$`);
const NUMBER_START = /^[+-]?\d/;

/** The number without its currency sign or code ("$-1,234.50" → "-1,234.50"); unchanged without one. */
export const withoutCurrencySign: CellTransform = (value) => {
  const text = value.trim();
  const before = SIGN_BEFORE.exec(text);
  if (before) return before[2]!.startsWith('-') || before[2]!.startsWith('+') ? before[2]! : before[1]! + before[2]!;
  const after = SIGN_AT_END.exec(text);
  const number = after ? text.slice(0, after.index).trimEnd() : '';
  return NUMBER_START.test(number) ? number : value;
};
