import type postgres from 'postgres';

import type { LoadCounts } from '@/db/queries/list-load/load-counts';
import type { Problem } from '@/lib/csv/problem';
import { readAsWritten } from '@/lib/formats/column-format';

import { backendPid } from './bulk-work';
import { tryDirectLoad } from './direct-load';
import { explainFailures } from './explain-failures';
import type { ImportRequest } from './import-request';
import { loadTransaction } from './load-transaction';
import { rewriteSideBySide } from './rewrite-side-by-side';
import { loadThroughStage } from './staged-load';

export type ImportResult =
  | { ok: true; counts: LoadCounts; rowsRead: number }
  | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean };

/**
 * Rule 4 and 6 in one pass: every record is validated while valid ones stream into a temporary
 * stage by COPY; any problem means nothing is merged and the transaction rolls back. The file is
 * never held in memory: only the current chunk and COPY buffer are.
 */
export async function importCsv(sql: postgres.Sql, request: ImportRequest): Promise<ImportResult> {
  return explainFailures(request, async () => {
    const loaded = await loadTransaction(sql, request.stopped, async (tx) => {
      const progress = request.progress;
      if (progress) progress.atBackend(await backendPid(tx));
      progress?.phase('checking');
      // The fast path COPYs the file's own text: only when PostgreSQL reads it as the validator does.
      const direct = typeof request.source === 'function' && readAsWritten(request.columns);
      if (direct) {
        const loaded = await tryDirectLoad(tx, request);
        // Commits the checked successor, for the rewrite's second transaction.
        if (loaded && 'rewriteSideBySide' in loaded) return loaded;
        if (loaded) {
          await request.beforeCommit?.(tx, loaded.counts, loaded.rowsRead);
          return { ok: true as const, ...loaded };
        }
        progress?.phase('rechecking');
      }
      return loadThroughStage(tx, request, { rereading: direct });
    });
    return 'rewriteSideBySide' in loaded ? rewriteSideBySide(sql, request, loaded.rowsRead) : loaded;
  });
}
