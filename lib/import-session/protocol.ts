import type { TextEncodingName } from '@/lib/csv/decode';
import type { Problem } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/lists/columns';
import type { ColumnMapping } from '@/lib/lists/mapping';

import type { ReviewRow, ReviewStats } from './dataset';
import type { FileFormatChoice, FileFormatProposal } from './file-formats';

/** Messages between the import wizard and its worker; every request carries an id its answer repeats. */
export type WorkerRequest =
  | { type: 'inspect'; file: File }
  | { type: 'read'; file: File; encoding: TextEncodingName; delimiter: string }
  | { type: 'sheetPreview'; sheet: string }
  | { type: 'readSheet'; sheet: string; headerRow: number }
  | { type: 'formats'; columns: ListColumn[]; mapping: ColumnMapping }
  | { type: 'map'; columns: ListColumn[]; mapping: ColumnMapping; fileFormats?: FileFormatChoice[] }
  | { type: 'rows'; start: number; count: number; onlyErrors: boolean }
  | { type: 'nextProblem'; after: number; onlyErrors: boolean }
  | { type: 'edit'; rowIndex: number; column: number; value: string }
  | { type: 'delete'; rowIndexes: number[] }
  | { type: 'replace'; find: string; replacement: string; column?: number; matchCase: boolean; wholeCell: boolean }
  | { type: 'fix'; fix: 'trim' | 'booleans' | 'dates-DMY' | 'dates-MDY' | 'dates-YMD'; column?: number }
  | { type: 'export' };

/** A sheet of a workbook as the sheet picker shows it; `rows` when the sheet says how many (cheap). */
export type SheetSummary = { name: string; hidden: boolean; rows?: number };
/** A row of a sheet preview: its number as the sheet shows it, and its cells as text. */
export type SheetPreviewRow = { number: number; texts: string[] };

export type EncodingPreview = { encoding: TextEncodingName; lines: string[]; valid: boolean };

export type WorkerResponse =
  | {
      type: 'inspected';
      encoding: TextEncodingName;
      utf8Valid: boolean;
      previews: EncodingPreview[];
      delimiter: string;
    }
  | { type: 'workbook'; sheets: SheetSummary[] }
  | { type: 'sheetPreview'; rows: SheetPreviewRow[]; headerRow: number }
  | { type: 'progress'; bytesRead: number; totalBytes: number; records: number }
  | { type: 'read'; headers: string[]; recordCount: number; sample: string[][]; quoteProblems: Problem[] }
  | { type: 'formats'; proposals: (FileFormatProposal | null)[] }
  | { type: 'stats'; stats: ReviewStats; changed?: number }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'position'; viewIndex: number | null }
  | { type: 'exported'; blob: Blob; rows: number }
  | { type: 'error'; message: string; remediation: string };

export type Envelope<T> = T & { id: number };
