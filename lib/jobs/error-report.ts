import type { JobError } from '@/db/schema';
import { decodeChunks, type TextEncodingName } from '@/lib/csv/decode';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { normalizeNewlines } from '@/lib/csv/newlines';
import { csvRow } from '@/lib/export/csv-writer';
import { escapeFormula, unescapeFormula } from '@/lib/export/formula-escape';
import { compileValueReader } from '@/lib/formats/column-format';
import { NUMERIC_TYPES } from '@/lib/lists/columns';
import { type ListColumn } from '@/lib/shared/list-column';

export const ERROR_COLUMN = 'Import errors';

export type ErrorReportOptions = {
  delimiter: string;
  errors: readonly JobError[];
  /** The list's columns: the file's columns are matched to them by the header's names. */
  columns: readonly ListColumn[];
  /** Whether the import took the exports' formula apostrophes away (the report writes values as the import read them). */
  unescapeFormulas: boolean;
  /** The file's encoding as the import was told it. */
  encoding?: TextEncodingName;
};

/**
 * The original file with one more column naming each row's problems, so a user can fix the rows in
 * a spreadsheet and import again (the wizard ignores the extra column). Problems without a row
 * (e.g. the header) go on the header line. Values are neutralised like an export's — a number in a
 * number column is left as it is — so the report loads back exactly as the file would have.
 */
export async function* errorReportCsv(
  source: AsyncIterable<Uint8Array>,
  options: ErrorReportOptions,
): AsyncGenerator<string> {
  const byRow = new Map<number, string[]>();
  for (const error of options.errors) {
    const row = error.row ?? 1;
    byRow.set(row, [...(byRow.get(row) ?? []), `${error.message} ${error.remediation}`]);
  }
  const read = (value: string) => (options.unescapeFormulas ? unescapeFormula(value) : value);
  let cells: ((value: string) => string)[] = [];
  const text = normalizeNewlines(decodeChunks(source, options.encoding));
  for await (const batch of parseRecordsFast(text, { delimiter: options.delimiter })) {
    let out = '';
    batch.records.forEach((record, i) => {
      const row = batch.firstRow + i;
      if (row === 1)
        cells = record.map((name) => reportCell(options.columns.find((c) => c.name === read(name).trim())));
      const messages = byRow.get(row);
      const label =
        row === 1 ? ERROR_COLUMN + (messages ? `: ${messages.join(' | ')}` : '') : (messages?.join(' | ') ?? '');
      out += csvRow([...record.map((value, j) => (cells[j] ?? escapeFormula)(read(value))), escapeFormula(label)]);
    });
    yield out;
  }
}

/** How the report writes a value of a file column: numbers of a number column as they are, everything else neutralised. */
function reportCell(column: ListColumn | undefined): (value: string) => string {
  if (!column || !NUMERIC_TYPES.has(column.dataType)) return escapeFormula;
  const reader = compileValueReader(column.dataType, column.format);
  return (value) => (reader(value).ok ? value : escapeFormula(value));
}
