import { createReadStream } from 'node:fs';

import { decodeChunks, type TextEncodingName } from '@/lib/csv/decode';
import { detectDelimiter } from '@/lib/csv/detect-delimiter';
import { normalizeNewlines } from '@/lib/csv/newlines';

const SAMPLE_CHARS = 64 * 1024;

/** The delimiter of a file on disk, detected from its first 64 KB (a comma when nothing else fits, or the text cannot be read). */
export async function detectFileDelimiter(path: string, encoding?: TextEncodingName): Promise<string> {
  let sample = '';
  try {
    for await (const text of normalizeNewlines(
      decodeChunks(createReadStream(path, { end: SAMPLE_CHARS * 4 }), encoding),
    )) {
      sample += text;
      if (sample.length >= SAMPLE_CHARS) break;
    }
  } catch {
    // An unreadable file is reported by the job with its row; detection keeps what it read.
  }
  return detectDelimiter(sample);
}
