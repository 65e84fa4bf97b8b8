import { Buffer, isUtf8 } from 'node:buffer';

import { parseText } from '@/lib/csv/fast-records';
import { MAX_FIELD_CHARS, type RecordBatch } from '@/lib/csv/record-stream';
import type { AsWrittenRule } from '@/lib/lists/record-validator';

/**
 * Rows `firstRow` … `firstRow + accepted - 1` were read and are valid exactly as written; in the
 * `keys` way of reading, `keys` holds their key columns' values as written, row after row.
 */
export type AcceptedRows = { firstRow: number; accepted: number; keys?: string[] };

/**
 * What to do with a record valid as written: only count it (its text goes to COPY as it is), give
 * its keys (nothing will load, the stage takes keys only), or give it as text like any other.
 */
export type AcceptedRecords = 'count' | 'keys' | 'text';

/** The rest of the file from a record's start, for the text reader to take over. */
export type ResumeText = (
  rest: AsyncIterable<Uint8Array>,
  at: { byteOffset: number; row: number },
) => AsyncIterable<RecordBatch>;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const APOSTROPHE = 39;
const BACKSLASH = 92;
/**
 * A quoted record running over more bytes than this is left to the text reader, which reads huge
 * values in linear time (this reader would scan the record again with every chunk).
 */
const LONGEST_RECORD_WAITED_FOR = 1024 * 1024;

/**
 * The direct load's reader of a UTF-8 file: it judges most records on the file's bytes, where the
 * text reader (decode → line ends → parseText) spent most of a clean file's check decoding
 * every value to a string and splitting every line (measured: 3.5 s of CPU per 1M rows of the
 * bench's file against PostgreSQL's 1.5 s for COPY of the same rows, so the check set the pace).
 *
 * A line without quotes whose every field passes `rules` is only counted (AcceptedRows). Any
 * other record — the header, a blank line or one of delimiters only, a line with quotes, a value
 * that needs a closer look — is decoded and handed on as text, exactly as the text reader would have
 * read it, for the caller's checks. Where a byte could mean something the text reader reads otherwise (a lone carriage return,
 * a quote it reads leniently, a NUL byte, invalid UTF-8, a never-ending record), the text reader
 * takes the rest of the file from that record's start (`resume`), so that every message and row
 * number stays the text reader's.
 */
export async function* readUtf8Records(
  chunks: AsyncIterable<Uint8Array>,
  options: LineOptions,
  resume: ResumeText,
): AsyncGenerator<AcceptedRows | RecordBatch> {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  /** Where `pending` starts in the file. */
  let pendingAt = 0;
  let row = 1;
  const handOver = (bytes: Buffer, at: number) =>
    resume(restOf(bytes.subarray(at), iterator), { byteOffset: pendingAt + at, row });

  for (;;) {
    const next = await iterator.next();
    const atEnd = next.done === true;
    const bytes = atEnd ? pending : joinBytes(pending, next.value);
    if (pendingAt === 0 && row === 1) {
      if (!atEnd && bytes.length < 4) {
        pending = bytes; // too little to tell the encoding yet
        continue;
      }
      // A UTF-16 file (byte-order mark) is the text reader's from the start.
      if (startsUtf16(bytes)) return yield* handOver(bytes, 0);
    }
    // Whole lines only; the text reader's checks on the text, here on the bytes of those lines.
    const wholeLinesEnd = atEnd ? bytes.length : bytes.lastIndexOf(LF) + 1;
    const lines = bytes.subarray(0, wholeLinesEnd);
    if (lines.includes(0) || !isUtf8(lines)) return yield* handOver(bytes, 0);
    // The UTF-8 byte-order mark is not part of the header (the text reader's decoder drops it).
    const from = pendingAt === 0 && row === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const read = readLines(bytes, from, wholeLinesEnd, atEnd, row, options);
    if (read.batches.length > 0) yield* read.batches;
    row = read.row;
    if (read.handOver || bytes.length - read.next > MAX_FIELD_CHARS) return yield* handOver(bytes, read.next);
    if (atEnd) return;
    pending = bytes.subarray(read.next);
    pendingAt += read.next;
  }
}

type LineOptions = {
  delimiter: string;
  rules: readonly AsWrittenRule[];
  unescapeFormulas: boolean;
  /** Asked before each chunk's lines (default 'count'); `keys` needs `keyColumns`. */
  accepted?: () => AcceptedRecords;
  /** The key columns' indexes, in column order. */
  keyColumns?: readonly number[];
};

/**
 * Reads the records of bytes[from, end) (whole lines, or the file's end): counted when valid as
 * written, decoded otherwise. Stops at a record it is unsure of (`handOver`, at `next`) or one
 * that runs past `end` (`next` is its start).
 */
function readLines(bytes: Buffer, from: number, end: number, atEnd: boolean, firstRow: number, options: LineOptions) {
  const { delimiter, rules, unescapeFormulas } = options;
  const separator = delimiter.charCodeAt(0);
  const columns = rules.length;
  const accepting = options.accepted?.() ?? 'count';
  const keyColumns = accepting === 'keys' ? (options.keyColumns ?? []) : [];
  const keyBounds = new Int32Array(keyColumns.length * 2);
  const batches: (AcceptedRows | RecordBatch)[] = [];
  let accepted: AcceptedRows | undefined;
  let text: RecordBatch | undefined;
  let row = firstRow;
  const take = (record: string[]) => {
    accepted = undefined;
    if (!text) batches.push((text = { firstRow: row, records: [], problems: [] }));
    text.records.push(record);
    row++;
  };
  const count = () => {
    text = undefined;
    if (!accepted) batches.push((accepted = { firstRow: row, accepted: 0, ...(accepting === 'keys' && { keys: [] }) }));
    for (let k = 0; k < keyColumns.length; k++)
      accepted.keys!.push(bytes.toString('utf8', keyBounds[2 * k], keyBounds[2 * k + 1]));
    accepted.accepted++;
    row++;
  };
  const stop = (next: number, handOver: boolean) => ({ batches, row, next, handOver });

  let pos = from;
  while (pos < end) {
    let p = pos;
    let column = 0;
    let fieldStart = pos;
    let valid = accepting !== 'text' && row > 1 && bytes[pos] !== BACKSLASH;
    let key = 0;
    for (; p < end; p++) {
      const byte = bytes[p]!;
      if (byte === LF) break;
      if (byte === separator) {
        valid &&= column < columns && fieldPasses(rules[column]!, bytes, fieldStart, p, unescapeFormulas);
        if (keyColumns[key] === column) {
          keyBounds[2 * key] = fieldStart;
          keyBounds[2 * key++ + 1] = p;
        }
        column++;
        fieldStart = p + 1;
      } else if (byte === QUOTE || byte === CR) {
        break;
      }
    }
    const stoppedAt = bytes[p];
    if (stoppedAt === CR && bytes[p + 1] !== LF) return stop(pos, true); // a lone CR: a line end the text reader finds
    if (stoppedAt === QUOTE) {
      const record = readQuotedRecord(bytes, pos, atEnd, delimiter);
      if (record === 'incomplete' && !atEnd && bytes.length - pos <= LONGEST_RECORD_WAITED_FOR) return stop(pos, false);
      if (typeof record === 'string') return stop(pos, true);
      take(record.fields);
      pos = record.next;
      continue;
    }
    // p is at the line's LF, its CR LF, or the file's end.
    valid &&= column === columns - 1 && fieldPasses(rules[column]!, bytes, fieldStart, p, unescapeFormulas);
    // A line of delimiters only (every field empty) is not a record: the caller's to leave out.
    valid &&= columns === 1 || p - pos > column;
    if (keyColumns[key] === column) {
      keyBounds[2 * key] = fieldStart;
      keyBounds[2 * key + 1] = p;
    }
    if (valid) count();
    else take(bytes.toString('utf8', pos, p).split(delimiter));
    pos = stoppedAt === CR ? p + 2 : p + 1;
  }
  return stop(pos, false);
}

function fieldPasses(
  rule: AsWrittenRule,
  bytes: Buffer,
  start: number,
  end: number,
  unescapeFormulas: boolean,
): boolean {
  // An export's neutralising apostrophe is the text reader's to judge (and the direct load's to refuse).
  if (unescapeFormulas && bytes[start] === APOSTROPHE) return false;
  if (rule.needs === 'nothing') return true;
  if (rule.needs === 'a value') return end > start;
  // A byte outside ASCII fails the byte checks: such a value is decoded and judged as text.
  return rule.acceptsBytes(bytes, start, end);
}

/**
 * The record starting at `start` when it has quotes: its end found by following the quotes (as the
 * line-end normalizer does), then parsed by the text reader's own parseText. 'incomplete' when the
 * bytes end inside it; 'unsure' when the text reader might read it otherwise (a quote read
 * leniently, a quoting problem, a lone carriage return), for it to take over from here.
 */
function readQuotedRecord(
  bytes: Buffer,
  start: number,
  atEnd: boolean,
  delimiter: string,
): { fields: string[]; next: number } | 'incomplete' | 'unsure' {
  let inQuotes = false;
  for (let p = start; p < bytes.length; p++) {
    const byte = bytes[p]!;
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (byte === CR && bytes[p + 1] !== LF) return 'unsure';
    else if (byte === LF) return parsedRecord(bytes, start, bytes[p - 1] === CR ? p - 1 : p, p + 1, delimiter);
  }
  return atEnd && !inQuotes ? parsedRecord(bytes, start, bytes.length, bytes.length, delimiter) : 'incomplete';
}

function parsedRecord(bytes: Buffer, start: number, end: number, next: number, delimiter: string) {
  const parsed = parseText(bytes.toString('utf8', start, end), delimiter, true);
  if (parsed.records.length !== 1 || parsed.problemRows.length > 0 || parsed.lenient) return 'unsure' as const;
  return { fields: parsed.records[0]!, next };
}

function joinBytes(pending: Buffer, chunk: Uint8Array): Buffer {
  const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
}

function startsUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

async function* restOf(first: Uint8Array, iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}
