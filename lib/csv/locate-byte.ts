import { parseRecordsFast } from './fast-records';
import { normalizeNewlines } from './newlines';

export type ByteLocation = { row: number; column: number; columnName?: string };

/**
 * The row and column (as a spreadsheet numbers them: the header is row 1, columns from 1) where a
 * byte of a file falls: the file's bytes before it are read again and parsed. Used only to explain
 * a failure (a byte that is not valid text), so the hot path never pays for it.
 */
export async function locateByte(
  chunks: AsyncIterable<Uint8Array>,
  offset: number,
  delimiter: string,
): Promise<ByteLocation> {
  const decoder = new TextDecoder('utf-8');
  async function* prefix(): AsyncGenerator<string> {
    let read = 0;
    for await (const chunk of chunks) {
      const wanted = Math.min(chunk.byteLength, offset - read);
      if (wanted > 0) yield decoder.decode(chunk.subarray(0, wanted), { stream: true });
      read += chunk.byteLength;
      if (read >= offset) break;
    }
    yield decoder.decode();
  }
  let header: string[] | undefined;
  let last: string[] = [''];
  let row = 1;
  for await (const batch of parseRecordsFast(normalizeNewlines(prefix()), { delimiter })) {
    batch.records.forEach((record, i) => {
      header ??= record;
      last = record;
      row = batch.firstRow + i;
    });
  }
  const column = Math.max(1, last.length);
  const columnName = header && row > 1 ? header[column - 1]?.trim() : undefined;
  return { row, column, ...(columnName && { columnName }) };
}
