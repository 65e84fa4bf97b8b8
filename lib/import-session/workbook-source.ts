import { isOleFile } from '@/lib/excel/ole-file';
import { sheetLine, type TargetOf } from '@/lib/excel/sheet-lines';
import { readsDifferently, readSheetTable, type SheetTable } from '@/lib/excel/sheet-table';
import { openWorkbook, type Workbook } from '@/lib/excel/workbook';
import type { ColumnMapping } from '@/lib/lists/mapping';
import type { ListColumn } from '@/lib/shared/list-column';

import type { SheetPreviewRow, SheetSummary } from './protocol';

/** What the review dataset is built from: a file's header and records, with their row numbers. */
export type SourceTable = {
  headers: string[];
  records: string[][];
  firstFileRows: Int32Array;
  excelErrors?: SheetTable['excelErrors'];
  /** From a workbook: the cells that are not text (see lib/excel/sheet-table); a CSV file's are all text. */
  typedCells?: SheetTable['typedCells'];
  /** From a CSV file: the rows (numbered as firstFileRows) whose quotes the parser could not read. */
  quoteProblemRows?: readonly number[];
};

const PREVIEW_ROWS = 12;

/**
 * An Excel workbook as the import wizard's worker reads it, from the File the user dropped: its
 * sheets, a preview to choose the header row, and a sheet read into a table with the shared reader
 * (lib/excel) — first as text, then, once the columns are mapped, again for the list's types when
 * that changes any value (dates in date columns…), so the values are those the server's Excel
 * import gives the same cells.
 */
export class WorkbookSource {
  private read: { sheet: string; headerRow: number; table: SheetTable; targets: TargetOf } | undefined;

  private constructor(private readonly workbook: Workbook) {}

  static async open(file: Blob): Promise<WorkbookSource> {
    return new WorkbookSource(await openWorkbook(file));
  }

  async sheets(): Promise<SheetSummary[]> {
    const summaries: SheetSummary[] = [];
    for (const { name, hidden } of this.workbook.sheets) {
      const size = await this.workbook.size(name);
      summaries.push({ name, hidden, ...size });
    }
    return summaries;
  }

  /** The first rows with cells, and the likely header row: the first as wide as the widest of them (title rows are narrower). */
  async preview(sheet: string): Promise<{ rows: SheetPreviewRow[]; headerRow: number }> {
    const rows: SheetPreviewRow[] = [];
    for await (const row of this.workbook.rows(sheet)) {
      const line = sheetLine(this.workbook, row, () => undefined);
      // An error cell shows as in Excel (#N/A), not as an empty cell.
      for (const { column, value } of line.errors) line.texts[column] = value;
      rows.push({ number: row.number, texts: line.texts });
      if (rows.length >= PREVIEW_ROWS) break;
    }
    const filled = rows.map((r) => r.texts.filter((t) => t.trim() !== '').length);
    const widest = Math.max(0, ...filled);
    const header = rows[filled.findIndex((n) => n === widest)];
    return { rows, headerRow: header?.number ?? 1 };
  }

  /** Reads a sheet below its header row, every cell as text (the mapping, and so the types, are not known yet). */
  async readSheet(
    sheet: string,
    headerRow: number,
    onProgress?: (done: number, total: number, records: number) => void,
  ): Promise<SourceTable> {
    this.read = undefined;
    const targets: TargetOf = () => undefined;
    const table = await readSheetTable(this.workbook, sheet, headerRow, targets, onProgress);
    this.read = { sheet, headerRow, table, targets };
    return sourceTable(table);
  }

  /** The sheet read for the list columns its columns are mapped to; read again only when that changes a value. */
  async forMapping(columns: readonly ListColumn[], mapping: ColumnMapping): Promise<SourceTable> {
    if (!this.read) throw new Error('Read a sheet first.');
    const wanted = targetsOf(columns, mapping);
    if (readsDifferently(this.read.table, this.read.targets, wanted)) {
      const { sheet, headerRow } = this.read;
      this.read = {
        sheet,
        headerRow,
        table: await readSheetTable(this.workbook, sheet, headerRow, wanted),
        targets: wanted,
      };
    }
    return sourceTable(this.read.table);
  }

  close(): Promise<void> {
    return this.workbook.close();
  }
}

/** Each sheet column is read for the type of the (first) list column it feeds, as the server's Excel import does. */
export function targetsOf(columns: readonly ListColumn[], mapping: ColumnMapping): TargetOf {
  const targets = new Map<number, ListColumn['dataType']>();
  mapping.forEach((fileIndex, i) => {
    if (fileIndex !== null && !targets.has(fileIndex)) targets.set(fileIndex, columns[i]!.dataType);
  });
  return (column) => targets.get(column);
}

function sourceTable(table: SheetTable): SourceTable {
  return {
    headers: table.headers,
    records: table.records,
    firstFileRows: Int32Array.from(table.sheetRows),
    excelErrors: table.excelErrors,
    typedCells: table.typedCells,
  };
}

/** Whether a dropped file is a workbook: by its first bytes (a zip or an OLE file), or by its name. */
export async function looksLikeWorkbook(file: File): Promise<boolean> {
  if (/\.(xlsx|xlsm|xls)$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) || isOleFile(head);
}
