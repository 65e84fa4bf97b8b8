import { z } from 'zod';

import {
  DATE_PATTERNS,
  DATETIME_PATTERNS,
  DECIMAL_SEPARATORS,
  THOUSANDS_SEPARATORS,
  type ColumnFormat,
  type DatePattern,
  type DatetimePattern,
} from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { normalizeWord } from './booleans';
import { isTimeZone } from './time-zones';

/**
 * `columns[].format` as the API takes it: one object whose fields depend on the column's data type,
 * checked against it by formatProblems (called from the column schema).
 */
export const columnFormatSchema = z
  .object({
    pattern: z.string().max(40).optional(),
    decimalSeparator: z.enum(DECIMAL_SEPARATORS, { message: 'decimalSeparator must be "." or ",".' }).optional(),
    thousandsSeparator: z
      .enum(THOUSANDS_SEPARATORS, { message: `thousandsSeparator must be one of ${THOUSANDS_SEPARATORS.join(' ')}.` })
      .optional(),
    timeZone: z.string().max(100).optional(),
    trueWords: z.array(z.string().max(100)).max(50).optional(),
    falseWords: z.array(z.string().max(100)).max(50).optional(),
  })
  .strict();
export type ColumnFormatInput = z.infer<typeof columnFormatSchema>;

const FIELDS_BY_TYPE: Record<DataType, readonly (keyof ColumnFormatInput)[]> = {
  string: [],
  integer: ['decimalSeparator', 'thousandsSeparator'],
  number: ['decimalSeparator', 'thousandsSeparator'],
  boolean: ['trueWords', 'falseWords'],
  date: ['pattern'],
  datetime: ['pattern', 'timeZone'],
};

/** What is wrong with a column's format for its data type, in plain words (empty: nothing). */
export function formatProblems(dataType: DataType, format: ColumnFormatInput): string[] {
  if (dataType === 'string') return ['Text columns keep their values exactly as written: they take no format.'];
  const allowed = FIELDS_BY_TYPE[dataType];
  const problems = Object.keys(format)
    .filter((key) => format[key as keyof ColumnFormatInput] !== undefined && !allowed.includes(key as never))
    .map(
      (key) =>
        `${dataType === 'integer' ? 'An' : 'A'} ${dataType} column's format has no "${key}"; it takes ${allowed.join(' and ')}.`,
    );
  if (dataType === 'date') {
    if (!DATE_PATTERNS.includes(format.pattern as DatePattern))
      problems.push(`A date column's format needs a pattern: one of ${DATE_PATTERNS.join(', ')}.`);
  }
  if (dataType === 'datetime') {
    if (format.pattern !== undefined && !DATETIME_PATTERNS.includes(format.pattern as DatetimePattern))
      problems.push(`pattern must be one of ${DATETIME_PATTERNS.join(', ')}.`);
    if (format.timeZone !== undefined && !isTimeZone(format.timeZone))
      problems.push(`"${format.timeZone}" is not a time zone: use a name like Europe/Paris, America/New_York or UTC.`);
  }
  if (dataType === 'integer' || dataType === 'number') {
    const decimal = format.decimalSeparator ?? '.';
    if (format.thousandsSeparator === decimal)
      problems.push(
        `The thousands separator cannot also be the decimal separator ("${decimal}")${format.decimalSeparator === undefined ? ': set decimalSeparator to ","' : ''}.`,
      );
  }
  if (dataType === 'boolean') {
    const yes = (format.trueWords ?? []).map(normalizeWord);
    const no = (format.falseWords ?? []).map(normalizeWord);
    if (format.trueWords === undefined || format.falseWords === undefined)
      problems.push(
        'A yes/no column’s format needs trueWords and falseWords, e.g. {"trueWords":["ja"],"falseWords":["nein"]}.',
      );
    const noWords = new Set(['false', ...no]);
    const clash = ['true', ...yes].find((word) => noWords.has(word));
    if (clash !== undefined) problems.push(`"${clash || '(empty)'}" cannot mean both yes and no.`);
  }
  return problems;
}

/** A valid format in one fixed shape (field order, defaults left out), so stored and sent formats compare equal. */
export function normalizeFormat(dataType: DataType, format: ColumnFormatInput): ColumnFormat {
  switch (dataType) {
    case 'date':
      return { pattern: format.pattern as DatePattern };
    case 'integer':
    case 'number':
      return {
        ...(format.decimalSeparator !== undefined && { decimalSeparator: format.decimalSeparator }),
        ...(format.thousandsSeparator !== undefined && { thousandsSeparator: format.thousandsSeparator }),
      };
    case 'boolean':
      return { trueWords: format.trueWords ?? [], falseWords: format.falseWords ?? [] };
    case 'datetime':
      return {
        ...(format.pattern !== undefined && { pattern: format.pattern as DatetimePattern }),
        ...(format.timeZone !== undefined && { timeZone: format.timeZone }),
      };
    default:
      return {};
  }
}
