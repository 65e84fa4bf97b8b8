import type { ListColumn } from '@/lib/lists/columns';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR before one) as a formula. Text
 * values are prefixed with an apostrophe so an exported file can be opened safely; numbers are
 * left alone (a negative number is not a formula).
 */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function exportRow(values: readonly (string | null)[], columns: readonly ListColumn[]): string {
  return csvRow(
    values.map((value, i) =>
      value === null ? '' : columns[i]?.dataType === 'string' ? neutralizeFormula(value) : value,
    ),
  );
}
