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
  | { type: 'formats'; columns: ListColumn[]; mapping: ColumnMapping }
  | { type: 'map'; columns: ListColumn[]; mapping: ColumnMapping; fileFormats?: FileFormatChoice[] }
  | { type: 'rows'; start: number; count: number; onlyErrors: boolean }
  | { type: 'nextProblem'; after: number; onlyErrors: boolean }
  | { type: 'edit'; rowIndex: number; column: number; value: string }
  | { type: 'delete'; rowIndexes: number[] }
  | { type: 'replace'; find: string; replacement: string; column?: number; matchCase: boolean; wholeCell: boolean }
  | { type: 'fix'; fix: 'trim' | 'booleans' | 'dates-DMY' | 'dates-MDY' | 'dates-YMD'; column?: number }
  | { type: 'export' };

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
  | { type: 'formats'; proposals: (FileFormatProposal | null)[] }
  | { type: 'stats'; stats: ReviewStats; changed?: number }
  | { type: 'rows'; rows: ReviewRow[] }
  | { type: 'position'; viewIndex: number | null }
  | { type: 'exported'; blob: Blob; rows: number }
  | { type: 'error'; message: string; remediation: string };

export type Envelope<T> = T & { id: number };
