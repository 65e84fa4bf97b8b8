import { PROBLEM_CODES, quoteProblem, shortenValue } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/shared/list-column';

import type { CellProblem, ExcelError } from './review-types';

/** The problems the review finds beyond the server's validators: what the file itself did to a cell or row. */

export function excelErrorProblem(columnName: string, column: number, error: ExcelError, fileRow: number): CellProblem {
  return {
    column,
    code: PROBLEM_CODES.sourceProblem,
    message: `Row ${fileRow}: "${columnName}" shows the Excel error ${error.value} (cell ${error.cell} of the sheet).`,
    remediation:
      'Type the right value here (or clear it), or fix the formula in Excel, save and choose the file again.',
  };
}

/**
 * A record with more or fewer values than the header. The grid shows one cell per column, so the
 * values past the header are named here: otherwise nothing on screen shows them, and an edit of
 * the row (which accepts it as corrected) would drop them unseen.
 */
export function raggedProblem(record: readonly string[], headerWidth: number, fileRow: number): CellProblem {
  const found = record.length;
  if (found < headerWidth) {
    const fewer = headerWidth - found;
    return {
      rowSummary: `Row ${fileRow}: ${fewer === 1 ? '1 value' : `${fewer} values`} fewer than the header`,
      column: -1,
      code: PROBLEM_CODES.raggedRow,
      message: `This row has ${found} values, but the header has ${headerWidth} columns: values may be in the wrong columns.`,
      remediation: 'Check this row for a missing or extra delimiter, then correct its values or delete the row.',
    };
  }
  const extra = record.slice(headerWidth);
  const shown = extra
    .slice(0, MAX_EXTRA_SHOWN)
    .map((v) => (v === '' ? '(empty)' : `“${shortenValue(v, 40)}”`))
    .join(', ');
  const more = extra.length > MAX_EXTRA_SHOWN ? ` and ${extra.length - MAX_EXTRA_SHOWN} more` : '';
  return {
    rowSummary: `Row ${fileRow}: ${extra.length === 1 ? '1 value' : `${extra.length} values`} more than the header: ${shown}${more}`,
    column: -1,
    code: PROBLEM_CODES.raggedRow,
    message: `This row has ${found} values, but the header has ${headerWidth} columns: ${extra.length === 1 ? 'the value' : 'the values'} ${shown}${more} past the last column ${extra.length === 1 ? 'is' : 'are'} not shown, and values may be in the wrong columns.`,
    remediation:
      'Check this row for an extra delimiter, then correct its values (editing the row drops the values past the last column) or delete the row.',
  };
}

const MAX_EXTRA_SHOWN = 3;

/**
 * A record whose quotes the parser could not read, in the server's words (lib/csv/record-stream). A
 * quote that is never closed reads the lines after it into one value: those lines are rows of the
 * file the review does not have, so how many, and where they start, is said too.
 */
export function misquotedProblem(record: readonly string[], headers: readonly string[], fileRow: number): CellProblem {
  const server = quoteProblem(fileRow);
  const at = record.findIndex((v) => v.includes('\n'));
  const lines =
    at < 0
      ? []
      : record[at]!.split('\n')
          .slice(1)
          .filter((line) => line.trim() !== '');
  if (lines.length === 0) {
    return {
      column: -1,
      code: PROBLEM_CODES.malformedQuotes,
      message: server.message,
      remediation: `${server.remediation} Then correct this row's values here, or delete the row.`,
    };
  }
  const where = at < headers.length ? `the value of “${headers[at]}”` : 'a value past the last column';
  const count = lines.length === 1 ? 'the next line' : `the next ${lines.length.toLocaleString('en-US')} lines`;
  return {
    column: -1,
    code: PROBLEM_CODES.malformedQuotes,
    message: `${server.message} A quote opens ${where} and is never closed, so ${count} of the file (from “${shortenValue(lines[0]!, 40)}”) ${lines.length === 1 ? 'was' : 'were'} read into that one value: ${lines.length === 1 ? 'that row is' : 'those rows are'} missing here.`,
    remediation: `${server.remediation} Correct row ${fileRow} in the file and choose it again.`,
  };
}

/**
 * The cells of a row that have a problem, left to right: those of its problems (a whole-row problem
 * at the first column) and, when another row has its key, its key columns.
 */
export function problemColumns(problems: readonly CellProblem[], sharedKeyColumns: readonly number[]): number[] {
  const found = new Set<number>(sharedKeyColumns);
  for (const p of problems) found.add(Math.max(0, p.column));
  return [...found].sort((a, b) => a - b);
}

export function duplicateKeyProblem(keyColumn: number): CellProblem {
  return {
    column: keyColumn,
    code: PROBLEM_CODES.duplicateKey,
    message: 'The same key is on another row.',
    remediation: 'Keep one row per key.',
  };
}

/** A row's problems in one sentence, for the "Problems" column of the left-out rows' download. */
export function problemText(
  columns: readonly ListColumn[],
  problems: readonly CellProblem[],
  fileRowsSharingKey: readonly number[],
): string {
  const parts = problems.map((p) => (p.column >= 0 ? `${columns[p.column]!.name}: ${p.message}` : p.message));
  if (fileRowsSharingKey.length > 0) parts.push(`The same key is on row ${fileRowsSharingKey.join(', ')}.`);
  return parts.join(' ');
}
