import { isCalendarDate, type ParseResult } from '@/lib/lists/value-parsers';
import type { DatePattern } from '@/lib/shared/column-formats';

/**
 * Date formats: reading a file's date into YYYY-MM-DD and writing YYYY-MM-DD back in the format.
 * Every format also reads YYYY-MM-DD itself (it cannot be mistaken for any of them), so a list's own
 * export loads back into it whatever the column's format.
 */

type Order = 'YMD' | 'DMY' | 'MDY';
type Layout = { order: Order; separator: string; shortYear: boolean };

const LAYOUTS: Partial<Record<DatePattern, Layout>> = {
  'YYYY-MM-DD': { order: 'YMD', separator: '-', shortYear: false },
  'DD/MM/YYYY': { order: 'DMY', separator: '/', shortYear: false },
  'MM/DD/YYYY': { order: 'MDY', separator: '/', shortYear: false },
  'DD.MM.YYYY': { order: 'DMY', separator: '.', shortYear: false },
  'DD-MM-YYYY': { order: 'DMY', separator: '-', shortYear: false },
  'MM-DD-YYYY': { order: 'MDY', separator: '-', shortYear: false },
  'YYYY/MM/DD': { order: 'YMD', separator: '/', shortYear: false },
  'DD/MM/YY': { order: 'DMY', separator: '/', shortYear: true },
  'MM/DD/YY': { order: 'MDY', separator: '/', shortYear: true },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,7}(?:\.0*)?$/;
/** Excel's serial for 9999-12-31, the last day it knows. */
export const MAX_EXCEL_SERIAL = 2_958_465;

/** Words for messages: how the format writes 31 December 2024. */
export const DATE_EXAMPLES: Record<DatePattern, string> = {
  'YYYY-MM-DD': '2024-12-31',
  'DD/MM/YYYY': '31/12/2024',
  'MM/DD/YYYY': '12/31/2024',
  'DD.MM.YYYY': '31.12.2024',
  'DD-MM-YYYY': '31-12-2024',
  'MM-DD-YYYY': '12-31-2024',
  'YYYY/MM/DD': '2024/12/31',
  YYYYMMDD: '20241231',
  'DD/MM/YY': '31/12/24',
  'MM/DD/YY': '12/31/24',
  'excel-serial': '45657',
};

/** A date pattern's own regular expression: one or two digits for day and month, the year as the pattern says. */
function layoutRegex({ order, separator, shortYear }: Layout): RegExp {
  const sep = separator === '.' ? '\\.' : separator;
  // A short-year pattern also reads four-digit years: they are never ambiguous.
  const year = shortYear ? '(\\d{2}|\\d{4})' : '(\\d{4})';
  const part = '(\\d{1,2})';
  const body = order === 'YMD' ? `${year}${sep}${part}${sep}${part}` : `${part}${sep}${part}${sep}${year}`;
  return new RegExp(`^${body}$`);
}

/** Excel's rule for two-digit years: 00–29 are 2000–2029, 30–99 are 1930–1999. */
export function expandShortYear(year: string): number {
  if (year.length !== 2) return Number(year);
  const n = Number(year);
  return n < 30 ? 2000 + n : 1900 + n;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NOT_A_DAY: ParseResult = {
  ok: false,
  reason: 'is not a real calendar date',
  hint: 'Check the day and month: this day does not exist.',
};

function calendarDate(year: number, month: number, day: number): ParseResult {
  if (isCalendarDate(year, month, day) && year <= 9999) return { ok: true, value: iso(year, month, day) };
  // Say which part is impossible: "13/13/2024" is read as day 13 of month 13, and there is no month 13.
  if (month < 1 || month > 12) {
    return {
      ok: false,
      reason: `is not a real calendar date: there is no month ${month}`,
      hint: 'Check the day and month: months go from 1 to 12.',
    };
  }
  return NOT_A_DAY;
}

/** Excel serial day → YYYY-MM-DD, with Excel's 1900 calendar (it counts a 29 February 1900 that never was). */
export function excelSerialToIsoDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_EXCEL_SERIAL || serial === 60) return undefined;
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD → Excel serial day (the inverse of excelSerialToIsoDate). */
export function isoDateToExcelSerial(date: string): number {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const serial = Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
  // Before 1 March 1900 Excel's count is one lower than the calendar's (its 29 February 1900).
  return serial < 61 ? serial - 1 : serial;
}

/** A reader for one date pattern: the file's text → YYYY-MM-DD, or why not. */
export function compileDateReader(pattern: DatePattern): (text: string) => ParseResult {
  const wrongShape: ParseResult = {
    ok: false,
    reason: `is not a date written as ${pattern}`,
    hint:
      pattern === 'excel-serial'
        ? 'Use Excel day numbers (for example 45657 for 2024-12-31) or dates written as YYYY-MM-DD.'
        : `Write dates like ${DATE_EXAMPLES[pattern]} (${pattern}), or as YYYY-MM-DD.`,
  };
  const readIso = (text: string): ParseResult | undefined => {
    const match = ISO_DATE.exec(text);
    return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  };
  if (pattern === 'excel-serial') {
    return (text) => {
      if (!SERIAL.test(text)) return readIso(text) ?? wrongShape;
      const value = excelSerialToIsoDate(Number(text));
      if (value) return { ok: true, value };
      return {
        ok: false,
        reason: 'is not an Excel day number Listport can read',
        hint:
          Number(text) === 60
            ? 'Excel day 60 is 29 February 1900, a day that never was: enter the date as YYYY-MM-DD.'
            : `Excel day numbers go from 1 (1900-01-01) to ${MAX_EXCEL_SERIAL} (9999-12-31).`,
      };
    };
  }
  if (pattern === 'YYYYMMDD') {
    return (text) => {
      const match = COMPACT_DATE.exec(text);
      if (!match) return readIso(text) ?? wrongShape;
      return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    };
  }
  const layout = LAYOUTS[pattern]!;
  const regex = layoutRegex(layout);
  return (text) => {
    const match = regex.exec(text);
    if (!match) return readIso(text) ?? wrongShape;
    const [a, b, c] = [match[1]!, match[2]!, match[3]!];
    if (layout.order === 'YMD') return calendarDate(Number(a), Number(b), Number(c));
    const year = expandShortYear(c);
    return layout.order === 'DMY' ? calendarDate(year, Number(b), Number(a)) : calendarDate(year, Number(a), Number(b));
  };
}

/** A writer for one date pattern: YYYY-MM-DD → the file's way of writing it. */
export function compileDateWriter(pattern: DatePattern): (value: string) => string {
  if (pattern === 'excel-serial') return (value) => String(isoDateToExcelSerial(value));
  if (pattern === 'YYYYMMDD') return (value) => value.replaceAll('-', '');
  const layout = LAYOUTS[pattern]!;
  return (value) => {
    const [y, m, d] = [value.slice(0, 4), value.slice(5, 7), value.slice(8, 10)];
    const year = Number(y);
    // Only a year the short form reads back the same is written short.
    const shortYear = layout.shortYear && year >= 1930 && year <= 2029 ? y.slice(2) : y;
    const parts = layout.order === 'YMD' ? [y, m, d] : layout.order === 'DMY' ? [d, m, shortYear] : [m, d, shortYear];
    return parts.join(layout.separator);
  };
}

/** The day-first and month-first readings of the same slash/dash layout, for detecting ambiguity. */
export const DAY_MONTH_PAIRS: readonly [DatePattern, DatePattern][] = [
  ['DD/MM/YYYY', 'MM/DD/YYYY'],
  ['DD-MM-YYYY', 'MM-DD-YYYY'],
  ['DD/MM/YY', 'MM/DD/YY'],
];
