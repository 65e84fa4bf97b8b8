import type { JobError } from '@/db/schema';
import { decodeChunks } from '@/lib/csv/decode';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { normalizeNewlines } from '@/lib/csv/newlines';
import { csvRow, neutralizeFormula } from '@/lib/export/csv-writer';

export const ERROR_COLUMN = 'Import errors';

/**
 * The original file with one more column naming each row's problems, so a user can fix the rows in
 * a spreadsheet and import again (the wizard ignores the extra column). Problems without a row
 * (e.g. the header) go on the header line.
 */
export async function* errorReportCsv(
  source: AsyncIterable<Uint8Array>,
  delimiter: string,
  errors: readonly JobError[],
): AsyncGenerator<string> {
  const byRow = new Map<number, string[]>();
  for (const error of errors) {
    const row = error.row ?? 1;
    byRow.set(row, [...(byRow.get(row) ?? []), `${error.message} ${error.remediation}`]);
  }
  const text = normalizeNewlines(decodeChunks(source));
  for await (const batch of parseRecordsFast(text, { delimiter })) {
    let out = '';
    batch.records.forEach((record, i) => {
      const row = batch.firstRow + i;
      const messages = byRow.get(row);
      const label =
        row === 1 ? [ERROR_COLUMN + (messages ? `: ${messages.join(' | ')}` : '')] : [messages?.join(' | ') ?? ''];
      out += csvRow([...record.map(neutralizeFormula), ...label]);
    });
    yield out;
  }
}
