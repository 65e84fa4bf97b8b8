import type { DataType } from '@/lib/shared/data-types';

import type { SheetRow } from './sheet-rows';
import type { Workbook } from './workbook';
import { WorkbookError } from './workbook-error';

/**
 * A sheet read as a header and lines of text below it — the one path by which both the import
 * wizard's worker and the server's Excel import turn cells into the values a list receives, so a
 * sheet gives the same values through both.
 */

/** The data type a file column's values are read for (undefined: as text). */
export type TargetOf = (fileColumn: number) => DataType | undefined;

/** A row below the header: its number as the sheet shows it, the text of each cell, and its Excel error cells. */
export type SheetLine = { number: number; texts: string[]; errors: { column: number; value: string }[] };

export type SheetLineItem =
  { kind: 'header'; names: string[]; number: number } | ({ kind: 'line'; row: SheetRow } & SheetLine);

/** The cells of a row as text for their columns' targets; Excel errors (#N/A…) are set apart, their text left empty. */
export function sheetLine(workbook: Workbook, row: SheetRow, targetOf: TargetOf): SheetLine {
  const texts: string[] = new Array(row.cells.length);
  const errors: SheetLine['errors'] = [];
  for (let column = 0; column < row.cells.length; column++) {
    const text = workbook.text(row.cells[column], targetOf(column));
    if ('text' in text) {
      texts[column] = text.text;
    } else {
      texts[column] = '';
      errors.push({ column, value: text.excelError });
    }
  }
  return { number: row.number, texts, errors };
}

/** The names in a header row, as text. */
export function headerNames(workbook: Workbook, row: SheetRow): string[] {
  return sheetLine(workbook, row, () => 'string').texts;
}

/**
 * The header row of a sheet, then every row below it that has cells (rows without cells are blank
 * and not in the sheet's file). Throws a WorkbookError when the header row is empty or missing.
 */
export async function* sheetLines(
  workbook: Workbook,
  sheet: string,
  headerRow: number,
  targetOf: TargetOf,
  onProgress?: (done: number, total: number) => void,
): AsyncGenerator<SheetLineItem> {
  let header = false;
  for await (const row of workbook.rows(sheet, onProgress)) {
    if (row.number < headerRow) continue;
    if (!header) {
      if (row.number !== headerRow)
        throw new WorkbookError(`Row ${headerRow} of sheet "${sheet}" is empty; it must hold the column names.`);
      header = true;
      yield { kind: 'header', names: headerNames(workbook, row), number: row.number };
      continue;
    }
    yield { kind: 'line', row, ...sheetLine(workbook, row, targetOf) };
  }
  if (!header) throw new WorkbookError(`Sheet "${sheet}" has no row ${headerRow}: it ends before the header row.`);
}
