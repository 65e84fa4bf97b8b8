import {
  DATE_PATTERNS,
  DATETIME_PATTERNS,
  type ColumnFormat,
  type DatePattern,
  type DatetimePattern,
  type NumberFormat,
} from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { DAY_MONTH_PAIRS } from './dates';

/** One way a column's values might be written: a data type and a format (undefined: the canonical writing). */
export type FormatCandidate = { dataType: DataType; format: ColumnFormat | undefined };

const NUMBER_FORMATS: NumberFormat[] = [
  { decimalSeparator: ',' },
  { decimalSeparator: ',', thousandsSeparator: '.' },
  { decimalSeparator: ',', thousandsSeparator: 'space' },
  { decimalSeparator: ',', thousandsSeparator: "'" },
  { decimalSeparator: '.', thousandsSeparator: ',' },
  { decimalSeparator: '.', thousandsSeparator: 'space' },
  { decimalSeparator: '.', thousandsSeparator: "'" },
];

const INTEGER_FORMATS: NumberFormat[] = [
  { thousandsSeparator: ',' },
  { decimalSeparator: ',', thousandsSeparator: '.' },
  { thousandsSeparator: 'space' },
  { thousandsSeparator: "'" },
];

/**
 * Pairs of words files use for yes and no, yes first. Only these are proposed: for an unknown pair
 * ("active"/"inactive") nothing tells which one means yes.
 */
export const KNOWN_BOOLEAN_WORDS: readonly [string, string][] = [
  ['yes', 'no'],
  ['y', 'n'],
  ['true', 'false'],
  ['t', 'f'],
  ['ja', 'nein'],
  ['j', 'n'],
  ['oui', 'non'],
  ['o', 'n'],
  ['si', 'no'],
  ['sí', 'no'],
  ['sim', 'não'],
  ['tak', 'nie'],
  ['wahr', 'falsch'],
  ['vrai', 'faux'],
  ['verdadero', 'falso'],
  ['on', 'off'],
  ['x', ''],
];

/** The formats worth trying for a data type, canonical first. Excel serials and Unix times only when asked for. */
export function candidatesFor(dataType: DataType, options: { numericDates?: boolean } = {}): FormatCandidate[] {
  const numericDates = options.numericDates ?? true;
  switch (dataType) {
    case 'integer':
      return [undefined, ...INTEGER_FORMATS].map((format) => ({ dataType, format }));
    case 'number':
      return [undefined, ...NUMBER_FORMATS].map((format) => ({ dataType, format }));
    case 'date':
      return DATE_PATTERNS.filter((p) => numericDates || (p !== 'excel-serial' && p !== 'YYYYMMDD')).map((pattern) => ({
        dataType,
        format: pattern === 'YYYY-MM-DD' ? undefined : { pattern },
      }));
    case 'datetime':
      return DATETIME_PATTERNS.filter(
        (p) => numericDates || (p !== 'excel-serial' && p !== 'unix-seconds' && p !== 'YYYYMMDDHHMM'),
      ).map((pattern) => ({ dataType, format: pattern === 'YYYY-MM-DD HH:MM:SS' ? undefined : { pattern } }));
    case 'boolean':
      return [{ dataType, format: undefined }];
    default:
      return [{ dataType, format: undefined }];
  }
}

/** Day-first / month-first pairs of date and datetime patterns: every value may fit both. */
export const AMBIGUOUS_PAIRS: readonly [DatePattern | DatetimePattern, DatePattern | DatetimePattern][] = [
  ...DAY_MONTH_PAIRS,
  ['DD/MM/YYYY HH:MM:SS', 'MM/DD/YYYY HH:MM:SS'],
  ['DD-MM-YYYY HH:MM:SS', 'MM-DD-YYYY HH:MM:SS'],
];

/** Numbers such as 1,234 read as 1234 with comma groups and as 1.234 with a decimal comma. */
export function isAmbiguousNumberPair(a: NumberFormat | undefined, b: NumberFormat | undefined): boolean {
  const decimal = (f: NumberFormat | undefined) => f?.decimalSeparator ?? '.';
  return decimal(a) !== decimal(b);
}
