import { PROBLEM_CODES } from '@/lib/csv/problem';
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

export function raggedProblem(found: number, headerWidth: number): CellProblem {
  return {
    column: -1,
    code: PROBLEM_CODES.raggedRow,
    message: `This row has ${found} values, but the header has ${headerWidth} columns: values may be in the wrong columns.`,
    remediation: 'Check this row for a missing or extra delimiter, then correct its values or delete the row.',
  };
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
