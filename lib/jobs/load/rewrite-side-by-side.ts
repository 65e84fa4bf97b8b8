import type postgres from 'postgres';

import type { OtherConnection } from '@/db/queries/list-load/keep-untouched';
import { ListBusy } from '@/db/queries/list-load/lock-in-attempts';
import { replaceWithSuccessor } from '@/db/queries/list-load/replace-with-successor';
import { successorName, SuccessorRefused } from '@/db/queries/list-load/successor';
import { quoteIdent } from '@/db/queries/sql-names';
import { env } from '@/lib/env';

import { backendPid } from './bulk-work';
import type { ImportResult } from './import-csv';
import type { ImportRequest } from './import-request';
import { loadTransaction } from './load-transaction';
import { loadThroughStage } from './staged-load';

/**
 * The second transaction of a large upsert or append: the successor, checked and committed by the
 * first, becomes the list. A committed successor can be read by another connection, so the list's
 * untouched records are copied into it by two connections at once, one half of the keys each
 * (PostgreSQL runs an INSERT … SELECT on one core; see compareAndKeepUntouched). The list itself
 * changes only when this transaction commits, with the job's completion: all or nothing as ever.
 *
 * Swapped in, the successor is the list; otherwise it is dropped before the job lets go of the
 * list, so that it can never be another load's. One left by a killed worker is dropped by the next
 * load of the list or with the list. If the file cannot load this way (a key given twice, `append`
 * with listed keys) or readers hold the list too long, it is read again through the stage, as on
 * the one-transaction path.
 */
export async function rewriteSideBySide(
  sql: postgres.Sql,
  request: ImportRequest,
  rowsRead: number,
): Promise<ImportResult> {
  const { table, columns, mode, progress } = request;
  const log = request.log ?? (() => {});
  const other: OtherConnection = (work) => loadTransaction(sql, request.stopped, work);
  try {
    return await loadTransaction(sql, request.stopped, async (tx) => {
      progress?.atBackend(await backendPid(tx));
      progress?.phase('building', rowsRead);
      const started = performance.now();
      const waitSeconds = env().LIST_SWAP_WAIT_SECONDS;
      try {
        const counts = await tx.savepoint((rebuild) =>
          replaceWithSuccessor(rebuild, table, columns, mode, rowsRead, { waitSeconds, other }),
        );
        log(
          `Built the new version of the list, copying its other records on two connections (${((performance.now() - started) / 1000).toFixed(1)} s).`,
        );
        await request.beforeCommit?.(tx, counts, rowsRead);
        return { ok: true as const, counts, rowsRead };
      } catch (error) {
        if (!(error instanceof SuccessorRefused || error instanceof ListBusy)) throw error;
        log(
          error instanceof ListBusy
            ? `Others were reading the list (for example an export) for ${waitSeconds} s; reading the file again to merge its records into the list in place.`
            : 'Found a problem; reading the file again to report every problem with its row.',
        );
        // Gone with this transaction's commit, with whatever the other connection committed into it.
        await dropSuccessor(tx);
        progress?.phase('rechecking');
        return loadThroughStage(tx, request, { rereading: true });
      }
    });
  } catch (error) {
    // Nothing committed, and the job still holds the list (it is failed only after this): no other
    // load can have made a successor of its own yet. Best effort: a failure here must not hide the
    // load's own, and the next load drops it anyway.
    await dropSuccessor(sql).catch(() => undefined);
    throw error;
  }

  async function dropSuccessor(on: postgres.Sql | postgres.TransactionSql) {
    await on.unsafe(`drop table if exists ${quoteIdent(successorName(table))}`);
  }
}
