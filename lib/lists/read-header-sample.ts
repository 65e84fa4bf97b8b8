import Papa from 'papaparse';

import { detectEncoding } from '@/lib/csv/decode';
import { detectDelimiter } from '@/lib/csv/detect-delimiter';

/**
 * Reads the header and first rows of a file's beginning (in the browser, for "create list from
 * this CSV"): the encoding from its byte-order mark, else UTF-8, else Windows-1252.
 */
export function readHeaderSample(
  bytes: Uint8Array,
  maxRows = 50,
): { header: string[]; rows: string[][]; delimiter: string } {
  const bom = detectEncoding(bytes);
  let text: string;
  try {
    text = new TextDecoder(bom, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter,
    preview: maxRows + 1,
    skipEmptyLines: true,
  });
  const [header = [], ...rows] = parsed.data;
  // A cut-off sample may end inside a row: drop a last row that is shorter than the header.
  if (rows.length > 0 && rows[rows.length - 1]!.length < header.length) rows.pop();
  return { header: header.map((h) => h.trim()), rows, delimiter };
}
