import { getSql } from '@/db/client';
import { jobProgressStore } from '@/db/queries/job-progress';
import { truncateTable } from '@/db/queries/list-load/truncate-table';
import { env } from '@/lib/env';
import { plural } from '@/lib/shared/plural';

import { completeLoad } from './complete-load';
import type { JobRun } from './job-run';
import { loadTransaction } from './load/load-transaction';
import { JobProgressTracker } from './progress';

/** Removes every record of the list in one transaction, as a new revision; the list and its history stay. */
export async function runPurge(run: JobRun): Promise<void> {
  const { job, list, heartbeat } = run;
  const progress = new JobProgressTracker(job.id, null, jobProgressStore);
  progress.phase('removing');
  await progress.tick();
  await loadTransaction(getSql(), heartbeat.stopped, async (tx) => {
    const count = await truncateTable(tx, list.dataTable, list.columns, { waitSeconds: env().LIST_SWAP_WAIT_SECONDS });
    await completeLoad(tx, run, {
      counts: { inserted: 0, updated: 0, unchanged: 0, deleted: count },
      rows: count,
      revision: { kind: 'purge' },
      results: { deleted: count },
      summary: () => `Purged ${plural(count, 'record')}. The list and its history are kept.`,
    });
  });
}
