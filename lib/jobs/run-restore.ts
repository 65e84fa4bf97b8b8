import { getSql } from '@/db/client';
import { finishJob } from '@/db/queries/jobs';
import { ListBusy } from '@/db/queries/list-load/lock-in-attempts';
import { restoreRevisionInTransaction } from '@/db/queries/restore';
import type { Job, List } from '@/db/schema';
import { env } from '@/lib/env';
import { jobError } from '@/lib/jobs/job-error';
import { columnsChangeBlocking } from '@/lib/lists/server/revision-source';

import { completeLoad } from './complete-load';
import type { JobRun } from './job-run';
import { settleForBulkWork } from './load/bulk-work';
import { loadSummary } from './load/load-summary';

/** The revision a restore job puts back, as its submission stored it. */
export function restoreTarget(job: Pick<Job, 'inputs'>): number {
  const revision = (job.inputs as { revision?: unknown } | null)?.revision;
  if (typeof revision !== 'number') throw new Error('A restore job without a revision');
  return revision;
}

/**
 * Makes the list's contents exactly those of a kept revision, as a new revision, in one
 * transaction. The checks made at submission are made again under the load: the revision may
 * have been dropped, or the columns changed, while the job waited.
 */
export async function runRestore(run: JobRun): Promise<void> {
  const { job, list, log } = run;
  const target = restoreTarget(job);
  await log.write('INFO', `Restoring the contents of revision ${target}…`);
  const started = Date.now();
  const refused = await getSql()
    .begin(async (tx) => {
      await settleForBulkWork(tx);
      // The revision's record is locked so the retention sweep cannot drop its table meanwhile.
      const [row] = await tx.unsafe<{ kept_table: string | null; columns: List['columns'] }[]>(
        `select kept_table, columns from revisions where list_id = $1 and revision = $2 for update`,
        [list.id, target],
      );
      if (!row?.kept_table) return 'not-kept' as const;
      const blocking = columnsChangeBlocking(row.columns, list.columns);
      if (blocking) return blocking;
      const { counts, records } = await restoreRevisionInTransaction(
        tx,
        list,
        { keptTable: row.kept_table, columns: row.columns },
        { waitSeconds: env().LIST_SWAP_WAIT_SECONDS },
      );
      await completeLoad(tx, run, {
        counts,
        rows: records,
        revision: { kind: 'restore', restoredRevision: target },
        results: { rowsRead: records, ...counts, restoredRevision: target },
        summary: (revision) =>
          `Restored revision ${target} as revision ${revision}. ${loadSummary(records, counts, ((Date.now() - started) / 1000).toFixed(1))}`,
      });
      return undefined;
    })
    .catch((error: unknown) => {
      if (error instanceof ListBusy) return 'busy' as const;
      throw error;
    });
  if (refused === undefined) return;
  const message =
    refused === 'not-kept'
      ? `The contents of revision ${target} are no longer kept; nothing was changed.`
      : refused === 'busy'
        ? `Others were reading the list (for example an export) for ${env().LIST_SWAP_WAIT_SECONDS} s; nothing was changed.`
        : `The list's columns changed since revision ${target} (${refused}); nothing was changed.`;
  await log.write('ERROR', message);
  await finishJob(job.id, {
    state: 'failed',
    errors: [
      refused === 'not-kept'
        ? jobError(message, 'Choose a revision that is still kept (GET …/revisions, "kept": true).', 'revisionNotKept')
        : refused === 'busy'
          ? jobError(message, 'Try again when the export has finished.', 'jobRunning')
          : jobError(
              message,
              'Only revisions whose columns are all still in the list can be restored.',
              'revisionColumnsChanged',
            ),
    ],
    results: { recordCount: list.recordCount },
  });
}
