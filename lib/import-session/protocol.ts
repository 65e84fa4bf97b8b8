import type { TextEncodingName } from '@/lib/csv/decode';
import type { Problem } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/lists/columns';
import type { ColumnMapping } from '@/lib/lists/mapping';

import type { GroupFix, ProblemGroup, ReviewRow, ReviewStats, RowFilter } from './dataset';

/** Messages between the import wizard and its worker; every request carries an id its answer repeats. */
export type WorkerRequest =
  | { type: 'inspect'; file: File }
  | { type: 'read'; file: File; encoding: TextEncodingName; delimiter: string }
  | { type: 'map'; columns: ListColumn[]; mapping: ColumnMapping }
  | { type: 'rows'; start: number; count: number; filter: RowFilter }
  | { type: 'nextProblem'; after: number; filter: RowFilter }
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
  | { type: 'previewGroupFix'; fix: GroupFix }
  | { type: 'groupFix'; fix: GroupFix }
  | { type: 'fix'; fix: 'trim' | 'booleans' | 'dates-DMY' | 'dates-MDY' | 'dates-YMD'; column?: number }
  /** The rows to upload: all of them, or only those without problems (`leaveOut`). */
  | { type: 'export'; leaveOut?: boolean }
  /** The rows with problems, in the file's own columns with a Problems column. */
  | { type: 'exportLeftOut' };

export type EncodingPreview = { encoding: TextEncodingName; lines: string[]; valid: boolean };

export type WorkerResponse =
  | {
      type: 'inspected';
      encoding: TextEncodingName;
      utf8Valid: boolean;
      previews: EncodingPreview[];
      delimiter: string;
    }
  | { type: 'progress'; bytesRead: number; totalBytes: number; records: number }
  | { type: 'read'; headers: string[]; recordCount: number; sample: string[][]; quoteProblems: Problem[] }
  | { type: 'stats'; stats: ReviewStats; groups: ProblemGroup[]; changed?: number }
  | { type: 'preview'; cells: number; rows: number }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'position'; viewIndex: number | null }
  | { type: 'exported'; blob: Blob; rows: number; leftOut: number }
  | { type: 'error'; message: string; remediation: string };

export type Envelope<T> = T & { id: number };
