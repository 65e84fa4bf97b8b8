import type { TextEncodingName } from '@/lib/csv/decode';
import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

import type { PreviewResult } from '../load/preview-csv';

/** What the preview thread is given: the stored upload and the list's shape, all plain data. */
export type PreviewTask = {
  path: string;
  table: string;
  columns: ListColumn[];
  mode: ImportMode;
  delimiter: string;
  errorThreshold: number;
  unescapeFormulas?: boolean;
  encoding?: TextEncodingName;
};

/** A failure keeps the database's error code (e.g. 42P01: the list's table dropped by a delete meanwhile). */
export type PreviewReply =
  { ok: true; result: PreviewResult } | { ok: false; message: string; stack?: string; code?: string };
