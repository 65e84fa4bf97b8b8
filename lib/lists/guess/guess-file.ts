import { decodeChunks, detectEncoding, FileReadError, type TextEncodingName } from '@/lib/csv/decode';
import { detectDelimiter } from '@/lib/csv/detect-delimiter';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { normalizeNewlines } from '@/lib/csv/newlines';
import { PROBLEM_CODES } from '@/lib/csv/problem';
import { isEmptyRecord } from '@/lib/csv/record-stream';
import { MAX_COLUMNS } from '@/lib/lists/columns';

import { buildGuess, createListGuesser, createPairChecker, type ListGuess } from './guess-list';

export type GuessFileOptions = {
  /** A delimiter, or undefined / 'auto' to detect it as the browser does. */
  delimiter?: string;
  /** An encoding, or undefined to take a byte-order mark, else UTF-8, else Windows-1252. */
  encoding?: TextEncodingName;
};

export type FileGuess = ListGuess & { delimiter: string; encoding: TextEncodingName };

const SAMPLE_CHARS = 64 * 1024;

/**
 * Guesses a list from a whole file, streamed (read again when a column's reading failed late, for
 * the formats it skipped, and when no single column is a key, to check pairs). `open` gives the file's bytes from the start each time it is called.
 */
export async function guessFile(
  open: () => AsyncIterable<Uint8Array>,
  options: GuessFileOptions = {},
): Promise<FileGuess> {
  if (options.encoding) return guessWithEncoding(open, options.encoding, options.delimiter);
  const bom = await bomEncoding(open);
  try {
    return await guessWithEncoding(open, bom, options.delimiter);
  } catch (error) {
    // Not UTF-8: most likely what a spreadsheet saves on Windows.
    if (bom === 'utf-8' && error instanceof FileReadError && error.problem.errorCode === PROBLEM_CODES.notUtf8)
      return guessWithEncoding(open, 'windows-1252', options.delimiter);
    throw error;
  }
}

async function guessWithEncoding(
  open: () => AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  requestedDelimiter: string | undefined,
): Promise<FileGuess> {
  const delimiter =
    requestedDelimiter && requestedDelimiter !== 'auto' ? requestedDelimiter : await delimiterOf(open, encoding);
  const records = (each: (record: string[]) => void) => readRecords(open, encoding, delimiter, each);

  let guesser: ReturnType<typeof createListGuesser> | undefined;
  await records((record) => {
    if (guesser) guesser.add(record);
    else guesser = createListGuesser(headerOfAList(record));
  });
  if (!guesser) {
    throw new FileReadError({
      errorCode: PROBLEM_CODES.emptyFile,
      message: 'The file is empty: it has no header row to take column names from.',
      remediation: 'Choose a CSV file whose first row names its columns.',
    });
  }
  if (guesser.behind()) {
    let header = true;
    await records((record) => {
      if (header) header = false;
      else guesser!.replay(record);
    });
  }
  const first = guesser.result();
  if (first.pairs.length === 0) return { ...first.guess, delimiter, encoding };
  const pairs = createPairChecker(first.pairs);
  let header = true;
  await records((record) => {
    if (header) header = false;
    else pairs.add(record);
  });
  const unique = pairs.unique();
  const guess = guesser.withFileNotes(
    buildGuess(
      guesser.names,
      guesser.guesses(),
      unique.length > 0 ? unique : first.measures,
      guesser.rowsRead(),
      pairs.partial(),
      guesser.unnamedAndEmpty(),
    ),
  );
  return { ...guess, delimiter, encoding };
}

/**
 * A header a list can take: at most MAX_COLUMNS names. Each column's profile tries every format,
 * so a wide header is refused before any is made (10,000 columns of a 100 KB file held the
 * server's event loop for 8 s; 300,000 ended the process).
 */
function headerOfAList(names: string[]): string[] {
  if (names.length <= MAX_COLUMNS) return names;
  throw new FileReadError({
    errorCode: PROBLEM_CODES.tooManyColumns,
    message: `The file has ${names.length.toLocaleString('en-US')} columns; a list can have at most ${MAX_COLUMNS}.`,
    remediation: `Check the delimiter, or remove the columns you do not need so that at most ${MAX_COLUMNS} remain, and send the file again.`,
  });
}

async function readRecords(
  open: () => AsyncIterable<Uint8Array>,
  encoding: TextEncodingName,
  delimiter: string,
  each: (record: string[]) => void,
): Promise<void> {
  let width = 0;
  for await (const batch of parseRecordsFast(normalizeNewlines(decodeChunks(open(), encoding)), { delimiter })) {
    for (const record of batch.records) {
      if (width === 0) width = record.length;
      // A blank line or a line of delimiters only is not a record, as in an import.
      else if (isEmptyRecord(record) && width > 1) continue;
      each(record);
    }
  }
}

/** The encoding a byte-order mark names (UTF-8 without one). */
async function bomEncoding(open: () => AsyncIterable<Uint8Array>): Promise<TextEncodingName> {
  for await (const chunk of open()) return detectEncoding(chunk);
  return 'utf-8';
}

async function delimiterOf(open: () => AsyncIterable<Uint8Array>, encoding: TextEncodingName): Promise<string> {
  let sample = '';
  for await (const text of normalizeNewlines(decodeChunks(open(), encoding))) {
    sample += text;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  return detectDelimiter(sample);
}
