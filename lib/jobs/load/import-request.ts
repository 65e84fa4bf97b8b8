import type postgres from 'postgres';

import type { LoadCounts } from '@/db/queries/list-load/load-counts';
import type { TextEncodingName } from '@/lib/csv/decode';
import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

export type ImportRequest = {
  /** The file's bytes; a function that opens them allows a second pass (see importCsv). */
  source: AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);
  table: string;
  columns: readonly ListColumn[];
  mode: ImportMode;
  delimiter: string;
  errorThreshold: number;
  /** Take away the apostrophe Listport's exports put before formula-like values (see lib/export/formula-escape). */
  unescapeFormulas?: boolean;
  /** The file's encoding when the client gave it (else a byte-order mark's, else UTF-8). */
  encoding?: TextEncodingName;
  /** Called now and then with the number of records read; throwing from it aborts (and rolls back). */
  onProgress?: (rowsRead: number) => void | Promise<void>;
  /** Aborted when the job must stop: the load's transactions then end at once (see loadTransaction). */
  stopped?: AbortSignal;
  /** Told at each step of the load, for the job's progress (see lib/jobs/progress.ts). */
  progress?: ImportProgress;
  /** Called with a plain sentence at each phase of the load, for the job's log. */
  log?: (message: string) => void;
  /** Runs inside the load's transaction after the merge, e.g. to mark the job completed atomically with the data. */
  beforeCommit?: (tx: postgres.TransactionSql, counts: LoadCounts, rowsRead: number) => Promise<void>;
};

/** What a load tells its job's progress: each step as it begins, and the database backend doing the work. */
export type ImportProgress = {
  phase: (phase: 'checking' | 'rechecking' | 'keys' | 'building' | 'merging', records?: number) => void;
  atBackend: (pid: number) => void;
};
