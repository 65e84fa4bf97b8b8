import { createReadStream } from 'node:fs';

import { decodeChunks, FileReadError } from '@/lib/csv/decode';
import { normalizeNewlines } from '@/lib/csv/newlines';

/**
 * A text file as a stream of decoded chunks with LF line ends — the same strict decoding as CSV
 * imports (UTF-8 or a byte-order-marked UTF-16; invalid bytes are reported, never guessed).
 */
export function readText(path: string): AsyncGenerator<string> {
  return normalizeNewlines(decodeChunks(createReadStream(path, { highWaterMark: 256 * 1024 })));
}

/** The first characters of a text file (for format detection), or the reason it cannot be read. */
export async function readHead(path: string, chars = 4096): Promise<{ text: string } | { error: string }> {
  let text = '';
  try {
    for await (const chunk of readText(path)) {
      text += chunk;
      if (text.length >= chars) break;
    }
  } catch (error) {
    return {
      error: error instanceof FileReadError ? `${error.problem.message} ${error.problem.remediation}` : String(error),
    };
  }
  return { text: text.slice(0, chars) };
}

export { FileReadError };
