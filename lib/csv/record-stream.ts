import Papa from 'papaparse';

import { PROBLEM_CODES, quoteProblem, type Problem } from './problem';

/** A value longer than this is refused: it is almost always an unclosed quote swallowing the file. */
export const MAX_FIELD_CHARS = 16 * 1024 * 1024;

export type RecordBatch = {
  /** Row number (header = 1) of records[0]; records[i] is row firstRow + i. */
  firstRow: number;
  /** May contain blank lines as `['']`: see isBlankRecord. */
  records: string[][];
  /** Quoting problems found by the parser in this batch, with their row numbers. */
  problems: Problem[];
  /**
   * Whether a record was read leniently (spaces after a closing quote, a quote inside an unquoted
   * value): kept as written here, but read differently by PostgreSQL's CSV reader.
   */
  lenient?: boolean;
};

export type ParseOptions = {
  delimiter: string;
  /** The row number of the first record, when the text starts after rows already read (default 1: the header). */
  firstRow?: number;
};

/** Spreadsheet exports often end with blank lines; they are not records. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.length === 1 && record[0] === '';
}

/**
 * A blank line, or a line of delimiters only (`;;;;`, what a spreadsheet exports for a row it
 * counts as used): every field is empty. In a file of more than one column it is not a record (a
 * one-column file's blank line is one empty value). A field of spaces is a value: text keeps its
 * spaces as written.
 */
export function isEmptyRecord(record: readonly string[]): boolean {
  if (record.length === 0) return false;
  for (const field of record) if (field !== '') return false;
  return true;
}

type PapaResult = {
  data: string[][];
  errors: { code: string; row?: number; message: string }[];
  meta: { cursor: number };
};

/** Parses whole records of `input`; without `isLast`, an unfinished last record is left unconsumed. */
export type TextParser = (
  input: string,
  isLast: boolean,
) => { records: string[][]; consumed: number; problemRows: number[]; lenient?: boolean };

/**
 * Streams CSV records out of text chunks (LF line ends) with any TextParser: carries an unfinished
 * record over to the next chunk, numbers rows, and bounds memory by the longest record.
 */
export async function* streamRecords(
  chunks: AsyncIterable<string>,
  parse: TextParser,
  startRow = 1,
): AsyncGenerator<RecordBatch> {
  let pending = '';
  let unparsedLength = 0;
  let nextRow = startRow;

  const take = (input: string, isLast: boolean): RecordBatch => {
    const { records, consumed, problemRows, lenient } = parse(input, isLast);
    pending = input.slice(consumed);
    const firstRow = nextRow;
    nextRow += records.length;
    return { firstRow, records, problems: problemRows.map((r) => quoteProblem(firstRow + r)), lenient };
  };

  for await (const chunk of chunks) {
    pending += chunk;
    unparsedLength += chunk.length;
    // Re-parse only once the new text is at least as long as what was carried over: keeps a
    // huge multi-chunk field linear instead of quadratic.
    if (unparsedLength < pending.length / 2 && pending.length <= MAX_FIELD_CHARS) continue;
    const batch = take(pending, false);
    unparsedLength = 0;
    if (pending.length > MAX_FIELD_CHARS) throw new RecordTooLongError(nextRow);
    if (batch.records.length > 0 || batch.problems.length > 0) yield batch;
  }
  if (pending.length > 0) {
    const batch = take(pending, true);
    if (batch.records.length > 0 || batch.problems.length > 0) yield batch;
  }
}

/** CSV records with papaparse's parser — what the browser worker reads files with. */
export function parseRecords(chunks: AsyncIterable<string>, options: ParseOptions): AsyncGenerator<RecordBatch> {
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline: '\n', quoteChar: '"' });
  return streamRecords(chunks, (input, isLast) => {
    const result = parser.parse(input, 0, !isLast) as PapaResult;
    // The text after a final line break is not a record (papaparse reads it as one blank field).
    if (
      isLast &&
      input.endsWith('\n') &&
      result.data.length > 0 &&
      isBlankRecord(result.data[result.data.length - 1]!)
    ) {
      result.data.pop();
    }
    const problemRows = new Set<number>();
    for (const error of result.errors) {
      // Errors about the incomplete last row come again when that row is parsed whole;
      // papaparse may report one bad row twice (invalid and missing quotes).
      if (error.row !== undefined && error.row < result.data.length) problemRows.add(error.row);
    }
    return {
      records: result.data,
      consumed: isLast ? input.length : result.meta.cursor,
      problemRows: [...problemRows],
    };
  });
}

export class RecordTooLongError extends Error {
  readonly problem: Problem;
  constructor(row: number) {
    super(`Row ${row} is longer than ${MAX_FIELD_CHARS / 1024 / 1024} MB.`);
    this.problem = {
      errorCode: PROBLEM_CODES.fieldTooLong,
      row,
      message: `Row ${row} is longer than ${MAX_FIELD_CHARS / 1024 / 1024} million characters, more than a row may hold. Usually a value opens a quote (") that is never closed, and the rest of the file is read into it; or one value really is that long.`,
      remediation: `Look at row ${row} in a text editor: close the quote (write a quote inside a value as two quotes ""), or shorten the value.`,
    };
  }
}
