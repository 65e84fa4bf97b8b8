import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { z } from 'zod';

import { getSql } from '@/db/client';
import { recordGeneratedFile } from '@/db/queries/custom-import-jobs';
import { jobProgressStore } from '@/db/queries/job-progress';
import type { Job, JobError, List, LogLevel } from '@/db/schema';
import { PROBLEM_CODES } from '@/lib/csv/problem';
import { hasErrors, resolveInputs } from '@/lib/custom-imports/inputs';
import { PREVIEW_ROWS, sandboxLimits } from '@/lib/custom-imports/limits';
import { findScript } from '@/lib/custom-imports/registry';
import { runInSandbox, SandboxError } from '@/lib/custom-imports/sandbox/run-in-sandbox';
import type { InputValues, Message, SourceProblem } from '@/lib/custom-imports/types';
import { env } from '@/lib/env';
import { csvRow } from '@/lib/export/csv-writer';
import { plural } from '@/lib/shared/plural';

import { completeLoad } from './complete-load';
import { failJob } from './fail-job';
import type { Heartbeat } from './heartbeat';
import { jobError, problemToJobError } from './job-error';
import type { JobRun } from './job-run';
import { importCsv } from './load/import-csv';
import { loadSummary } from './load/load-summary';
import { errorCountWords, validatingWords } from './log-words';
import type { JobLogWriter } from './log-writer';
import { JobProgressTracker } from './progress';

/** Script logs beyond this many lines are counted, not stored: a chatty script cannot flood the log table. */
const MAX_SCRIPT_LOG_LINES = 1000;
const CANCEL_CHECK_MS = 1000;

const storedInputsSchema = z.object({
  raw: z.record(z.string(), z.unknown()),
  files: z.record(
    z.string(),
    z.object({ name: z.string(), size: z.number(), type: z.string(), path: z.string(), sha256: z.string() }),
  ),
});

/**
 * A custom import job: the script runs in a sandboxed worker and its records are written as a CSV
 * file (the job's file), which then goes through exactly the CSV import's validation and
 * all-or-nothing load. Inputs are checked again first: a list or file may have changed since submit.
 */
export async function runCustomImportJob(run: JobRun): Promise<void> {
  const { job, list, heartbeat, log } = run;
  const script = job.customImportId ? await findScript(job.customImportId) : undefined;
  if (!script) {
    await failJob(job, [
      jobError(
        `The custom import "${job.customImportId}" is not installed on this server any more. Nothing was loaded.`,
        'Ask your administrator which custom imports are available, then submit again.',
        'notFound',
      ),
    ]);
    return;
  }
  const stored = storedInputsSchema.safeParse(job.inputs);
  if (!stored.success || !job.filePath) throw new Error('The custom job has no stored inputs or file path');
  for (const file of Object.values(stored.data.files)) {
    if (!(await fs.stat(file.path).catch(() => undefined))) {
      await failJob(job, [
        jobError(
          `The uploaded file "${file.name}" is no longer on the server. Nothing was loaded.`,
          'Submit the custom import again with the file.',
          'gone',
        ),
      ]);
      return;
    }
  }
  const resolved = await resolveInputs(script.inputs, stored.data.raw, stored.data.files, async (reference) =>
    reference === list.id ? list : undefined,
  );
  if (hasErrors(resolved.messages)) {
    await failWithMessages(job, log, resolved.messages);
    return;
  }
  const errorThreshold = Number(resolved.values.errorThreshold ?? job.errorThreshold ?? 100);
  await log.write('INFO', `Running custom import ${script.id} ("${script.title}") into "${list.name}"…`);

  const scriptProgress = new JobProgressTracker(job.id, null, jobProgressStore);
  scriptProgress.phase('script');
  await scriptProgress.tick();
  const generated = await generateCsv(job, list, script.id, resolved.values, errorThreshold, heartbeat, log);
  if (!generated.ok) return;
  const progress = new JobProgressTracker(job.id, generated.size, jobProgressStore);
  progress.start();

  await log.write(
    'INFO',
    `The script produced ${plural(generated.records, 'record')}. ${validatingWords('', job.mode, errorThreshold)}`,
  );
  const result = await importCsv(getSql(), {
    source: progress.countBytes(createReadStream(job.filePath, { highWaterMark: 1024 * 1024 })),
    progress,
    table: list.dataTable,
    columns: list.columns,
    mode: job.mode ?? 'upsert',
    delimiter: ',',
    errorThreshold,
    onProgress: (rows) => heartbeat.check(rows),
    stopped: heartbeat.stopped,
    log: (message) => log.info(message),
    beforeCommit: async (tx, counts, rowsRead) => {
      await recordGeneratedFile(tx, job.id, generated.size, generated.sha256);
      await completeLoad(tx, run, {
        counts,
        rows: rowsRead,
        revision: { kind: 'custom', fileName: job.fileName },
        results: { rowsRead, ...counts },
        summary: () => loadSummary(rowsRead, counts),
      });
    },
  }).finally(() => progress.stop());
  if (result.ok) return;
  if (result.stoppedAtThreshold)
    await log.write(
      'WARN',
      `Validation stopped at the error threshold (${errorThreshold.toLocaleString('en-US')} errors).`,
    );
  await log.write(
    'ERROR',
    `The records have ${errorCountWords(result.problems.length, result.stoppedAtThreshold)}; nothing was loaded. Rows count lines of the job's file (download it from the job).`,
  );
  await failJob(job, result.problems.map(problemToJobError), {
    rowsRead: result.rowsRead,
    stoppedAtErrorThreshold: result.stoppedAtThreshold,
  });
}

/** Rows left out on request are each logged up to this many; the total is always logged. */
const MAX_SKIPPED_LOGGED = 100;

type Generated = { ok: true; records: number; size: number; sha256: string } | { ok: false };

/** Runs the script and streams its records into the job's CSV file (header = the list's columns). */
async function generateCsv(
  job: Job,
  list: List,
  scriptId: string,
  values: InputValues,
  errorThreshold: number,
  heartbeat: Heartbeat,
  log: JobLogWriter,
): Promise<Generated> {
  const path = job.filePath!;
  const out = createWriteStream(path, { mode: 0o600 });
  const hash = createHash('sha256');
  const maxBytes = env().MAX_UPLOAD_BYTES;
  let size = 0;
  let rows = 0;
  let logLines = 0;
  const problems: SourceProblem[] = [];
  // Asked for knowingly in the form, after a preview listed them: rows the source cannot give are left out.
  const skipSourceProblems = values.skipSourceProblems === true;
  let skipped = 0;
  const skip = async (problem: SourceProblem) => {
    if (++skipped <= MAX_SKIPPED_LOGGED)
      await log.write(
        'WARN',
        `Left out${problem.row !== undefined ? ` row ${problem.row}` : ' a row'}: ${problem.message}`,
      );
  };
  const write = async (text: string) => {
    const bytes = Buffer.from(text);
    size += bytes.length;
    if (size > maxBytes)
      throw new SandboxError(
        'crash',
        `The script's records exceed the upload limit of ${Math.round(maxBytes / 1024 / 1024)} MB.`,
      );
    hash.update(bytes);
    if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const scriptLog = async (level: LogLevel, message: string) => {
    if (++logLines <= MAX_SCRIPT_LOG_LINES) await log.write(level, `[script] ${message}`);
    else if (logLines === MAX_SCRIPT_LOG_LINES + 1)
      await log.write(
        'WARN',
        `[script] More than ${MAX_SCRIPT_LOG_LINES.toLocaleString('en-US')} log lines; the rest are not kept.`,
      );
  };

  await write(csvRow(list.columns.map((c) => c.name)));
  const limits = sandboxLimits('run');
  const run = runInSandbox(
    { scriptId, method: 'run', values, inputsValid: true, previewRows: PREVIEW_ROWS, maxRecords: limits.maxRecords },
    limits,
    {
      onLog: scriptLog,
      onProgress: (rowsRead) => void (heartbeat.rows = rowsRead),
      onProblem: (problem) =>
        skipSourceProblems ? skip(problem) : void (problems.length < errorThreshold && problems.push(problem)),
      onRecords: async (batch) => {
        for (const fields of batch) await write(csvRow(fields));
        rows += batch.length;
      },
    },
  );
  // Cancellation is picked up between heartbeats even while the script computes without output.
  let cancelled: unknown;
  const watcher = setInterval(() => {
    heartbeat.check(heartbeat.rows).catch((error: unknown) => {
      cancelled = error;
      void run.stop();
    });
  }, CANCEL_CHECK_MS);

  try {
    const result = await run.result;
    if (!result.validation.valid) {
      await failWithMessages(job, log, result.validation.messages);
      return { ok: false };
    }
    if (skipped > 0)
      await log.write(
        'WARN',
        `${skipped.toLocaleString('en-US')} row${skipped === 1 ? ' was' : 's were'} left out because the source could not give ${skipped === 1 ? 'it' : 'them'}, as asked.`,
      );
    if (problems.length > 0) {
      await log.write(
        'ERROR',
        `The script found ${problems.length.toLocaleString('en-US')}${problems.length >= errorThreshold ? '+' : ''} problem(s) in the source; nothing was loaded.`,
      );
      await failJob(job, problems.map(sourceProblemToJobError), {
        rowsRead: rows,
        stoppedAtErrorThreshold: problems.length >= errorThreshold,
      });
      return { ok: false };
    }
    return { ok: true, records: result.recordCount ?? rows, size, sha256: hash.digest('hex') };
  } catch (error) {
    if (cancelled) throw cancelled;
    if (!(error instanceof SandboxError)) throw error;
    await log.write('ERROR', `The import script failed: ${error.message}`);
    if (error.scriptStack) console.error(`[custom-imports] job ${job.id} (${scriptId}) failed:`, error.scriptStack);
    const remediation =
      error.kind === 'timeout' || error.kind === 'memory'
        ? 'Split the source into smaller parts, or ask your administrator to raise the custom import limits.'
        : 'Check the inputs and the source file, then submit again. If it keeps failing, give your administrator the job id.';
    await failJob(
      job,
      [
        jobError(
          `The import script failed: ${error.message} Nothing was loaded; the list is as it was before.`,
          remediation,
          'internal',
        ),
      ],
      { rowsRead: rows },
    );
    return { ok: false };
  } finally {
    clearInterval(watcher);
    await new Promise<void>((resolve) => out.end(resolve));
  }
}

function sourceProblemToJobError(problem: SourceProblem): JobError {
  return problemToJobError({ errorCode: PROBLEM_CODES.sourceProblem, ...problem });
}

async function failWithMessages(job: Job, log: JobLogWriter, messages: Message[]): Promise<void> {
  const errors = messages.filter((m) => m.status === 'ERROR');
  for (const m of errors) await log.write('ERROR', `${m.title}: ${m.message}`);
  await failJob(
    job,
    errors.map((m) => ({
      ...jobError(
        `${m.title}: ${m.message}`,
        'Correct the inputs of the custom import and submit it again.',
        'badRequest',
      ),
      ...(m.input && { details: [`input: ${m.input}`] }),
    })),
  );
}
