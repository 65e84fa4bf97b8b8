import type { TextEncodingName } from '@/lib/csv/decode';
import type { Problem } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/lists/columns';
import type { ColumnMapping } from '@/lib/lists/mapping';

import type { ReviewRow, ReviewStats } from './dataset';
import type { HistoryState } from './undo-log';

/** Messages between the import wizard and its worker; every request carries an id its answer repeats. */
export type WorkerRequest =
  | { type: 'inspect'; file: File }
  | { type: 'read'; file: File; encoding: TextEncodingName; delimiter: string }
  /**
   * `session`: the key the worker saves the log of changes under (IndexedDB), so the work can be
   * resumed; `replay`: a saved session's log, re-applied to the rows (same file, same choices).
   */
  | { type: 'map'; columns: ListColumn[]; mapping: ColumnMapping; session?: string; replay?: LoggedRequest[] }
  | { type: 'rows'; start: number; count: number; onlyErrors: boolean }
  | { type: 'nextProblem'; after: number; onlyErrors: boolean }
  | { type: 'edit'; rowIndex: number; column: number; value: string }
  | { type: 'delete'; rowIndexes: number[] }
  | { type: 'replace'; find: string; replacement: string; column?: number; matchCase: boolean; wholeCell: boolean }
  | { type: 'fix'; fix: 'trim' | 'booleans' | 'dates-DMY' | 'dates-MDY' | 'dates-YMD'; column?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'export' };

/**
 * Whether a request changes the rows: each such request is one undo step and one entry of the
 * session's log. Listed for every request type so a new one cannot be forgotten.
 */
const CHANGES_ROWS = {
  inspect: false,
  read: false,
  map: false,
  rows: false,
  nextProblem: false,
  edit: true,
  delete: true,
  replace: true,
  fix: true,
  undo: false,
  redo: false,
  export: false,
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
  | { type: 'progress'; bytesRead: number; totalBytes: number; records: number }
  | { type: 'read'; headers: string[]; recordCount: number; sample: string[][]; quoteProblems: Problem[] }
  /** `history`: what undo and redo would do now; sent with every stats once the rows are mapped. */
  | { type: 'stats'; stats: ReviewStats; changed?: number; history?: HistoryState }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'position'; viewIndex: number | null }
  | { type: 'exported'; blob: Blob; rows: number }
  | { type: 'error'; message: string; remediation: string };

export type Envelope<T> = T & { id: number };
