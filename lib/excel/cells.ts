import type { DataType } from '@/lib/shared/data-types';

import type { RawCell } from './sheet-rows';

/**
 * Excel cell values as Excel means them, turned into the text a list column receives. Pure: the
 * wizard's worker and the server's Excel import call the same function, so a sheet gives the same
 * values through both.
 *
 * - Numbers are IEEE doubles that Excel shows with 15 significant digits, so 0.1+0.2 is 0.3 there;
 *   the same rounding is applied here.
 * - Dates are serial day numbers (since 1899-12-30, or 1904-01-01 in 1904-system workbooks); a
 *   serial becomes a date when the cell is date-formatted or the target column holds dates.
 * - Formulas contribute their cached result; rich text its plain text.
 */

const MS_PER_DAY = 86_400_000;
const MAX_SERIAL = 2_958_466;

/** 15 significant digits, as Excel displays and compares numbers. */
export function excelNumber(n: number): number {
  if (!Number.isFinite(n)) return n;
  return Number(n.toPrecision(15));
}

/**
 * Serial day number → Date (UTC, i.e. the wall-clock date and time as written in the sheet).
 * In the 1900 system Excel counts a 29 February 1900 that never was (serial 60), so serials
 * below 61 are one day off against the real calendar.
 */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  // Round to the second: serials are fractions of a day and carry floating-point noise.
  return new Date(epoch + Math.round(serial * 86_400) * 1000);
}

/** Text of a date for a list column: a date column gets YYYY-MM-DD when there is no time of day. */
export function formatExcelDate(date: Date, target: DataType | undefined): string {
  const iso = date.toISOString();
  const midnight = date.getTime() % MS_PER_DAY === 0;
  if (target === 'date' && midnight) return iso.slice(0, 10);
  if (target === 'string' || target === undefined)
    return midnight ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  return iso.replace('.000Z', 'Z');
}

/** A number format shows a date or time when it uses d, m, y, h or s outside quotes and brackets. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || numFmt === 'General') return false;
  const cleaned = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(cleaned);
}

export type CellText = { text: string } | { excelError: string };

/**
 * What a list column of type `target` receives from a cell (undefined target: a text column, or a
 * column not known yet). Empty cells are ''. An Excel error (#N/A, #DIV/0!…) is reported, never loaded.
 */
export function cellText(cell: RawCell | undefined, target: DataType | undefined, date1904: boolean): CellText {
  if (!cell) return { text: '' };
  switch (cell.type) {
    case 'string':
      return { text: cell.value };
    case 'boolean':
      return { text: cell.value ? 'true' : 'false' };
    case 'error':
      return { excelError: cell.value };
    case 'date':
      return { text: formatExcelDate(cell.value, target) };
    case 'number': {
      // Excel shows dates from its day 0 to 9999-12-31; beyond, a "date" cell shows ######.
      const asDate = target === 'date' || target === 'datetime' || isDateFormat(cell.numFmt);
      if (asDate && cell.value >= 0 && cell.value < MAX_SERIAL)
        return { text: formatExcelDate(excelSerialToDate(cell.value, date1904), target) };
      const shown = excelNumber(cell.value);
      return { text: Object.is(shown, -0) ? '0' : String(shown) };
    }
  }
}
