import { getSql } from '@/db/client';
import { ListBusy } from '@/db/queries/list-load/lock-in-attempts';
import { lockKeptRevision, restoreRevisionInTransaction } from '@/db/queries/restore';
import type { Job, JobError } from '@/db/schema';
import { env } from '@/lib/env';
import { columnsChangeBlocking } from '@/lib/lists/server/revision-source';

import { completeLoad } from './complete-load';
import { failJob } from './fail-job';
import { jobError } from './job-error';
import type { JobRun } from './job-run';
import { loadSummary } from './load/load-summary';
import { loadTransaction } from './load/load-transaction';

/** The revision a restore job puts back, as its submission stored it. */
export function restoreTarget(job: Pick<Job, 'inputs'>): number {
  const revision = (job.inputs as { revision?: unknown } | null)?.revision;
  if (typeof revision !== 'number') throw new Error('A restore job without a revision');
  return revision;
}

/** Why a restore stopped without changing anything: the revision was dropped, readers held the list, or the columns changed. */
type Refusal = 'not-kept' | 'busy' | { columnsChanged: string };

/**
 * Makes the list's contents exactly those of a kept revision, as a new revision, in one
 * transaction. The checks made at submission are made again under the load: the revision may
 * have been dropped, or the columns changed, while the job waited.
 */
export async function runRestore(run: JobRun): Promise<void> {
  const { job, list, log, heartbeat } = run;
  const target = restoreTarget(job);
  await log.write('INFO', `Restoring the contents of revision ${target}…`);
  const started = Date.now();
  const refused = await loadTransaction(getSql(), heartbeat.stopped, async (tx): Promise<Refusal | undefined> => {
    const kept = await lockKeptRevision(tx, list.id, target);
    if (!kept) return 'not-kept';
    const blocking = columnsChangeBlocking(kept.columns, list.columns);
    if (blocking) return { columnsChanged: blocking };
    const { counts, records } = await restoreRevisionInTransaction(tx, list, kept, {
      waitSeconds: env().LIST_SWAP_WAIT_SECONDS,
    });
    await completeLoad(tx, run, {
      counts,
      rows: records,
      revision: { kind: 'restore', restoredRevision: target },
      results: { rowsRead: records, ...counts, restoredRevision: target },
      summary: (revision) =>
        `Restored revision ${target} as revision ${revision}. ${loadSummary(records, counts, ((Date.now() - started) / 1000).toFixed(1))}`,
    });
    return undefined;
  }).catch((error: unknown) => {
    if (error instanceof ListBusy) return 'busy' as const;
    throw error;
  });
  if (refused === undefined) return;
  const error = refusalError(refused, target);
  await log.write('ERROR', error.message);
  await failJob(job, [error]);
}

function refusalError(refused: Refusal, target: number): JobError {
  if (refused === 'not-kept')
    return jobError(
      `The contents of revision ${target} are no longer kept; nothing was changed.`,
      'Choose a revision that is still kept (GET …/revisions, "kept": true).',
      'revisionNotKept',
    );
  if (refused === 'busy')
    return jobError(
      `Others were reading the list (for example an export) for ${env().LIST_SWAP_WAIT_SECONDS} s; nothing was changed.`,
      'Try again when the export has finished.',
      'jobRunning',
    );
  return jobError(
    `The list's columns changed since revision ${target} (${refused.columnsChanged}); nothing was changed.`,
    'Only revisions whose columns are all still in the list can be restored.',
    'revisionColumnsChanged',
  );
}
