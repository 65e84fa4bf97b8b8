import type { DataType } from '@/lib/lists/columns';

/**
 * Excel cell values as Excel means them. Pure: unit-tested without a workbook.
 *
 * - Numbers are IEEE doubles that Excel shows with 15 significant digits, so 0.1+0.2 is 0.3 there;
 *   the same rounding is applied here.
 * - Dates are serial day numbers (since 1899-12-30, or 1904-01-01 in 1904-system workbooks); a
 *   serial becomes a date when the cell is date-formatted or the target column holds dates.
 * - Formulas contribute their cached result; rich text its plain text; hyperlinks their text.
 */

export type CellValue = string | number | boolean | Date | null;
export type ConvertedCell = { value: CellValue } | { excelError: string };

type RawCell = unknown;

const MS_PER_DAY = 86_400_000;

export function convertCell(
  raw: RawCell,
  numFmt: string | undefined,
  target: DataType | undefined,
  date1904: boolean,
): ConvertedCell {
  if (raw === null || raw === undefined) return { value: null };
  if (raw instanceof Date) return { value: raw };
  if (typeof raw === 'number') {
    if (target === 'date' || target === 'datetime' || isDateFormat(numFmt))
      return { value: excelSerialToDate(raw, date1904) };
    return { value: excelNumber(raw) };
  }
  if (typeof raw === 'string' || typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'object') {
    const cell = raw as Record<string, unknown>;
    if (typeof cell.error === 'string') return { excelError: cell.error };
    if (Array.isArray(cell.richText))
      return { value: cell.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('') };
    if ('formula' in cell || 'sharedFormula' in cell) {
      if (cell.result === undefined) return { value: null };
      return convertCell(cell.result, numFmt, target, date1904);
    }
    if (typeof cell.text === 'string' || 'hyperlink' in cell)
      return convertCell(cell.text ?? null, numFmt, target, date1904);
    if (typeof cell.error === 'object' && cell.error)
      return { excelError: String((cell.error as { error?: unknown }).error ?? '#ERROR') };
  }
  return { value: String(raw) };
}

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
