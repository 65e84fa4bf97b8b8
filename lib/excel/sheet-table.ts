import type { DataType } from '@/lib/shared/data-types';

import { isDateFormat } from './cells';
import { sheetLines, type TargetOf } from './sheet-lines';
import { columnLetter } from './sheet-rows';
import type { Workbook } from './workbook';

/**
 * A sheet read whole into a table of texts, for the import wizard's worker: the header row's names,
 * the non-blank rows below it with their numbers as the sheet shows them, and the cells that hold
 * an Excel error (shown as Excel shows them, "#N/A", and reported as problems). Cells become text
 * through sheetLines, the server's Excel import's own path.
 */
export type SheetTable = {
  headers: string[];
  records: string[][];
  sheetRows: number[];
  /** Record index → sheet column → the Excel error it shows and its cell ("C7"). */
  excelErrors: Map<number, Map<number, { value: string; cell: string }>>;
  /** Sheet columns holding date cells, and plain numbers: their text depends on the list column they feed. */
  dateColumns: Set<number>;
  /** Of those, the columns with a time of day in some date cell (a pure date reads the same as text and as a date). */
  timedDateColumns: Set<number>;
  numberColumns: Set<number>;
  /**
   * Sheet column → per record, 1 where the cell is a number, date or true/false rather than text: its
   * text is Listport's canonical writing of the value, which no way of writing a file may read again
   * (a "1.234,5" way would take the number 0.125 for 125). Only columns with such cells are present.
   */
  typedCells: Map<number, Uint8Array>;
};

const PROGRESS_ROWS = 2000;

export async function readSheetTable(
  workbook: Workbook,
  sheet: string,
  headerRow: number,
  targetOf: TargetOf,
  onProgress?: (done: number, total: number, records: number) => void,
): Promise<SheetTable> {
  const table: SheetTable = {
    headers: [],
    records: [],
    sheetRows: [],
    excelErrors: new Map(),
    dateColumns: new Set(),
    timedDateColumns: new Set(),
    numberColumns: new Set(),
    typedCells: new Map(),
  };
  // The record indexes of the typed cells, per sheet column, until the records are counted.
  const typed = new Map<number, number[]>();
  // Bytes are reported per unpacked chunk (tens of kilobytes); rows also every few thousand.
  let packed = { done: 0, total: 0 };
  const progress =
    onProgress &&
    ((done: number, total: number) => {
      packed = { done, total };
      onProgress(done, total, table.records.length);
    });
  for await (const item of sheetLines(workbook, sheet, headerRow, targetOf, progress)) {
    if (item.kind === 'header') {
      table.headers = item.names.map((name) => name.trim());
      continue;
    }
    for (let column = 0; column < item.row.cells.length; column++) {
      const cell = item.row.cells[column];
      if (cell?.type === 'date' || (cell?.type === 'number' && isDateFormat(cell.numFmt))) {
        table.dateColumns.add(column);
        // "2024-01-15" as text or as a date; "2024-01-15 13:30:00" (or an ISO time) has a time of day.
        if ((item.texts[column] ?? '').length > 10) table.timedDateColumns.add(column);
      } else if (cell?.type === 'number') table.numberColumns.add(column);
    }
    // Rows whose cells are all empty text are blank, as in a CSV file.
    if (item.errors.length === 0 && item.texts.every((text) => text === '')) continue;
    const index = table.records.length;
    item.row.cells.forEach((cell, column) => {
      if (cell && cell.type !== 'string' && cell.type !== 'error') {
        const indexes = typed.get(column) ?? [];
        indexes.push(index);
        typed.set(column, indexes);
      }
    });
    if (item.errors.length > 0) {
      const errors = new Map<number, { value: string; cell: string }>();
      for (const { column, value } of item.errors) {
        item.texts[column] = value;
        errors.set(column, { value, cell: `${columnLetter(column)}${item.number}` });
      }
      table.excelErrors.set(index, errors);
    }
    // A sheet stores a row up to its last cell: one that ends before the header has empty cells there,
    // not missing values (which in a CSV file mean a missing delimiter); empty cells past it are nothing.
    const width = table.headers.length;
    while (item.texts.length < width) item.texts.push('');
    while (item.texts.length > width && item.texts[item.texts.length - 1] === '') item.texts.pop();
    table.records.push(item.texts);
    table.sheetRows.push(item.number);
    if (onProgress && table.records.length % PROGRESS_ROWS === 0)
      onProgress(packed.done, packed.total, table.records.length);
  }
  for (const [column, indexes] of typed) {
    const marks = new Uint8Array(table.records.length);
    for (const index of indexes) marks[index] = 1;
    table.typedCells.set(column, marks);
  }
  return table;
}

/**
 * Whether a table read for some targets must be read again for others: a date cell is written one
 * way in a text column and another in a date or number column, and a plain number becomes a date
 * in a date column. Other cells read the same for every target.
 */
export function readsDifferently(
  table: Pick<SheetTable, 'dateColumns' | 'timedDateColumns' | 'numberColumns'>,
  readFor: TargetOf,
  wanted: TargetOf,
): boolean {
  for (const column of table.dateColumns) {
    const timed = table.timedDateColumns.has(column);
    if (dateCellReading(readFor(column), timed) !== dateCellReading(wanted(column), timed)) return true;
  }
  for (const column of table.numberColumns)
    if (numberCellReading(readFor(column)) !== numberCellReading(wanted(column))) return true;
  return false;
}

/**
 * How formatExcelDate writes a date for a target: as text ("2024-01-15", "2024-01-15 13:30:00"), or
 * as the target's own form; a date column takes a pure date as text writes it.
 */
const dateCellReading = (t: DataType | undefined, timed: boolean) =>
  t === undefined || t === 'string' || (t === 'date' && !timed) ? 'text' : t;
/** A plain number stays a number except in date and date-and-time columns. */
const numberCellReading = (t: DataType | undefined) => (t === 'date' || t === 'datetime' ? t : 'number');
