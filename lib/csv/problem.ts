/**
 * A problem found in a file, phrased for a business user: what is wrong, where, and how to fix it.
 * The browser review grid and the server job report the very same objects.
 */
export type Problem = {
  /** Stable numeric code (the List Data API family uses numbers). */
  errorCode: number;
  /** 1-based record number in the file as a spreadsheet shows it: the header is row 1. */
  row?: number;
  column?: string;
  value?: string;
  message: string;
  remediation: string;
};

export const PROBLEM_CODES = {
  notUtf8: 1001,
  binaryFile: 1002,
  emptyFile: 1003,
  headerMismatch: 1010,
  duplicateHeader: 1011,
  tooManyColumns: 1012,
  raggedRow: 1020,
  malformedQuotes: 1021,
  fieldTooLong: 1022,
  valueWithoutColumn: 1023,
  requiredEmpty: 1030,
  invalidInteger: 1031,
  invalidNumber: 1032,
  invalidBoolean: 1033,
  invalidDate: 1034,
  invalidDatetime: 1035,
  tooLong: 1036,
  patternMismatch: 1037,
  notAllowed: 1038,
  duplicateKey: 1040,
  keyExists: 1041,
  sourceProblem: 1060,
} as const;

/** A value cut at `max` characters, with "…" where it was cut, for display. */
export function shortenValue(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Shortens a value for display in a message; the full value stays in `value`. */
export function quoteValue(value: string, max = 60): string {
  return `"${shortenValue(value, max)}"`;
}

/** The server's words for a record whose quotes papaparse could not read (MissingQuotes, InvalidQuotes). */
export function quoteProblem(row: number): Problem {
  return {
    errorCode: PROBLEM_CODES.malformedQuotes,
    row,
    message: `Row ${row} has a quote (") in the wrong place, so its values cannot be read reliably.`,
    remediation: 'Put quotes only around a whole value, and write a quote inside a value as two quotes ("").',
  };
}
