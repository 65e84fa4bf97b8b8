import { getSql } from '@/db/client';
import { jobProgressStore } from '@/db/queries/job-progress';
import { completeJobInTransaction } from '@/db/queries/jobs';
import { recordListLoad } from '@/db/queries/list-contents';
import { truncateTable } from '@/db/queries/list-load/truncate-table';
import { recordRevision } from '@/db/queries/revisions';
import { env } from '@/lib/env';

import { stopBecauseNotCompleted } from './job-cancelled';
import type { JobRun } from './job-run';
import { JobProgressTracker } from './progress';

/** Removes every record of the list in one transaction, as a new revision; the list and its history stay. */
export async function runPurge(run: JobRun): Promise<void> {
  const { job, list, heartbeat, log } = run;
  const sql = getSql();
  const progress = new JobProgressTracker(job.id, null, jobProgressStore);
  progress.phase('removing');
  await progress.tick();
  await sql.begin(async (tx) => {
    const count = await truncateTable(tx, list.dataTable, list.columns, { waitSeconds: env().LIST_SWAP_WAIT_SECONDS });
    await recordListLoad(tx, list.id, -count, job.createdBy);
    const revision = await recordRevision(tx, {
      listId: list.id,
      kind: 'purge',
      jobId: job.id,
      userId: job.createdBy,
      email: job.createdByEmail,
      counts: { inserted: 0, updated: 0, unchanged: 0, deleted: count },
    });
    await heartbeat.check(count);
    await log.flushed();
    const summary = `Purged ${count.toLocaleString('en-US')} records. The list and its history are kept.`;
    const completed = await completeJobInTransaction(
      tx,
      job.id,
      { recordCount: 0, deleted: count, revision },
      count,
      summary,
    );
    if (!completed) await stopBecauseNotCompleted(job.id);
  });
}
