import { compileValueWriter } from '@/lib/formats/column-format';
import { NUMERIC_TYPES } from '@/lib/lists/columns';
import { type ListColumn } from '@/lib/shared/list-column';

import { escapeFormula } from './formula-escape';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** The header of an export: the list's column names, neutralised like values (a column may be named "=HYPERLINK(…)"). */
export function exportHeader(columns: readonly ListColumn[]): string {
  return csvRow(columns.map((c) => escapeFormula(c.name)));
}

export type ExportWriting = 'canonical' | 'list';

/**
 * Compiles how each column's stored values are written: canonical (2024-12-31, 1234.56), or in the
 * column's format (`list`: 31/12/2024, 1.234,56). A number column holds numbers, which are never
 * formulas; every other value is neutralised (see formula-escape.ts).
 */
export function compileExportRow(
  columns: readonly ListColumn[],
  writing: ExportWriting = 'canonical',
): (values: readonly (string | null)[]) => string {
  const cells = columns.map((column) => {
    const write = writing === 'list' ? compileValueWriter(column.dataType, column.format) : (value: string) => value;
    return NUMERIC_TYPES.has(column.dataType) ? write : (value: string) => escapeFormula(write(value));
  });
  return (values) => csvRow(values.map((value, i) => (value === null ? '' : (cells[i] ?? escapeFormula)(value))));
}

export function exportRow(values: readonly (string | null)[], columns: readonly ListColumn[]): string {
  return compileExportRow(columns)(values);
}
