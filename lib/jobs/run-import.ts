import { createReadStream } from 'node:fs';

import { getSql } from '@/db/client';
import { jobProgressStore } from '@/db/queries/job-progress';
import { completeJobInTransaction, findEarlierImportWithSameFile } from '@/db/queries/jobs';
import { recordListLoad } from '@/db/queries/list-contents';
import { recordRevision } from '@/db/queries/revisions';

import { failJob } from './fail-job';
import { stopBecauseNotCompleted } from './job-cancelled';
import { problemToJobError } from './job-error';
import type { JobRun } from './job-run';
import { importCsv } from './load/import-csv';
import { loadSummary } from './load/load-summary';
import { JobProgressTracker } from './progress';

/**
 * A CSV import job: every record of the stored file is validated, and the file loads all or nothing.
 * A file with problems fails the job with its errors (up to the job's error threshold).
 */
export async function runImport(run: JobRun): Promise<void> {
  const { job, list, heartbeat, log } = run;
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
  await failJob(job, errors, result.rowsRead, duplicateOf, rowsLeftOut);
}
