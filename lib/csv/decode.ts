import { PROBLEM_CODES, type Problem } from './problem';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export class FileReadError extends Error {
  constructor(
    readonly problem: Problem,
    /** For text that is not valid in its encoding: where the first bad byte is (see locateByte). */
    readonly byteOffset?: number,
  ) {
    super(problem.message);
  }
}

/** Looks at the first bytes of a file to pick its encoding from a byte-order mark (UTF-8 when there is none). */
export function detectEncoding(head: Uint8Array): TextEncodingName {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * A NUL byte never occurs in a text file in UTF-8 or a single-byte encoding; seeing one means the
 * file is binary (a spreadsheet, an image…) or UTF-16 without a byte-order mark.
 */
export function assertNotBinary(head: Uint8Array, encoding: TextEncodingName): void {
  if (encoding.startsWith('utf-16')) return;
  const sample = head.subarray(0, 8192);
  if (!sample.includes(0)) return;
  const looksUtf16 = sample.length >= 4 && (sample[1] === 0 || sample[0] === 0) && (sample[3] === 0 || sample[2] === 0);
  throw new FileReadError({
    errorCode: PROBLEM_CODES.binaryFile,
    message: looksUtf16
      ? 'The file looks like UTF-16 text without a byte-order mark, which cannot be read reliably.'
      : 'The file is not a text file: it contains binary data (for example an Excel workbook saved with a .csv name).',
    remediation: looksUtf16
      ? 'Save the file as "CSV UTF-8" in your spreadsheet program, then import it again.'
      : 'Open the file in your spreadsheet program, choose "Save as" → "CSV UTF-8 (comma delimited)", then import that file.',
  });
}

/**
 * Decodes a stream of byte chunks into text, strictly: invalid bytes stop the read with a message
 * that says where, instead of loading mojibake. `resumedAt` is where in the file the chunks start,
 * when a reader that went through the file's first bytes itself hands the rest over (see
 * lib/jobs/load/utf8-records.ts): positions in messages count from the file's start, and the
 * first bytes are not taken for a file's beginning (its byte-order mark, its binary signature).
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  forcedEncoding?: TextEncodingName,
  resumedAt = 0,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let encoding: TextEncodingName = 'utf-8';
  let offset = resumedAt;
  for await (const chunk of chunks) {
    if (!decoder) {
      encoding = forcedEncoding ?? detectEncoding(chunk);
      if (resumedAt === 0) assertNotBinary(chunk, encoding);
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: resumedAt > 0 });
    }
    yield decodeOrExplain(decoder, chunk, encoding, offset, true);
    offset += chunk.byteLength;
  }
  if (decoder) yield decodeOrExplain(decoder, new Uint8Array(0), encoding, offset, false);
}

function decodeOrExplain(
  decoder: TextDecoder,
  chunk: Uint8Array,
  encoding: TextEncodingName,
  offset: number,
  stream: boolean,
): string {
  try {
    const text = decoder.decode(chunk, { stream });
    if (text.includes('\u0000')) {
      throw new FileReadError({
        errorCode: PROBLEM_CODES.binaryFile,
        message: 'The file contains NUL characters, which do not belong in a CSV file.',
        remediation: 'Check that this is the right file; export it again from its source as CSV UTF-8.',
      });
    }
    return text;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    const position = offset + firstInvalidByte(chunk, encoding);
    throw new FileReadError(
      {
        errorCode: PROBLEM_CODES.notUtf8,
        message: `The file is not valid ${encoding.toUpperCase()} text (an invalid byte sequence near byte ${position.toLocaleString('en-US')}). It was probably saved in another encoding such as Windows-1252.`,
        remediation:
          'Send the encoding with the import (encoding=windows-1252, iso-8859-1, utf-16le…), save the file as "CSV UTF-8" in your spreadsheet program, or import it in the browser, which lets you pick the encoding.',
      },
      position,
    );
  }
}

/** Binary search for the first byte a strict decoder rejects (a character cut at the end is not rejected in stream mode). */
function firstInvalidByte(chunk: Uint8Array, encoding: TextEncodingName): number {
  let low = 0;
  let high = chunk.byteLength;
  while (low < high) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(chunk.subarray(0, middle + 1), { stream: true });
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}
