import { createReadStream } from 'node:fs';

import { getSql } from '@/db/client';
import { jobProgressStore } from '@/db/queries/job-progress';
import { claimJob, completeJobInTransaction, findEarlierImportWithSameFile, finishJob } from '@/db/queries/jobs';
import { recordListLoad } from '@/db/queries/list-contents';
import { getListById } from '@/db/queries/lists';
import { recordRevision } from '@/db/queries/revisions';
import type { Job, List } from '@/db/schema';

// runImport's calls read `fail`: the one fail path of every runner, lib/jobs/fail-job.ts.
import { failJob as fail } from './fail-job';
import { startHeartbeat, type Heartbeat } from './heartbeat';
import { JobCancelled, stopBecauseNotCompleted } from './job-cancelled';
import { jobError, problemToJobError } from './job-error';
import { importCsv } from './load/import-csv';
import { loadSummary } from './load/load-summary';
import { JobLogWriter } from './log-writer';
import { JobProgressTracker } from './progress';
import { runCustomImportJob } from './run-custom-import';
import { runPurge } from './run-purge';
import { runRestore } from './run-restore';

/** Runs one job to a terminal state. Safe to call for a job another process already took: it does nothing. */
export async function runJob(jobId: string): Promise<void> {
  const job = await claimJob(jobId);
  if (!job) return;
  const heartbeat = startHeartbeat(job.id);
  const log = new JobLogWriter(job.id);
  try {
    const list = job.listId ? await getListById(job.listId) : undefined;
    if (!list) {
      await fail(job, [
        jobError('The list of this job no longer exists.', 'Create the list again, then import.', 'notFound'),
      ]);
      return;
    }
    await log.write('INFO', `Job started on list "${list.name}".`);
    if (job.kind === 'import') await runImport(job, list, heartbeat, log);
    else if (job.kind === 'purge') await runPurge(job, list, heartbeat, log);
    else if (job.kind === 'restore') await runRestore(job, list, heartbeat, log);
    else await runCustomImportJob(job, list, heartbeat, log);
  } catch (error) {
    if (error instanceof JobCancelled && error.reason === 'no-longer-running') {
      // Failed by a stale-job sweep while this process was stalled: that outcome stands.
      await log.write('WARN', 'Stopped: the job had been marked failed meanwhile. Nothing was loaded.');
    } else if (error instanceof JobCancelled) {
      // The log line first: whoever sees the job cancelled finds the line that says so.
      await log.write('WARN', 'Cancelled on request. Nothing was loaded; the list is as it was before.');
      await finishJob(job.id, { state: 'cancelled', rowsProcessed: heartbeat.rows });
    } else {
      console.error(`[jobs] job ${job.id} failed unexpectedly:`, error);
      await log
        .write('ERROR', `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`)
        .catch(() => {});
      await fail(job, [
        jobError(
          'The job stopped because of an unexpected error. Nothing was loaded; the list is as it was before.',
          'Try again. If it happens again, give your administrator the job id.',
          'internal',
        ),
      ]).catch(() => {});
    }
  } finally {
    heartbeat.stop();
  }
}

async function runImport(job: Job, list: List, heartbeat: Heartbeat, log: JobLogWriter): Promise<void> {
  if (!job.filePath) throw new Error('Import job without a stored file');
  const duplicateOf = job.sha256Sum ? await findEarlierImportWithSameFile(list.id, job.sha256Sum, job.id) : undefined;
  if (duplicateOf) await log.write('INFO', `This file has the same content (sha256) as job ${duplicateOf}.`);
  await log.write(
    'INFO',
    `Validating every record of "${job.fileName}" (mode ${job.mode}, stop after ${(job.errorThreshold ?? 100).toLocaleString('en-US')} errors)…`,
  );
  const rowsLeftOut = job.options.rowsLeftOut;
  if (rowsLeftOut) {
    await log.write(
      'INFO',
      `${rowsLeftOut.toLocaleString('en-US')} row${rowsLeftOut === 1 ? ' with problems was' : 's with problems were'} left out in the import wizard: they are not in this file and are not loaded.`,
    );
  }
  const started = Date.now();
  const progress = new JobProgressTracker(job.id, job.fileSize, jobProgressStore);
  progress.start();
  const result = await importCsv(getSql(), {
    source: () => progress.countBytes(createReadStream(job.filePath!, { highWaterMark: 1024 * 1024 })),
    progress,
    table: list.dataTable,
    columns: list.columns,
    mode: job.mode ?? 'upsert',
    delimiter: job.delimiter ?? ',',
    errorThreshold: job.errorThreshold ?? 100,
    unescapeFormulas: job.options.unescapeFormulas ?? true,
    ...(job.options.encoding && { encoding: job.options.encoding }),
    onProgress: (rows) => heartbeat.check(rows),
    log: (message) => log.info(message),
    beforeCommit: async (tx, counts, rowsRead) => {
      await heartbeat.check(rowsRead);
      // The summary line commits with the load: every line before it must be written first.
      await log.flushed();
      const recordCount = await recordListLoad(tx, list.id, counts.inserted - counts.deleted, job.createdBy);
      const revision = await recordRevision(tx, {
        listId: list.id,
        kind: 'import',
        jobId: job.id,
        fileName: job.fileName,
        userId: job.createdBy,
        email: job.createdByEmail,
        counts,
      });
      const results = {
        recordCount,
        rowsRead,
        ...counts,
        revision,
        ...(rowsLeftOut && { rowsLeftOut }),
        ...(duplicateOf && { duplicateOfJobId: duplicateOf }),
      };
      const summary = loadSummary(rowsRead, counts, ((Date.now() - started) / 1000).toFixed(1));
      const completed = await completeJobInTransaction(tx, job.id, results, rowsRead, summary);
      // Reaped as stale or cancelled meanwhile: roll everything back rather than contradict the job's state.
      if (!completed) await stopBecauseNotCompleted(job.id);
    },
  }).finally(() => progress.stop());
  if (result.ok) return;
  const errors = result.problems.map(problemToJobError);
  if (result.stoppedAtThreshold) {
    await log.write(
      'WARN',
      `Validation stopped at the error threshold (${(job.errorThreshold ?? 100).toLocaleString('en-US')} errors).`,
    );
  }
  await log.write(
    'ERROR',
    `The file has ${errors.length.toLocaleString('en-US')}${result.stoppedAtThreshold ? '+' : ''} error(s); nothing was loaded.`,
  );
  await fail(job, errors, result.rowsRead, duplicateOf, rowsLeftOut);
}
