import type { DataType } from '@/lib/shared/data-types';

/**
 * Each parser turns a raw CSV value into the canonical text PostgreSQL stores for its type, or
 * explains why it cannot. Pure and allocation-light: it runs once per value in the browser and on
 * the server.
 */
export type ParseResult = { ok: true; value: string } | { ok: false; reason: string; hint: string };

const INTEGER = /^[+-]?\d+$/;
const SHORT_INTEGER = /^[+-]?\d{1,15}$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const INT8_MAX = 9223372036854775807n;
const INT8_MIN = -9223372036854775808n;
const MAX_EXPONENT = 1000;
const MAX_WHOLE_DIGITS = 131_072;
const MAX_FRACTION_DIGITS = 16_383;

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

export const VALUE_PARSERS: Record<DataType, (raw: string) => ParseResult> = {
  string: (raw) => ({ ok: true, value: raw }),
  integer: parseInteger,
  number: parseNumber,
  boolean: parseBoolean,
  date: parseDate,
  datetime: parseDatetime,
};

/**
 * Cheap yes-or-maybe checks for values already in their canonical form, with no allocation: true
 * means the parser above accepts the value unchanged; false only means "ask the parser". They let
 * a clean file's hot loop skip building values it does not need (see RecordValidator.accepts).
 */
export const ACCEPTS_AS_IS: Record<DataType, (raw: string) => boolean> = {
  string: () => true,
  integer: (raw) => raw.length <= 15 && CANONICAL_SHORT_INTEGER.test(raw),
  number: (raw) => raw.length <= 1000 && PLAIN_DECIMAL.test(raw),
  boolean: (raw) => raw === 'true' || raw === 'false',
  date: (raw) =>
    raw.length === 10 && DATE.test(raw) && isCalendarDate(digits(raw, 0, 4), digits(raw, 5, 7), digits(raw, 8, 10)),
  datetime: () => false,
};

const PLAIN_DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;
// Not 07, +7 or -0: parseInteger writes those as 7, 7 and 0.
const CANONICAL_SHORT_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;

/**
 * ACCEPTS_AS_IS on a value's bytes (`bytes[start..end)`), for the load's byte reader: the same
 * answers without making a string of each value, which cost a clean 1M-row file about a fifth of
 * its check's CPU. Any byte outside ASCII fails them, as it fails the checks above.
 */
export const ACCEPTS_BYTES_AS_IS: Record<DataType, (bytes: Uint8Array, start: number, end: number) => boolean> = {
  string: () => true,
  integer: canonicalShortIntegerBytes,
  number: plainDecimalBytes,
  boolean: (b, s, e) =>
    e - s === 4
      ? b[s] === 0x74 && b[s + 1] === 0x72 && b[s + 2] === 0x75 && b[s + 3] === 0x65
      : e - s === 5 &&
        b[s] === 0x66 &&
        b[s + 1] === 0x61 &&
        b[s + 2] === 0x6c &&
        b[s + 3] === 0x73 &&
        b[s + 4] === 0x65,
  date: (b, s, e) =>
    e - s === 10 &&
    b[s + 4] === MINUS &&
    b[s + 7] === MINUS &&
    allDigits(b, s, s + 4) &&
    allDigits(b, s + 5, s + 7) &&
    allDigits(b, s + 8, e) &&
    isCalendarDate(byteDigits(b, s, s + 4), byteDigits(b, s + 5, s + 7), byteDigits(b, s + 8, e)),
  datetime: () => false,
};

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

function isDigitByte(byte: number | undefined): boolean {
  return byte !== undefined && byte >= ZERO && byte <= ZERO + 9;
}

function allDigits(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigitByte(bytes[i])) return false;
  return true;
}

function byteDigits(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + bytes[i]! - ZERO;
  return value;
}

/** CANONICAL_SHORT_INTEGER, at most 15 bytes: 0, or an optional minus and a digit 1–9 then digits. */
function canonicalShortIntegerBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 15) return false;
  let i = start;
  if (bytes[i] === MINUS) i++;
  if (i === end) return false;
  if (bytes[i] === ZERO) return length === 1;
  return allDigits(bytes, i, end);
}

/** PLAIN_DECIMAL, at most 1,000 bytes: an optional minus, digits, and a point with digits after it. */
function plainDecimalBytes(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start > 1000) return false;
  let i = start;
  if (bytes[i] === MINUS) i++;
  const wholeFrom = i;
  while (i < end && isDigitByte(bytes[i])) i++;
  const whole = i - wholeFrom;
  if (i === end) return whole > 0;
  if (bytes[i] !== DOT) return false;
  const fractionFrom = ++i;
  while (i < end && isDigitByte(bytes[i])) i++;
  return i === end && (whole > 0 || i > fractionFrom);
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

export const TYPE_WORDS: Record<DataType, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time (YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset like +02:00)',
};

function parseInteger(raw: string): ParseResult {
  const text = raw.trim();
  // Hot path: up to 15 digits is always in range and needs no BigInt.
  if (text.length <= 15 && SHORT_INTEGER.test(text)) return { ok: true, value: String(Number(text)) };
  if (!INTEGER.test(text)) {
    return {
      ok: false,
      reason: 'is not a whole number',
      hint: /^[+-]?\d+[.,]\d+$/.test(text)
        ? 'Remove the decimals: this column holds whole numbers only.'
        : 'Use digits only, optionally with a leading minus sign, without thousands separators.',
    };
  }
  const value = BigInt(text);
  if (value > INT8_MAX || value < INT8_MIN) {
    return {
      ok: false,
      reason: 'is too large',
      hint: 'Whole numbers must be between -9223372036854775808 and 9223372036854775807.',
    };
  }
  return { ok: true, value: value.toString() };
}

function parseNumber(raw: string): ParseResult {
  const text = raw.trim();
  const match = NUMBER.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: 'is not a number',
      hint: /^[+-]?\d+,\d+$/.test(text)
        ? 'Use a dot as the decimal separator (12.5, not 12,5).'
        : 'Use digits with an optional dot for decimals (for example 1234.56 or 1.2e3), without currency signs or thousands separators.',
    };
  }
  const exponent = match[1] === undefined ? 0 : Number(match[1]);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    return {
      ok: false,
      reason: 'is out of range',
      hint: `Exponents must be between -${MAX_EXPONENT} and ${MAX_EXPONENT}.`,
    };
  }
  // PostgreSQL's numeric holds up to 131,072 digits before the decimal point and 16,383 after.
  const [whole = '', fraction = ''] = text
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .split('.');
  if (
    whole.length + Math.max(0, exponent) > MAX_WHOLE_DIGITS ||
    fraction.length + Math.max(0, -exponent) > MAX_FRACTION_DIGITS
  ) {
    return {
      ok: false,
      reason: 'has too many digits',
      hint: `Numbers may have up to ${MAX_WHOLE_DIGITS} digits before the decimal point and ${MAX_FRACTION_DIGITS} after it.`,
    };
  }
  return { ok: true, value: text.startsWith('+') ? text.slice(1) : text };
}

function parseBoolean(raw: string): ParseResult {
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw };
  const text = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return { ok: true, value: 'true' };
  if (FALSE_WORDS.has(text)) return { ok: true, value: 'false' };
  return { ok: false, reason: 'is not true or false', hint: 'Use true or false (yes/no and 1/0 are accepted too).' };
}

function parseDate(raw: string): ParseResult {
  const text = raw.trim();
  const match = DATE.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: 'is not a date in the form YYYY-MM-DD',
      hint: 'Write dates as year-month-day, for example 2024-03-31.',
    };
  }
  const [, y, m, d] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) {
    return {
      ok: false,
      reason: 'is not a real calendar date',
      hint: 'Check the day and month: this day does not exist.',
    };
  }
  return { ok: true, value: text };
}

function parseDatetime(raw: string): ParseResult {
  const text = raw.trim();
  const match = DATETIME.exec(text);
  if (!match) {
    return {
      ok: false,
      reason: 'is not a date and time',
      hint: 'Write it as 2024-03-31T14:05:00Z or 2024-03-31 14:05:00+02:00 (without a zone, UTC is assumed).',
    };
  }
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) {
    return {
      ok: false,
      reason: 'is not a real calendar date',
      hint: 'Check the day and month: this day does not exist.',
    };
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return {
      ok: false,
      reason: 'has an impossible time of day',
      hint: 'Hours go from 00 to 23, minutes and seconds from 00 to 59 (leap seconds are not supported).',
    };
  }
  if (zone && zone.toUpperCase() !== 'Z') {
    const offset = zone.replace(':', '');
    if (Number(offset.slice(1, 3)) > 15 || Number(offset.slice(3, 5)) > 59) {
      return { ok: false, reason: 'has an impossible time zone offset', hint: 'Offsets go from -15:00 to +15:00.' };
    }
  }
  const normalizedZone =
    !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return { ok: true, value: `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${normalizedZone}` };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year-month-day names a day of the (proleptic Gregorian) calendar, years from 1. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (month !== 2) return day <= DAYS_IN_MONTH[month - 1]!;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (isLeap ? 29 : 28);
}
