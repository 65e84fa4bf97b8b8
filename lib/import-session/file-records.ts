import type { ColumnMapping } from '@/lib/lists/mapping';

import type { ExcelError } from './review-types';

/** Per list column, how to read the file's values (lib/import-session/file-formats.ts); undefined: as written. */
export type FileValueReaders = readonly (((value: string) => string) | undefined)[];

/**
 * A workbook's cells that are not text, per file column and record (lib/excel/sheet-table): a way of
 * writing is how the file writes text, so these are taken as read, in every way. A CSV file has none.
 */
export type TypedCells = ReadonlyMap<number, Uint8Array>;

/** Whether record r's cell in a file column is a workbook's number, date or true/false. */
export function isTypedCell(typed: TypedCells | undefined, fileIndex: number, r: number): boolean {
  return typed?.get(fileIndex)?.[r] === 1;
}

/**
 * The file as read, kept beside the reviewed rows: the values a change is compared with, and the
 * file's own columns for the left-out rows' download.
 */
export class FileRecords {
  readonly width: number;
  /** The file's columns are the list's, in order, read as written: a record can be its row as is. */
  readonly isListShaped: boolean;

  constructor(
    readonly headers: readonly string[],
    readonly records: readonly string[][],
    private readonly mapping: ColumnMapping,
    private readonly readers: FileValueReaders,
    private readonly typed?: TypedCells,
  ) {
    this.width = headers.length;
    this.isListShaped =
      mapping.length === this.width && mapping.every((fileIndex, c) => fileIndex === c && !readers[c]);
  }

  /** Record r in the list's column order, each value read as its column's format says. */
  listRow(r: number): string[] {
    const record = this.records[r]!;
    return this.mapping.map((_, c) => this.read(r, record, c));
  }

  /** A cell's value as read from the file, before any change in the browser. */
  value(r: number, column: number): string {
    return this.read(r, this.records[r], column);
  }

  /** Record r in the file's own columns, with the list's values (as changed in the browser) written back. */
  recordWithChanges(r: number, row: readonly string[]): string[] {
    const record = [...this.records[r]!];
    while (record.length < this.width) record.push('');
    this.mapping.forEach((fileIndex, c) => {
      if (fileIndex !== null) record[fileIndex] = row[c]!;
    });
    return record;
  }

  /** A workbook's Excel errors (record → file column → error) by list column, for the records that have any. */
  excelErrorsByListColumn(
    errors: ReadonlyMap<number, ReadonlyMap<number, ExcelError>> | undefined,
  ): Map<number, Map<number, ExcelError>> {
    const out = new Map<number, Map<number, ExcelError>>();
    for (const [r, byFileColumn] of errors ?? []) {
      const byColumn = new Map<number, ExcelError>();
      this.mapping.forEach((fileIndex, c) => {
        const error = fileIndex === null ? undefined : byFileColumn.get(fileIndex);
        if (error) byColumn.set(c, error);
      });
      if (byColumn.size > 0) out.set(r, byColumn);
    }
    return out;
  }

  private read(r: number, record: readonly string[] | undefined, column: number): string {
    const fileIndex = this.mapping[column];
    const unmapped = fileIndex === null || fileIndex === undefined;
    const value = unmapped ? '' : (record?.[fileIndex] ?? '');
    const read = this.readers[column];
    return read && (unmapped || !isTypedCell(this.typed, fileIndex, r)) ? read(value) : value;
  }
}
