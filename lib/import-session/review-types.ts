import type { ColumnFormat } from '@/lib/shared/column-formats';

import type { CurrencyOffer } from './currency-fix';
import type { FormatChoice } from './problem-words';

/** A cell's problem; column -1 is the whole row (wrong number of values). `code` is a PROBLEM_CODES value. */
export type CellProblem = {
  column: number;
  code: number;
  message: string;
  remediation: string;
  /** A whole-row problem in a few words, with its row ("Row 2: 1 value more than the header: “x”"), for the problems panel. */
  rowSummary?: string;
};

export type ReviewRow = {
  index: number;
  fileRow: number;
  values: string[];
  problems: CellProblem[];
  duplicateOf: number[] | null;
};

export type ReviewStats = {
  rowCount: number;
  errorRowCount: number;
  cellErrorCount: number;
  errorsByColumn: number[];
  duplicateKeyRows: number;
};

/** The cells (or rows) of one column sharing one kind of problem. */
export type ProblemGroup = {
  /** `${column}:${code}`: names the group in requests. */
  id: string;
  column: number;
  code: number;
  /** Cells with the problem (rows, for row problems: wrong width, duplicate keys). */
  count: number;
  rows: number;
  /** The most frequent values involved, with how often each occurs. */
  topValues: { value: string; count: number }[];
  title: string;
  explanation: string;
  /** Whether an empty value is valid in the column (then "set all to empty" is offered). */
  emptyAllowed: boolean;
  /** Formats that would read some of the values, the best first (type problems only). */
  formats: FormatChoice[];
  /** "Remove the currency sign" ($1,234.50 in a number column), when it fixes some of the values. */
  currency?: CurrencyOffer;
};

/** One action on every cell (or row) of a problem group; `format` reads the values in a format into canonical ones. */
export type GroupFix =
  | { group: string; action: 'empty' }
  | { group: string; action: 'replace'; value: string }
  | { group: string; action: 'delete' }
  | { group: string; action: 'format'; format: ColumnFormat }
  /** Removes currency signs and codes; what is left is read as the file writes the column, or in `format`. */
  | { group: string; action: 'currency'; format?: ColumnFormat };

/** A fix that would give rows one key: the key (its columns' values) and how many rows would hold it. */
export type KeyClash = { key: string; rows: number };

/**
 * Which rows the grid shows: all, those with any problem, those with a problem in one column, or
 * the rows of one problem group (its id, `${column}:${code}`).
 */
export type RowFilter = boolean | { column: number } | { group: string };

/** A row's key as PostgreSQL compares it: text, or a number for a single whole-number key column. */
export type RowKey = string | number;

/** A cell that shows an Excel error (#N/A…) in the sheet, and which cell of the sheet it is. */
export type ExcelError = { value: string; cell: string };
