import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type postgres from 'postgres';

import {
  countStageEffect,
  createStage,
  createSuccessor,
  findDuplicateKeys,
  findExistingKeys,
  ListBusy,
  mergeStage,
  mergeSuccessorInPlace,
  openStageCopy,
  openTableCsvCopy,
  recordsInsertedInTransaction,
  replaceWithSuccessor,
  rewriteIsCheaper,
  SuccessorRefused,
  type LoadCounts,
} from '@/db/queries/list-load';
import { decodeChunks, detectEncoding, FileReadError, type TextEncodingName } from '@/lib/csv/decode';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { locateByte } from '@/lib/csv/locate-byte';
import { normalizeNewlines } from '@/lib/csv/newlines';
import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import { isBlankRecord, RecordTooLongError } from '@/lib/csv/record-stream';
import { env } from '@/lib/env';
import { isEscapedFormula, unescapeFormula } from '@/lib/export/formula-escape';
import { readAsWritten } from '@/lib/formats/column-format';
import { checkHeader } from '@/lib/lists/header';
import { compileRecordValidator, type CanonicalRecord } from '@/lib/lists/record-validator';
import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';
import { timeSlicer } from '@/lib/time-slice';

import { copyLine, keysLineWriter } from './copy-format';
import { JobCancelled } from './job-cancelled';

export type ImportRequest = {
  /** The file's bytes; a function that opens them allows a second pass (see importCsv). */
  source: AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);
  table: string;
  columns: readonly ListColumn[];
  mode: ImportMode;
  delimiter: string;
  errorThreshold: number;
  /** Take away the apostrophe Listport's exports put before formula-like values (see lib/export/formula-escape). */
  unescapeFormulas?: boolean;
  /** The file's encoding when the client gave it (else a byte-order mark's, else UTF-8). */
  encoding?: TextEncodingName;
  /** Called now and then with the number of records read; throwing from it aborts (and rolls back). */
  onProgress?: (rowsRead: number) => void | Promise<void>;
  /** Told at each step of the load, for the job's progress (see lib/jobs/progress.ts). */
  progress?: ImportProgress;
  /** Called with a plain sentence at each phase of the load, for the job's log. */
  log?: (message: string) => void;
  /** Runs inside the load's transaction after the merge, e.g. to mark the job completed atomically with the data. */
  beforeCommit?: (tx: postgres.TransactionSql, counts: LoadCounts, rowsRead: number) => Promise<void>;
};

/** What a load tells its job's progress: each step as it begins, and the database backend doing the work. */
export type ImportProgress = {
  phase: (phase: 'checking' | 'rechecking' | 'keys' | 'building' | 'merging', records?: number) => void;
  atBackend: (pid: number) => void;
};

export type ImportResult =
  | { ok: true; counts: LoadCounts; rowsRead: number }
  | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean };

/** The job log's line for a completed load, e.g. "Loaded 3 records in 0.2 s: 1 new, 2 updated, 0 unchanged, 0 removed." */
export function loadSummary(rowsRead: number, counts: LoadCounts, seconds?: string): string {
  const n = (count: number) => count.toLocaleString('en-US');
  const { inserted, updated, unchanged, deleted } = counts;
  return `Loaded ${n(rowsRead)} records${seconds === undefined ? '' : ` in ${seconds} s`}: ${n(inserted)} new, ${n(updated)} updated, ${n(unchanged)} unchanged, ${n(deleted)} removed.`;
}

class ValidationFailed extends Error {
  constructor(
    readonly problems: Problem[],
    readonly rowsRead: number,
    readonly stoppedAtThreshold: boolean,
  ) {
    super('validation failed');
  }
}

const COPY_BUFFER_CHARS = 256 * 1024;
const PROGRESS_EVERY_ROWS = 50_000;

/**
 * Rule 4 and 6 in one pass: every record is validated while valid ones stream into a temporary
 * stage by COPY; any problem means nothing is merged and the transaction rolls back. The file is
 * never held in memory: only the current chunk and COPY buffer are.
 */
export async function importCsv(sql: postgres.Sql, request: ImportRequest): Promise<ImportResult> {
  return explainFailures(request, () =>
    sql.begin(async (tx) => {
      await settleForBulkWork(tx);
      const progress = request.progress;
      if (progress) progress.atBackend(await backendPid(tx));
      progress?.phase('checking');
      // The fast path COPYs the file's own text: only when PostgreSQL reads it as the validator does.
      if (typeof request.source === 'function' && readAsWritten(request.columns)) {
        const direct = await tryDirectLoad(tx, request);
        if (direct) {
          await request.beforeCommit?.(tx, direct.counts, direct.rowsRead);
          return { ok: true as const, ...direct };
        }
        progress?.phase('rechecking');
      }
      const rowsRead = await stageAndCheck(tx, request);
      progress?.phase('merging', rowsRead);
      const counts = await mergeStage(tx, request.table, request.columns, request.mode, rowsRead);
      await request.beforeCommit?.(tx, counts, rowsRead);
      return { ok: true as const, counts, rowsRead };
    }),
  );
}

/**
 * A load may run for minutes (no statement timeout), and its joins, duplicate search and key build
 * need memory: PostgreSQL's defaults (4 MB) would spill 1M-row hash tables to disk in many batches.
 */
async function backendPid(tx: postgres.TransactionSql): Promise<number> {
  const [row] = await tx.unsafe<{ pid: number }[]>(`select pg_backend_pid() as pid`);
  return Number(row?.pid);
}

async function settleForBulkWork(tx: postgres.TransactionSql): Promise<void> {
  await tx.unsafe(`set local statement_timeout = 0`);
  await tx.unsafe(`set local work_mem = '256MB'`);
  await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
}

export type PreviewResult =
  | {
      ok: true;
      rowsRead: number;
      newRecords: number;
      updatedRecords: number;
      unchangedRecords: number;
      removedByReplace: number;
    }
  | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean };

class PreviewComputed extends Error {
  constructor(readonly result: PreviewResult) {
    super('preview computed');
  }
}

/**
 * Everything an import would check, plus what it would change (new / updated / unchanged records,
 * and what `replace` removes) — then rolled back: nothing is loaded.
 */
export async function previewCsv(
  sql: postgres.Sql,
  request: Omit<ImportRequest, 'beforeCommit'>,
): Promise<PreviewResult> {
  try {
    return await explainFailures(request, () =>
      sql.begin(async (tx) => {
        await settleForBulkWork(tx);
        const rowsRead = await stageAndCheck(tx, request);
        const effect = await countStageEffect(tx, request.table, request.columns);
        // Throwing rolls the transaction back: the stage disappears, the list was never touched.
        throw new PreviewComputed({ ok: true, rowsRead, ...effect });
      }),
    );
  } catch (error) {
    if (error instanceof PreviewComputed) return error.result;
    throw error;
  }
}

class DirectLoadAbandoned extends Error {}

/** COPY of the file's text failed (PostgreSQL refused a value): the stage path says which row. */
class CopyFailed extends Error {}

/**
 * Waits for COPY to end. postgres.js drops a COPY error that arrives after end() (its stream then
 * never finishes), so while waiting a query is tried now and then: refused while COPY is still in
 * progress, it fails ("transaction is aborted") once a failed COPY is over.
 */
async function copyFinished(tx: postgres.TransactionSql, copyDone: Promise<void>): Promise<void> {
  const done = copyDone.then(() => 'done' as const);
  for (;;) {
    const first = await Promise.race([done, new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 50))]);
    if (first === 'done') return;
    try {
      await tx.unsafe('select 1');
    } catch (error) {
      if ((error as { code?: string }).code === 'COPY_IN_PROGRESS') continue;
      throw new CopyFailed(`COPY failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await copyDone;
    return;
  }
}

/**
 * Passes chunks on while writing them to COPY (with its backpressure) as long as `when()` holds.
 * A UTF-8 file's own bytes go to COPY (UTF-8 is COPY's client encoding), sparing an encode of the
 * decoded text; other encodings send their decoded text.
 */
async function* teeInto<T extends string | Uint8Array>(
  chunks: AsyncIterable<T>,
  copy: Writable,
  when: () => boolean,
): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    if (when() && !copy.write(chunk)) await once(copy, 'drain');
    yield chunk;
  }
}

/** Notes whether the file is UTF-8 from its first bytes (a UTF-16 file starts with a byte-order mark). */
async function* noteEncoding(
  chunks: AsyncIterable<Uint8Array>,
  seen: { utf8?: boolean },
  encoding: TextEncodingName | undefined,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    seen.utf8 ??= (encoding ?? detectEncoding(chunk)) === 'utf-8';
    yield chunk;
  }
}

/**
 * The fast path, for a file that can be read twice: the file's own CSV text goes to COPY (PostgreSQL's
 * fastest path) into a successor table without indexes, created in this transaction, while every
 * record is validated beside it. The successor then replaces the list's table (records the file
 * does not name copied over, primary key built at once) or, when the file is small next to the
 * list, is merged into it (see db/queries/list-load.ts). On the first problem (a bad value, a
 * duplicate key) the savepoint is rolled back and the file is read again through the stage, which
 * reports every problem with its rows. A clean file is read once.
 */
async function tryDirectLoad(
  tx: postgres.TransactionSql,
  request: ImportRequest,
): Promise<{ counts: LoadCounts; rowsRead: number } | undefined> {
  const { table, columns, mode } = request;
  const log = request.log ?? (() => {});
  try {
    return await tx.savepoint(async (sp) => {
      let started = performance.now();
      const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      const successor = await createSuccessor(sp, table, columns);
      const rowsRead = await copyFileText(sp, request, successor);
      log(`Checked and copied ${rowsRead.toLocaleString('en-US')} records (${elapsed()}).`);
      started = performance.now();
      if (await rewriteIsCheaper(sp, table, mode)) {
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
  const { rowsRead, problems } = await stageFile(tx, request, { directInto: table, stopAtFirstProblem: true });
  if (problems.length > 0) throw new DirectLoadAbandoned();
  // A safety net under the checks on the text: COPY must have stored exactly the records read.
  const stored = await recordsInsertedInTransaction(tx, table);
  if (stored !== rowsRead) throw new CopyFailed(`COPY stored ${stored} of ${rowsRead} records`);
  return rowsRead;
}

async function stageAndCheck(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
): Promise<number> {
  await createStage(tx, request.columns);
  const { rowsRead, problems } = await stageFile(tx, request);
  request.progress?.phase('keys', rowsRead);
  // Duplicate keys are found in the stage, so they are reported next to value problems (up to the threshold).
  // (ON CONFLICT cannot be trusted to refuse them: it skips an unchanged first occurrence and lets the second update.)
  await collectKeyProblems(tx, request, problems);
  if (problems.length > 0) {
    const ordered = problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, request.errorThreshold);
    throw new ValidationFailed(ordered, rowsRead, problems.length >= request.errorThreshold);
  }
  return rowsRead;
}

async function explainFailures<T>(
  request: Omit<ImportRequest, 'beforeCommit'>,
  run: () => Promise<T>,
): Promise<T | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationFailed) {
      return {
        ok: false,
        problems: error.problems,
        rowsRead: error.rowsRead,
        stoppedAtThreshold: error.stoppedAtThreshold,
      };
    }
    if (error instanceof FileReadError || error instanceof RecordTooLongError) {
      const problem = error instanceof FileReadError ? await locateReadError(request, error) : error.problem;
      return { ok: false, problems: [problem], rowsRead: 0, stoppedAtThreshold: false };
    }
    throw error;
  }
}

/** Text that is not valid in its encoding: named by row and column, found by reading the file again up to the bad byte. */
async function locateReadError(request: Omit<ImportRequest, 'beforeCommit'>, error: FileReadError): Promise<Problem> {
  if (error.byteOffset === undefined || typeof request.source !== 'function') return error.problem;
  const { row, column, columnName } = await locateByte(request.source(), error.byteOffset, request.delimiter);
  const where = `Row ${row}, ${columnName ? `column "${columnName}"` : `column ${column}`}`;
  return {
    ...error.problem,
    row,
    ...(columnName && { column: columnName }),
    message: `${where}: ${error.problem.message.replace(/^The file is/, 'the file is')}`,
  };
}

type StageOptions = { directInto?: string; stopAtFirstProblem?: boolean };

async function stageFile(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
  options: StageOptions = {},
): Promise<{ rowsRead: number; problems: Problem[] }> {
  const { columns } = request;
  const errorThreshold = options.stopAtFirstProblem ? 1 : request.errorThreshold;
  const validator = compileRecordValidator(columns);
  const keysOf = (values: CanonicalRecord): CanonicalRecord =>
    values.map((value, i) => (columns[i]!.isKey ? value : null));
  const keyIndexes = columns.flatMap((column, i) => (column.isKey ? [i] : []));
  const keysLine = keysLineWriter(columns.length, keyIndexes);
  const keyValues: CanonicalRecord = keyIndexes.map(() => null);
  /** The stage line of a record `accepts` took (so valid) once nothing will load: only its keys are read. */
  const acceptedKeysLine = (record: readonly string[], row: number): string => {
    for (let k = 0; k < keyIndexes.length; k++) {
      const checked = validator.checkValue(keyIndexes[k]!, record[keyIndexes[k]!]!, row);
      keyValues[k] = 'value' in checked ? checked.value : null;
    }
    return keysLine(row, keyValues);
  };
  // Direct load: the text itself goes to COPY (CSV format) while it is validated here; any
  // problem rolls the savepoint back. Staged load: validated, canonical values go to COPY.
  const raw = Boolean(options.directInto);
  const copy = options.directInto
    ? await openTableCsvCopy(tx, options.directInto, columns, request.delimiter)
    : await openStageCopy(tx, columns);
  const copyDone = new Promise<void>((resolve, reject) => {
    copy.once('finish', resolve);
    copy.once('error', reject);
  });
  copyDone.catch(() => {}); // awaited below; never an unhandled rejection when the loop throws first
  const problems: Problem[] = [];
  const unescape = request.unescapeFormulas === true;
  let buffer = '';
  let rowsRead = 0;
  let headerSeen = false;
  let nextProgress = PROGRESS_EVERY_ROWS;
  // A value checked against a pattern may take milliseconds: look at the clock after each record
  // then, so that a file of hostile values cannot hold the event loop; otherwise now and then.
  const slicer = timeSlicer();
  const clockEvery = validator.hasPatterns ? 1 : 1024;

  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = copy.write(buffer);
    buffer = '';
    // events.once rejects if COPY fails meanwhile (e.g. a duplicate key), instead of waiting forever.
    if (!ok) await once(copy, 'drain');
  };

  try {
    const bytes = typeof request.source === 'function' ? request.source() : request.source;
    const seen: { utf8?: boolean } = {};
    const text = raw
      ? teeInto(
          normalizeNewlines(
            decodeChunks(
              teeInto(noteEncoding(bytes, seen, request.encoding), copy, () => seen.utf8 === true),
              request.encoding,
            ),
          ),
          copy,
          () => seen.utf8 === false,
        )
      : normalizeNewlines(decodeChunks(bytes, request.encoding));
    outer: for await (const batch of parseRecordsFast(text, { delimiter: request.delimiter })) {
      // PostgreSQL would read such a record differently from what was validated: the stage takes the file.
      if (raw && batch.lenient) throw new CopyFailed('a record is quoted loosely');
      for (const problem of batch.problems) {
        problems.push(problem);
        // The header is checked first: a file read with the wrong delimiter has a quote problem on
        // every row, and must get "the header does not match", not a false "the file is empty".
        if (problems.length >= errorThreshold && headerSeen) break outer;
      }
      for (let i = 0; i < batch.records.length; i++) {
        if (i % clockEvery === 0 && slicer.due()) await slicer.pause();
        const record = batch.records[i]!;
        const row = batch.firstRow + i;
        if (unescape) unescapeRecord(record, raw);
        if (!headerSeen) {
          headerSeen = true;
          const headerProblem = checkHeader(record, columns, request.delimiter);
          // A wrong header makes every value meaningless: one clear error, not thousands.
          if (headerProblem) throw new ValidationFailed([headerProblem], 0, false);
          continue;
        }
        if (isBlankRecord(record) && columns.length > 1) continue;
        rowsRead++;
        if (raw) {
          // Before PostgreSQL 18, a line "\." ends COPY's data even in CSV: the stage must take this file.
          if (record.length <= 2 && record.join(request.delimiter) === '\\.')
            throw new CopyFailed('a line \\. would end COPY early');
          // The file's text itself is COPYed: a record valid as written needs no canonical values.
          if (validator.accepts(record)) continue;
        } else if (problems.length > 0 && validator.accepts(record)) {
          // Nothing will load: a record valid as written (so without problems) stages its keys only,
          // for the duplicate search, without building every value (measured: the staged pass of a
          // failing 1M-row file took about twice the time of a clean file's check).
          buffer += acceptedKeysLine(record, row);
          if (buffer.length >= COPY_BUFFER_CHARS) await flush();
          continue;
        }
        const values = validator.validate(record, row, problems);
        if (problems.length >= errorThreshold) break outer;
        // Valid records are staged even after a problem, so duplicate keys are reported too; as
        // nothing will be merged then, only their keys are (less for COPY to parse and store).
        if (values && !raw) {
          buffer += copyLine(row, problems.length === 0 ? values : keysOf(values));
          if (buffer.length >= COPY_BUFFER_CHARS) await flush();
        }
      }
      if (rowsRead >= nextProgress) {
        nextProgress = rowsRead + PROGRESS_EVERY_ROWS;
        await request.onProgress?.(rowsRead);
      }
    }
    await flush();
  } catch (error) {
    // A COPY in progress blocks every other statement, the rollback included: fail it (CopyFail)
    // so that PostgreSQL ends it now.
    copy.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  copy.end();
  await copyFinished(tx, copyDone);
  await request.onProgress?.(rowsRead);
  if (!headerSeen) {
    throw new ValidationFailed(
      [
        {
          errorCode: PROBLEM_CODES.emptyFile,
          message: 'The file is empty: it has no header row and no records.',
          remediation: "Choose the right file; the first row must name the list's columns.",
        },
      ],
      0,
      false,
    );
  }
  if (problems.length >= errorThreshold) throw new ValidationFailed(problems.slice(0, errorThreshold), rowsRead, true);
  return { rowsRead, problems };
}

/**
 * Takes the exports' neutralising apostrophe away, in place. COPY would store the file's text with
 * it: a record that has one sends the file through the stage, which writes the values read here.
 */
function unescapeRecord(record: string[], raw: boolean): void {
  for (let i = 0; i < record.length; i++) {
    const value = record[i]!;
    if (value.charCodeAt(0) !== 39 || !isEscapedFormula(value)) continue;
    if (raw) throw new CopyFailed('a value carries an export’s formula apostrophe');
    record[i] = unescapeFormula(value);
  }
}

async function collectKeyProblems(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
  problems: Problem[],
): Promise<void> {
  const keyNames = request.columns
    .filter((c) => c.isKey)
    .map((c) => c.name)
    .join(' + ');
  for (const duplicate of await findDuplicateKeys(tx, request.columns, request.errorThreshold)) {
    const rows = duplicate.rows.map(Number);
    const more = Number(duplicate.occurrences) - rows.length;
    problems.push({
      errorCode: PROBLEM_CODES.duplicateKey,
      row: rows[1],
      column: keyNames,
      value: duplicate.key,
      message: `The key ${keyNames} = "${duplicate.key}" appears more than once in the file (rows ${rows.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}).`,
      remediation: 'Keep one row per key: remove or merge the duplicates, then import again.',
    });
  }
  if (request.mode !== 'append' || problems.length >= request.errorThreshold) return;
  for (const existing of await findExistingKeys(
    tx,
    request.table,
    request.columns,
    request.errorThreshold - problems.length,
  )) {
    problems.push({
      errorCode: PROBLEM_CODES.keyExists,
      row: Number(existing.row_no),
      column: keyNames,
      value: existing.key,
      message: `Row ${existing.row_no}: the key ${keyNames} = "${existing.key}" is already in the list, and mode "append" only adds new records.`,
      remediation: 'Use mode "upsert" to update existing records, or remove this row.',
    });
  }
}
