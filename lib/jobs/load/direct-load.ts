import type postgres from 'postgres';

import type { LoadCounts } from '@/db/queries/list-load/load-counts';
import { ListBusy } from '@/db/queries/list-load/lock-in-attempts';
import { mergeSuccessorInPlace } from '@/db/queries/list-load/merge-successor';
import { replaceWithSuccessor } from '@/db/queries/list-load/replace-with-successor';
import { rewriteIsCheaper } from '@/db/queries/list-load/rewrite-is-cheaper';
import { sideBySidePays } from '@/db/queries/list-load/side-by-side-pays';
import { createSuccessor, SuccessorRefused } from '@/db/queries/list-load/successor';
import { recordsInsertedInTransaction } from '@/db/queries/list-load/successor-copy';
import { FileReadError } from '@/lib/csv/decode';
import { RecordTooLongError } from '@/lib/csv/record-stream';
import { env } from '@/lib/env';
import { plural } from '@/lib/shared/plural';

import { JobCancelled } from '../job-cancelled';
import { checkFile } from './check-file';
import type { ImportRequest } from './import-request';
import { CopyFailed, ValidationFailed } from './load-failures';

class DirectLoadAbandoned extends Error {}

/**
 * Loaded, or checked and copied into the successor, which the caller commits and rewrites into the
 * list on two connections (see rewriteSideBySide).
 */
export type DirectLoad = { counts: LoadCounts; rowsRead: number } | { rewriteSideBySide: true; rowsRead: number };

/**
 * The fast path, for a file that can be read twice: the file's own CSV text goes to COPY (PostgreSQL's
 * fastest path) into a successor table without indexes, created in this transaction, while every
 * record is validated beside it. The successor then replaces the list's table (records the file
 * does not name copied over, primary key built at once) or, when the file is small next to the
 * list, is merged into it (see db/queries/list-load/). On the first problem (a bad value, a
 * duplicate key) the savepoint is rolled back and the file is read again through the stage, which
 * reports every problem with its rows. A clean file is read once.
 */
export async function tryDirectLoad(
  tx: postgres.TransactionSql,
  request: ImportRequest,
): Promise<DirectLoad | undefined> {
  const { table, columns, mode } = request;
  const log = request.log ?? (() => {});
  try {
    return await tx.savepoint(async (sp) => {
      let started = performance.now();
      const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      const successor = await createSuccessor(sp, table, columns);
      const rowsRead = await copyFileText(sp, request, successor);
      log(`Checked and copied ${plural(rowsRead, 'record')} (${elapsed()}).`);
      started = performance.now();
      if (await rewriteIsCheaper(sp, table, mode)) {
        const fromBytes = env().REWRITE_SIDE_BY_SIDE_FROM_MB * 1024 * 1024;
        if (await sideBySidePays(sp, table, mode, fromBytes)) {
          return { rewriteSideBySide: true as const, rowsRead };
        }
        request.progress?.phase('building', rowsRead);
        const waitSeconds = env().LIST_SWAP_WAIT_SECONDS;
        try {
          const counts = await sp.savepoint((rebuild) =>
            replaceWithSuccessor(rebuild, table, columns, mode, rowsRead, { waitSeconds }),
          );
          log(`Built the new version of the list (${elapsed()}).`);
          return { counts, rowsRead };
        } catch (error) {
          if (!(error instanceof ListBusy)) throw error;
          log(
            `Others were reading the list (for example an export) for ${waitSeconds} s; merging the records into it in place instead.`,
          );
        }
      }
      request.progress?.phase('merging', rowsRead);
      const counts = await mergeSuccessorInPlace(sp, table, columns, mode, rowsRead);
      log(`Merged them into the list (${elapsed()}).`);
      return { counts, rowsRead };
    });
  } catch (error) {
    // Any problem, anything PostgreSQL refused in the text (a duplicate key, a value it reads
    // differently) or a swap that waited too long for readers sends the file through the stage,
    // which reports every problem precisely. A cancel or an unreadable file ends the job as it is.
    if (error instanceof FileReadError || error instanceof RecordTooLongError || error instanceof JobCancelled)
      throw error;
    // Stopped mid-statement (see loadTransaction): the session is gone, there is nothing to read again with.
    if (request.stopped?.aborted) throw request.stopped.reason;
    log(
      error instanceof DirectLoadAbandoned || error instanceof SuccessorRefused || error instanceof ValidationFailed
        ? 'Found a problem; reading the file again to report every problem with its row.'
        : error instanceof CopyFailed
          ? 'Reading the file again to check every record in detail.'
          : `Reading the file again to check it in detail (${error instanceof Error ? error.message : String(error)}).`,
    );
    return undefined;
  }
}

async function copyFileText(tx: postgres.TransactionSql, request: ImportRequest, table: string): Promise<number> {
  const { rowsRead, problems } = await checkFile(tx, request, { directInto: table, stopAtFirstProblem: true });
  if (problems.length > 0) throw new DirectLoadAbandoned();
  // A safety net under the checks on the text: COPY must have stored exactly the records read.
  const stored = await recordsInsertedInTransaction(tx, table);
  if (stored !== rowsRead) throw new CopyFailed(`COPY stored ${stored} of ${rowsRead} records`);
  return rowsRead;
}
