/**
 * How a file writes a column's values, when not in the canonical form Listport stores (YYYY-MM-DD
 * dates, 1234.56 numbers, true/false, ISO 8601 datetimes). A leaf module: the browser worker, the
 * server, the API schema and the UI all read these definitions.
 */

/** Date orders a file may use. D and M may have one or two digits; YY years follow Excel's rule (00–29 → 2000s). */
export const DATE_PATTERNS = [
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'YYYY/MM/DD',
  'YYYYMMDD',
  'DD/MM/YY',
  'MM/DD/YY',
  'excel-serial',
] as const;
export type DatePattern = (typeof DATE_PATTERNS)[number];

/** A date column's format; `YYYY-MM-DD` is what a column without a format reads. */
export type DateFormat = { pattern: DatePattern };

export const DECIMAL_SEPARATORS = ['.', ','] as const;
/** "space" stands for any space a spreadsheet writes between digit groups (normal, no-break, narrow no-break). */
export const THOUSANDS_SEPARATORS = [',', '.', 'space', "'"] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];
export type ThousandsSeparator = (typeof THOUSANDS_SEPARATORS)[number];

/** An integer or number column's format: 1.234,56 is `{decimalSeparator: ',', thousandsSeparator: '.'}`. */
export type NumberFormat = { decimalSeparator?: DecimalSeparator; thousandsSeparator?: ThousandsSeparator };

/**
 * Datetime layouts: a date order followed by a time (H:MM, HH:MM:SS, optionally fractions and AM/PM),
 * digits only (YYYYMMDDHHMM, seconds optional: 202412311405, 20241231140500), Excel serial days
 * with a fraction, or seconds since 1970 (Unix time).
 */
export const DATETIME_PATTERNS = [
  'YYYY-MM-DD HH:MM:SS',
  'DD/MM/YYYY HH:MM:SS',
  'MM/DD/YYYY HH:MM:SS',
  'DD.MM.YYYY HH:MM:SS',
  'DD-MM-YYYY HH:MM:SS',
  'MM-DD-YYYY HH:MM:SS',
  'YYYY/MM/DD HH:MM:SS',
  'YYYYMMDDHHMM',
  'excel-serial',
  'unix-seconds',
] as const;
export type DatetimePattern = (typeof DATETIME_PATTERNS)[number];

/**
 * A datetime column's format: its layout and the zone a value without one is in (an IANA name such
 * as Europe/Paris, or UTC). Values that carry a zone (Z, +02:00) keep it.
 */
export type DatetimeFormat = { pattern?: DatetimePattern; timeZone?: string };

/** A boolean column's words, compared without case and surrounding spaces; true/false are always accepted. */
export type BooleanFormat = { trueWords: string[]; falseWords: string[] };

export type ColumnFormat = DateFormat | NumberFormat | DatetimeFormat | BooleanFormat;
