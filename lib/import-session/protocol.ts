import type { TextEncodingName } from '@/lib/csv/decode';
import type { Problem } from '@/lib/csv/problem';
import type { ColumnMapping } from '@/lib/lists/mapping';
import type { BrowserFixes } from '@/lib/shared/browser-fixes';
import type { ListColumn } from '@/lib/shared/list-column';

import type { FileFormatChoice, FileFormatProposal } from './file-formats';
import type { GroupFix, KeyClash, ProblemGroup, ReviewRow, ReviewStats, RowFilter } from './review-types';
import type { HistoryState } from './undo-log';

/** Messages between the import wizard and its worker; every request carries an id its answer repeats. */
export type WorkerRequest =
  | { type: 'inspect'; file: File }
  | { type: 'read'; file: File; encoding: TextEncodingName; delimiter: string }
  | { type: 'sheetPreview'; sheet: string }
  | { type: 'readSheet'; sheet: string; headerRow: number }
  | { type: 'formats'; columns: ListColumn[]; mapping: ColumnMapping }
  /**
   * `fileFormats`: how the file writes each column (read into canonical values); `session`: the key
   * the worker saves the log of changes under (IndexedDB), so the work can be resumed; `replay`: a
   * saved session's log, re-applied to the rows (same file, same choices).
   */
  | {
      type: 'map';
      columns: ListColumn[];
      mapping: ColumnMapping;
      fileFormats?: FileFormatChoice[];
      session?: string;
      replay?: LoggedRequest[];
    }
  | { type: 'rows'; start: number; count: number; filter: RowFilter }
  /** The next problem cell after a cell (its row by index in the file; null: from the start). */
  | { type: 'nextProblem'; after: { rowIndex: number; column: number } | null; filter: RowFilter }
  | { type: 'edit'; rowIndex: number; column: number; value: string }
  | { type: 'delete'; rowIndexes: number[] }
  | {
      type: 'replace';
      find: string;
      replacement: string;
      column?: number;
      matchCase: boolean;
      wholeCell: boolean;
      /** Fill every empty cell (of the column) with the replacement; `find` is not used. */
      emptyCells?: boolean;
    }
  /** Whether a `replace` would give rows the same key, before it is sent. */
  | { type: 'checkReplace'; replace: Extract<WorkerRequest, { type: 'replace' }> }
  | { type: 'previewGroupFix'; fix: GroupFix }
  | { type: 'groupFix'; fix: GroupFix }
  | { type: 'fix'; fix: 'trim' | 'booleans' | 'dates-DMY' | 'dates-MDY' | 'dates-YMD'; column?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  /** The rows to upload: all of them, or only those without problems (`leaveOut`). */
  | { type: 'export'; leaveOut?: boolean }
  /** The rows with problems, in the file's own columns with a Problems column. */
  | { type: 'exportLeftOut' }
  /** Which rows of the person's file are these rows of the `export` (counted as the server counts them). */
  | { type: 'exportFileRows'; rows: number[]; leaveOut?: boolean };

/** A sheet of a workbook as the sheet picker shows it; `rows` and `columns` when the sheet says how many (cheap). */
export type SheetSummary = { name: string; hidden: boolean; rows?: number; columns?: number };
/** A row of a sheet preview: its number as the sheet shows it, and its cells as text. */
export type SheetPreviewRow = { number: number; texts: string[] };
/**
 * Whether a request changes the rows: each such request is one undo step and one entry of the
 * session's log. Listed for every request type so a new one cannot be forgotten.
 */
const CHANGES_ROWS = {
  inspect: false,
  read: false,
  sheetPreview: false,
  readSheet: false,
  formats: false,
  map: false,
  rows: false,
  nextProblem: false,
  edit: true,
  delete: true,
  replace: true,
  checkReplace: false,
  fix: true,
  previewGroupFix: false,
  groupFix: true,
  undo: false,
  redo: false,
  export: false,
  exportLeftOut: false,
  exportFileRows: false,
} as const satisfies Record<WorkerRequest['type'], boolean>;

type MutatingType = {
  [T in keyof typeof CHANGES_ROWS]: (typeof CHANGES_ROWS)[T] extends true ? T : never;
}[WorkerRequest['type']];
export type MutatingRequest = Extract<WorkerRequest, { type: MutatingType }>;

export function isMutating(request: WorkerRequest): request is MutatingRequest {
  return CHANGES_ROWS[request.type];
}

/** An entry of a session's log: a request that changed the rows, or an undo or redo of one. */
export type LoggedRequest = MutatingRequest | { type: 'undo' } | { type: 'redo' };

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
  | {
      type: 'read';
      headers: string[];
      recordCount: number;
      sample: string[][];
      /** File columns with no name and no value (a spreadsheet's empty columns): left out, not ignored. */
      emptyColumns: number[];
      quoteProblems: Problem[];
    }
  | { type: 'formats'; proposals: (FileFormatProposal | null)[] }
  /** `history`: what undo and redo would do now; sent with every stats once the rows are mapped. */
  | { type: 'stats'; stats: ReviewStats; groups: ProblemGroup[]; changed?: number; history?: HistoryState }
  /** What a group fix would change; `stillInvalid`: its one new value is not valid in the column either. */
  | {
      type: 'preview';
      cells: number;
      rows: number;
      stillInvalid?: { message: string; remediation: string };
      /** The fix would give this many rows one key. */
      sameKey?: KeyClash;
    }
  /** What a find & replace would do to keys; `sameKey` unset when it leaves every key unique. */
  | { type: 'replaceCheck'; sameKey?: KeyClash }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'position'; cell: { viewIndex: number; column: number } | null }
  | { type: 'exported'; blob: Blob; rows: number; leftOut: number; fixes: BrowserFixes }
  | { type: 'fileRows'; fileRows: (number | null)[] }
  | { type: 'error'; message: string; remediation: string };

export type Envelope<T> = T & { id: number };
