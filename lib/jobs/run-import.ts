import { createReadStream } from 'node:fs';

import { getSql } from '@/db/client';
import { jobProgressStore } from '@/db/queries/job-progress';
import { findEarlierImportWithSameFile } from '@/db/queries/jobs/job-reads';
import { sameFileLine } from '@/lib/shared/same-file-line';

import { completeLoad } from './complete-load';
import { failJob } from './fail-job';
import { problemToJobError } from './job-error';
import type { JobRun } from './job-run';
import { importCsv } from './load/import-csv';
import { loadSummary } from './load/load-summary';
import { errorCountWords, validatingWords } from './log-words';
import { JobProgressTracker } from './progress';

/**
 * A CSV import job: every record of the stored file is validated, and the file loads all or nothing.
 * A file with problems fails the job with its errors (up to the job's error threshold).
 */
export async function runImport(run: JobRun): Promise<void> {
  const { job, list, heartbeat, log } = run;
  if (!job.filePath) throw new Error('Import job without a stored file');
  const duplicateOf = job.sha256Sum ? await findEarlierImportWithSameFile(list.id, job.sha256Sum, job.id) : undefined;
  if (duplicateOf) await log.write('INFO', sameFileLine(duplicateOf));
  await log.write('INFO', validatingWords(` of "${job.fileName}"`, job.mode, job.errorThreshold ?? 100));
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
    stopped: heartbeat.stopped,
    log: (message) => log.info(message),
    beforeCommit: (tx, counts, rowsRead) =>
      completeLoad(tx, run, {
        counts,
        rows: rowsRead,
        revision: { kind: 'import', fileName: job.fileName },
        results: {
          rowsRead,
          ...counts,
          ...(rowsLeftOut && { rowsLeftOut }),
          ...(duplicateOf && { duplicateOfJobId: duplicateOf.id }),
        },
        summary: () => loadSummary(rowsRead, counts, ((Date.now() - started) / 1000).toFixed(1)),
      }),
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
    `The file has ${errorCountWords(errors.length, result.stoppedAtThreshold)}; nothing was loaded.`,
  );
  await failJob(job, errors, {
    rowsRead: result.rowsRead,
    duplicateOfJobId: duplicateOf?.id,
    rowsLeftOut,
    stoppedAtErrorThreshold: result.stoppedAtThreshold,
  });
}
