import { PROBLEM_CODES, shortenValue } from '@/lib/csv/problem';
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
export function raggedProblem(record: readonly string[], headerWidth: number): CellProblem {
  const found = record.length;
  if (found < headerWidth) {
    return {
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
    column: -1,
    code: PROBLEM_CODES.raggedRow,
    message: `This row has ${found} values, but the header has ${headerWidth} columns: ${extra.length === 1 ? 'the value' : 'the values'} ${shown}${more} past the last column ${extra.length === 1 ? 'is' : 'are'} not shown, and values may be in the wrong columns.`,
    remediation:
      'Check this row for an extra delimiter, then correct its values (editing the row drops the values past the last column) or delete the row.',
  };
}

const MAX_EXTRA_SHOWN = 3;

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
