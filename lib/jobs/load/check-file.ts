import { once } from 'node:events';
import type postgres from 'postgres';

import { openStageCopy } from '@/db/queries/list-load/stage';
import { openTableCsvCopy } from '@/db/queries/list-load/successor-copy';
import { decodeChunks } from '@/lib/csv/decode';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { normalizeNewlines } from '@/lib/csv/newlines';
import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import { isEmptyRecord } from '@/lib/csv/record-stream';
import { isEscapedFormula, unescapeFormula } from '@/lib/export/formula-escape';
import { checkHeader } from '@/lib/lists/header';
import { compileAsWrittenRules, compileRecordValidator, type CanonicalRecord } from '@/lib/lists/record-validator';
import { unnamedColumns, type UnnamedColumns } from '@/lib/lists/unnamed-columns';
import { timeSlicer } from '@/lib/time-slice';

import { copyLine, keysLineWriter } from '../copy-format';
import { copyFinished, noteEncoding, teeInto } from './copy-stream';
import type { ImportRequest } from './import-request';
import { CopyFailed, ValidationFailed } from './load-failures';
import { readUtf8Records, type AcceptedRecords, type AcceptedRows } from './utf8-records';

const COPY_BUFFER_CHARS = 256 * 1024;
const PROGRESS_EVERY_ROWS = 50_000;

export type CheckOptions = {
  directInto?: string;
  stopAtFirstProblem?: boolean;
  /**
   * The direct load found the file cannot load as it is: once the first problem is found again,
   * records valid as written are read for their keys only, from their bytes (see utf8-records.ts).
   */
  rereading?: boolean;
};

/**
 * Reads the file once, validating every record while COPY takes it: the file's own text into
 * `directInto` (the direct load), or else valid records' canonical values into the stage. Returns
 * the records read and the problems found below the threshold; throws ValidationFailed at the
 * threshold, on a wrong header or an empty file, and CopyFailed when COPY cannot take the text.
 */
export async function checkFile(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
  options: CheckOptions = {},
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
  let headerWidth = columns.length;
  /** The header's cells without a name, left out of every record (see lib/lists/unnamed-columns.ts). */
  let unnamed: UnnamedColumns | undefined;
  let nextProgress = PROGRESS_EVERY_ROWS;
  // A value checked against a pattern may take milliseconds: look at the clock after each record
  // then, so that a file of hostile values cannot hold the event loop; otherwise now and then.
  const slicer = timeSlicer();
  const clockEvery = validator.hasPatterns ? 1 : 1024;

  /** Keys of records valid as written, for the duplicate search (nothing will load: see `accepted`). */
  const stageKeysAsWritten = ({ firstRow, accepted, keys }: AcceptedRows) => {
    for (let i = 0; i < accepted; i++) {
      for (let k = 0; k < keyIndexes.length; k++) keyValues[k] = keys![i * keyIndexes.length + k]!;
      buffer += keysLine(firstRow + i, keyValues);
    }
  };
  const noteProgress = async () => {
    if (rowsRead < nextProgress) return;
    nextProgress = rowsRead + PROGRESS_EVERY_ROWS;
    await request.onProgress?.(rowsRead);
  };
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
    // A UTF-8 file's own bytes go to COPY as they are read; other encodings send their decoded text.
    const fileBytes = raw
      ? teeInto(noteEncoding(bytes, seen, request.encoding), copy, () => seen.utf8 === true)
      : bytes;
    const readText = (chunks: AsyncIterable<Uint8Array>, at: { byteOffset: number; row: number }) => {
      const encoding = at.byteOffset > 0 ? 'utf-8' : request.encoding;
      const text = normalizeNewlines(decodeChunks(chunks, encoding, at.byteOffset));
      const delimiter = request.delimiter;
      return parseRecordsFast(raw ? teeInto(text, copy, () => seen.utf8 === false) : text, {
        delimiter,
        firstRow: at.row,
      });
    };
    // The direct load judges a UTF-8 file's records on their bytes where it can, and so does the
    // second reading of a file that has problems, for the keys of its valid records (see utf8-records.ts).
    const rules = (raw || options.rereading) && readsBytes(request) ? compileAsWrittenRules(columns) : undefined;
    // With unnamed columns a record is wider than the list: the byte reader (as wide as the list) must not judge it.
    const accepted = (): AcceptedRecords => (raw ? 'count' : problems.length > 0 && !unnamed ? 'keys' : 'text');
    const byteOptions = { delimiter: request.delimiter, unescapeFormulas: unescape, accepted, keyColumns: keyIndexes };
    const batches = rules
      ? readUtf8Records(fileBytes, { ...byteOptions, rules }, readText)
      : readText(fileBytes, { byteOffset: 0, row: 1 });
    outer: for await (const batch of batches) {
      if ('accepted' in batch) {
        rowsRead += batch.accepted;
        if (batch.keys) {
          stageKeysAsWritten(batch);
          if (buffer.length >= COPY_BUFFER_CHARS) await flush();
        }
        if (slicer.due()) await slicer.pause();
        await noteProgress();
        continue;
      }
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
        let record = batch.records[i]!;
        const row = batch.firstRow + i;
        if (unescape) unescapeRecord(record, raw);
        if (!headerSeen) {
          headerSeen = true;
          headerWidth = record.length;
          unnamed = unnamedColumns(record);
          const headerProblem = checkHeader(unnamed?.named ?? record, columns, request.delimiter);
          // A wrong header makes every value meaningless: one clear error, not thousands.
          if (headerProblem) throw new ValidationFailed([headerProblem], 0, false);
          // COPY would take the unnamed columns' fields too: the stage takes the records without them.
          if (raw && unnamed) throw new CopyFailed('the header has columns without a name');
          continue;
        }
        // A blank line, or a line of delimiters only, is not a record (rows keep the file's numbers).
        if (isEmptyRecord(record) && headerWidth > 1) {
          // COPY would take it as a record (or refuse a blank line): the stage takes this file.
          if (raw) throw new CopyFailed('a line has only empty values');
          continue;
        }
        rowsRead++;
        if (unnamed) {
          const taken = unnamed.take(record, row);
          if (!Array.isArray(taken)) {
            problems.push(taken);
            if (problems.length >= errorThreshold) break outer;
            continue;
          }
          record = taken;
        }
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
      await noteProgress();
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

/** Whether the file is read as UTF-8 with a delimiter of one byte: what readUtf8Records reads. */
function readsBytes(request: Pick<ImportRequest, 'encoding' | 'delimiter'>): boolean {
  return (request.encoding === undefined || request.encoding === 'utf-8') && request.delimiter.charCodeAt(0) < 0x80;
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
