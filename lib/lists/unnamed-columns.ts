import { PROBLEM_CODES, quoteValue, type Problem } from '@/lib/csv/problem';
import { columnLetter } from '@/lib/excel/sheet-rows';

import { raggedRowProblem } from './record-validator';

/**
 * Spreadsheets export the empty columns beside a table as header cells with no name
 * (`sku;price;;`). A column with no name and no value on any row is not a column: it is left out
 * when the header is matched to a list, and not proposed when a list is made from the file. A value
 * in such a column is refused on its row (it would otherwise be dropped without a word).
 */

/** Whether a header cell names no column: empty, or spaces only (header names are trimmed). */
export function isUnnamed(name: string): boolean {
  return name.trim() === '';
}

export type UnnamedColumns = {
  /** The header without its unnamed cells: what is matched to the list's columns. */
  named: string[];
  /**
   * The record without the unnamed columns' fields; a problem when one holds a value, or when the
   * record is not as wide as the header.
   */
  take(record: readonly string[], row: number): string[] | Problem;
};

/** undefined when every header cell has a name (the records are taken as they are). */
export function unnamedColumns(header: readonly string[]): UnnamedColumns | undefined {
  const unnamed = header.flatMap((name, i) => (isUnnamed(name) ? [i] : []));
  if (unnamed.length === 0) return undefined;
  const kept = header.flatMap((name, i) => (isUnnamed(name) ? [] : [i]));
  const width = header.length;
  return {
    named: kept.map((i) => header[i]!),
    take(record, row) {
      if (record.length !== width) return raggedRowProblem(record.length, width, row);
      for (const i of unnamed) {
        const value = record[i]!;
        if (value !== '') return valueWithoutColumn(value, i, row);
      }
      return kept.map((i) => record[i]!);
    },
  };
}

function valueWithoutColumn(value: string, index: number, row: number): Problem {
  const letter = columnLetter(index);
  return {
    errorCode: PROBLEM_CODES.valueWithoutColumn,
    row,
    column: `(column ${letter} without a name)`,
    value,
    message: `Row ${row} has the value ${quoteValue(value)} in column ${letter}, which has no name in the header row.`,
    remediation: `Name column ${letter} in the header row as one of the list's columns (add the column to the list first), or delete the value.`,
  };
}

/**
 * The columns with no name and no value on any record: a spreadsheet's empty columns, left out of
 * an import (see above) — not columns a person chose to ignore. None when every column is unnamed.
 */
export function emptyUnnamedColumns(header: readonly string[], records: readonly (readonly string[])[]): number[] {
  const empty = header.flatMap((name, i) => (isUnnamed(name) ? [i] : []));
  if (empty.length === header.length) return [];
  return empty.filter((i) => records.every((record) => (record[i] ?? '') === ''));
}
