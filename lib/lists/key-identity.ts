import type { DataType } from '@/lib/shared/data-types';

/**
 * A key value as PostgreSQL compares it: two canonical values (see value-parsers) are the same key
 * exactly when their identities are equal. The server finds duplicate keys in typed columns, where
 * 7 = 07, 1.5 = 1.50 = 15e-1 and 10:00+02:00 = 08:00Z; the browser's review must find the same ones.
 */
export function keyIdentity(dataType: DataType, canonical: string): string {
  switch (dataType) {
    case 'integer':
      return CANONICAL_INTEGER.test(canonical) ? canonical : BigInt(canonical).toString();
    case 'number':
      return decimalIdentity(canonical);
    case 'datetime':
      return instantIdentity(canonical);
    default:
      // Text is compared as written (spaces included); dates and booleans have one canonical form.
      return canonical;
  }
}

const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d*)$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The digits without leading or trailing zeros and the power of ten of the first one: 1.50 and 15e-1 → "15e0". */
function decimalIdentity(text: string): string {
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`Not a canonical number: ${text}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const first = digits.search(/[1-9]/);
  if (first === -1) return '0';
  const significant = digits.slice(first).replace(/0+$/, '');
  const power = whole.length - first - 1 + Number(exponent);
  return `${sign === '-' ? '-' : ''}${significant}e${power}`;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Microseconds since 1970, as PostgreSQL stores the instant: it keeps six digits of the fraction,
 * rounding the seconds' fraction as C's rint does (half to even, on the same double).
 */
function instantIdentity(text: string): string {
  const match = DATETIME.exec(text);
  if (!match) throw new Error(`Not a canonical date and time: ${text}`);
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const offsetMinutes =
    zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are.
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  const seconds = date.getTime() / 1000 - offsetMinutes * 60;
  const micros = roundHalfToEven(Number(`0.${fraction || '0'}`) * 1_000_000);
  return (BigInt(seconds) * 1_000_000n + BigInt(micros)).toString();
}

function roundHalfToEven(x: number): number {
  const rounded = Math.round(x);
  return x % 1 === 0.5 && rounded % 2 === 1 ? rounded - 1 : rounded;
}
