import { PROBLEM_CODES, quoteValue, type Problem } from '@/lib/csv/problem';
import {
  compileCanonicalByteCheck,
  compileCanonicalCheck,
  compileValueReader,
  describeFormat,
  hasEffect,
  valueForEmpty,
} from '@/lib/formats/column-format';
import type { ListColumn } from '@/lib/shared/list-column';
import { plural } from '@/lib/shared/plural';

import { compileColumnPattern } from './column-pattern';
import { TYPE_WORDS } from './value-parsers';

/** A record's values in list column order, canonical for storage; null means empty. */
export type CanonicalRecord = (string | null)[];

export type RecordValidator = {
  columns: readonly ListColumn[];
  /** Checks a value of one column; returns the canonical value or a problem. */
  checkValue(columnIndex: number, raw: string, row: number): { value: string | null } | { problem: Problem };
  /**
   * True when every value of the record is valid exactly as written: no values are built, so a
   * clean file's records cost a few regex tests. False means "call validate" (which may still accept it).
   */
  accepts(record: readonly string[]): boolean;
  /** Validates a whole record; pushes problems and returns null when there are any. */
  validate(record: readonly string[], row: number, problems: Problem[]): CanonicalRecord | null;
  /**
   * True when a column has a pattern: checking a value may then take milliseconds rather than
   * nanoseconds, so long loops over records should give other work a turn more often.
   */
  hasPatterns: boolean;
};

/**
 * Compiles a list's columns into a validator once per file, so the per-value work is a regex test
 * and a few comparisons — the hot loop of every import, in the browser and on the server.
 */
export function compileRecordValidator(columns: readonly ListColumn[]): RecordValidator {
  const checks = columns.map((column) => compileColumnCheck(column));
  const acceptors = columns.map((column) => compileColumnAcceptor(column));

  const accepts: RecordValidator['accepts'] = (record) => {
    if (record.length !== acceptors.length) return false;
    for (let i = 0; i < acceptors.length; i++) if (!acceptors[i]!(record[i]!)) return false;
    return true;
  };

  const checkValue: RecordValidator['checkValue'] = (columnIndex, raw, row) => {
    const check = checks[columnIndex];
    if (!check) throw new Error(`No column at index ${columnIndex}`);
    return check(raw, row);
  };

  const validate: RecordValidator['validate'] = (record, row, problems) => {
    if (record.length !== columns.length) {
      problems.push(raggedRowProblem(record.length, columns.length, row));
      return null;
    }
    const values: CanonicalRecord = new Array(columns.length);
    let valid = true;
    for (let i = 0; i < checks.length; i++) {
      const result = checks[i]!(record[i]!, row);
      if ('problem' in result) {
        problems.push(result.problem);
        valid = false;
      } else {
        values[i] = result.value;
      }
    }
    return valid ? values : null;
  };

  return { columns, checkValue, accepts, validate, hasPatterns: columns.some((c) => Boolean(c.pattern)) };
}

/**
 * What `accepts` needs to know of a column's value, for a reader that sees a UTF-8 file's bytes
 * (the direct load's, lib/jobs/load/utf8-records.ts): nothing, that it is not empty, or that its
 * bytes pass `acceptsBytes` — a typed value valid as written is ASCII, so the byte checks fail any
 * other byte, which means "decode the record and ask `accepts`", never "invalid".
 */
export type AsWrittenRule =
  | { needs: 'nothing' }
  | { needs: 'a value' }
  | {
      needs: 'ascii text';
      accepts: (text: string) => boolean;
      acceptsBytes: (bytes: Uint8Array, start: number, end: number) => boolean;
    };

/**
 * `accepts`, column by column, as rules on bytes; undefined when a column has rules of its own
 * (a pattern, allowed values, a length), which are judged on decoded text.
 */
export function compileAsWrittenRules(columns: readonly ListColumn[]): AsWrittenRule[] | undefined {
  const rules = columns.map(asWrittenRule);
  return rules.every((rule) => rule !== undefined) ? (rules as AsWrittenRule[]) : undefined;
}

function asWrittenRule(column: ListColumn): AsWrittenRule | undefined {
  if (column.pattern || column.allowedValues || column.maxLength !== undefined) return undefined;
  if (column.dataType === 'string') return { needs: column.required || column.isKey ? 'a value' : 'nothing' };
  return {
    needs: 'ascii text',
    accepts: compileCanonicalCheck(column.dataType, column.format),
    acceptsBytes: compileCanonicalByteCheck(column.dataType, column.format),
  };
}

/** A column's allocation-free check for values valid as written; columns with rules (pattern, allowed values, length) always ask validate. */
function compileColumnAcceptor(column: ListColumn): (raw: string) => boolean {
  const rule = asWrittenRule(column);
  if (!rule) return () => false;
  if (rule.needs === 'nothing') return () => true;
  if (rule.needs === 'a value') return (raw) => raw.length > 0;
  return rule.accepts;
}

function compileColumnCheck(column: ListColumn) {
  const parse = compileValueReader(column.dataType, column.format);
  const mustHaveValue = column.required || column.isKey;
  const emptyMeans = valueForEmpty(column.dataType, column.format);
  const expected = hasEffect(column.dataType, column.format)
    ? describeFormat(column.dataType, column.format)
    : TYPE_WORDS[column.dataType];
  // Linear-time (RE2) matching of the whole value; a pattern refused by today's rules but stored
  // before them (a back-reference, a lookaround) cannot be checked, so no value passes it.
  const pattern = column.pattern ? compileColumnPattern(column.pattern) : undefined;
  const allowed = column.allowedValues ? new Set(column.allowedValues) : undefined;
  const problem = (
    row: number,
    raw: string,
    errorCode: number,
    message: string,
    remediation: string,
  ): { problem: Problem } => ({
    problem: { errorCode, row, column: column.name, value: raw, message, remediation },
  });

  const plainText = column.dataType === 'string' && column.maxLength === undefined && !pattern && !allowed;
  return (raw: string, row: number): { value: string | null } | { problem: Problem } => {
    // Hot path: a text column without rules takes any non-empty value as it is.
    if (plainText && raw.length > 0) return { value: raw };
    const isEmpty = column.dataType === 'string' ? raw.length === 0 : raw.trim().length === 0;
    if (isEmpty) {
      if (emptyMeans !== undefined) return { value: emptyMeans };
      if (!mustHaveValue) return { value: null };
      const why = column.isKey ? 'it is a key column' : 'it is required';
      return problem(
        row,
        raw,
        PROBLEM_CODES.requiredEmpty,
        `Row ${row}: "${column.name}" is empty, but ${why}.`,
        `Enter ${TYPE_WORDS[column.dataType]} in "${column.name}" on row ${row}, or remove the row.`,
      );
    }
    const parsed = parse(raw);
    if (!parsed.ok) {
      return problem(
        row,
        raw,
        typeErrorCode(column),
        `Row ${row}: "${column.name}" ${quoteValue(raw)} ${parsed.reason}.`,
        `${parsed.hint} "${column.name}" expects ${expected}.`,
      );
    }
    const value = parsed.value;
    if (column.maxLength !== undefined && [...value].length > column.maxLength) {
      return problem(
        row,
        raw,
        PROBLEM_CODES.tooLong,
        `Row ${row}: "${column.name}" is ${[...value].length} characters long; at most ${column.maxLength} are allowed.`,
        `Shorten the value in "${column.name}" on row ${row} to ${column.maxLength} characters.`,
      );
    }
    if (pattern && !pattern.ok) {
      return problem(
        row,
        raw,
        PROBLEM_CODES.patternMismatch,
        `Row ${row}: "${column.name}" cannot be checked: the column's pattern ${pattern.reason}.`,
        `An admin of the list must change the pattern of "${column.name}". ${pattern.instead}`,
      );
    }
    if (pattern && !pattern.test(value)) {
      return problem(
        row,
        raw,
        PROBLEM_CODES.patternMismatch,
        `Row ${row}: "${column.name}" ${quoteValue(raw)} does not have the expected format.`,
        `Values in "${column.name}" must match the pattern ${column.pattern}.`,
      );
    }
    if (allowed && !allowed.has(value)) {
      const choices = [...allowed].slice(0, 10).join(', ');
      return problem(
        row,
        raw,
        PROBLEM_CODES.notAllowed,
        `Row ${row}: "${column.name}" ${quoteValue(raw)} is not one of the allowed values.`,
        `Use one of: ${choices}${allowed.size > 10 ? ', …' : ''}.`,
      );
    }
    return { value };
  };
}

function typeErrorCode(column: ListColumn): number {
  switch (column.dataType) {
    case 'integer':
      return PROBLEM_CODES.invalidInteger;
    case 'number':
      return PROBLEM_CODES.invalidNumber;
    case 'boolean':
      return PROBLEM_CODES.invalidBoolean;
    case 'date':
      return PROBLEM_CODES.invalidDate;
    default:
      return PROBLEM_CODES.invalidDatetime;
  }
}

export function raggedRowProblem(found: number, expected: number, row: number): Problem {
  return {
    errorCode: PROBLEM_CODES.raggedRow,
    row,
    message: `Row ${row} has ${plural(found, 'value')}, but the header has ${expected} columns.`,
    remediation:
      found > expected
        ? `Check row ${row} for an extra delimiter; put values that contain the delimiter in quotes.`
        : `Add the missing values to row ${row} (an empty value still needs its delimiter).`,
  };
}
