import { ACCEPTS_AS_IS, ACCEPTS_BYTES_AS_IS, VALUE_PARSERS, type ParseResult } from '@/lib/lists/value-parsers';
import type {
  BooleanFormat,
  ColumnFormat,
  DateFormat,
  DatetimeFormat,
  NumberFormat,
} from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { booleanForEmpty, compileBooleanReader, compileBooleanWriter } from './booleans';
import { compileDateReader, compileDateWriter, DATE_EXAMPLES } from './dates';
import { compileDatetimeReader, compileDatetimeWriter, DATETIME_EXAMPLES } from './datetimes';
import { compileNumberReader, compileNumberWriter, describeNumberFormat, numberExample } from './numbers';

/**
 * One definition of what a column's format means, for the browser and the server: how a file's text
 * is read into the canonical value Listport stores, and how a stored value is written back.
 */

export type ValueReader = (raw: string) => ParseResult;

/** The reader of a column's values: its data type's canonical parser, or its format's. */
export function compileValueReader(dataType: DataType, format: ColumnFormat | undefined): ValueReader {
  if (!format || !hasEffect(dataType, format)) return VALUE_PARSERS[dataType];
  switch (dataType) {
    case 'date': {
      const read = compileDateReader((format as DateFormat).pattern);
      return (raw) => read(raw.trim());
    }
    case 'integer':
    case 'number':
      return compileNumberReader(format as NumberFormat, dataType === 'integer');
    case 'boolean':
      return compileBooleanReader(format as BooleanFormat);
    case 'datetime':
      return compileDatetimeReader(format as DatetimeFormat);
    default:
      return VALUE_PARSERS[dataType];
  }
}

/**
 * An allocation-free test for values the column's reader takes unchanged: true means it reads the
 * value as written; false only means "ask the reader". Every format reads canonical values as they
 * are, but a number format may read 1.234 as 1234: there only plain whole numbers qualify.
 */
export function compileCanonicalCheck(dataType: DataType, format: ColumnFormat | undefined): (raw: string) => boolean {
  return ACCEPTS_AS_IS[canonicalKind(dataType, format)];
}

/** compileCanonicalCheck on a value's bytes (see ACCEPTS_BYTES_AS_IS). */
export function compileCanonicalByteCheck(
  dataType: DataType,
  format: ColumnFormat | undefined,
): (bytes: Uint8Array, start: number, end: number) => boolean {
  return ACCEPTS_BYTES_AS_IS[canonicalKind(dataType, format)];
}

/** A number column in a format of its own takes only whole numbers as they are written. */
function canonicalKind(dataType: DataType, format: ColumnFormat | undefined): DataType {
  return dataType === 'number' && hasEffect(dataType, format) ? 'integer' : dataType;
}

/** The writer of a column's stored (canonical) values in its format: identity without one. */
export function compileValueWriter(dataType: DataType, format: ColumnFormat | undefined): (value: string) => string {
  if (!format || !hasEffect(dataType, format)) return (value) => value;
  switch (dataType) {
    case 'date':
      return compileDateWriter((format as DateFormat).pattern);
    case 'integer':
    case 'number':
      return compileNumberWriter(format as NumberFormat);
    case 'boolean':
      return compileBooleanWriter(format as BooleanFormat);
    case 'datetime':
      return compileDatetimeWriter(format as DatetimeFormat);
    default:
      return (value) => value;
  }
}

/** What an empty cell means in this format: a boolean format may give the empty word a meaning. */
export function valueForEmpty(dataType: DataType, format: ColumnFormat | undefined): string | undefined {
  return dataType === 'boolean' && format && 'trueWords' in format ? booleanForEmpty(format) : undefined;
}

/**
 * Whether a format reads anything differently from the data type's canonical parser (a date column
 * with pattern YYYY-MM-DD, or a number column with a decimal point and no groups, does not). Where
 * it does, a file's text is not what PostgreSQL would read: the load must write the values it read.
 */
export function hasEffect(dataType: DataType, format: ColumnFormat | undefined): boolean {
  if (!format) return false;
  switch (dataType) {
    case 'date':
      return 'pattern' in format && format.pattern !== 'YYYY-MM-DD';
    case 'integer':
    case 'number': {
      const f = format as NumberFormat;
      return (f.decimalSeparator ?? '.') !== '.' || f.thousandsSeparator !== undefined;
    }
    case 'boolean':
      return 'trueWords' in format && (format.trueWords.length > 0 || format.falseWords.length > 0);
    case 'datetime': {
      const f = format as DatetimeFormat;
      return (f.pattern ?? 'YYYY-MM-DD HH:MM:SS') !== 'YYYY-MM-DD HH:MM:SS' || (f.timeZone ?? 'UTC') !== 'UTC';
    }
    default:
      return false;
  }
}

/** A format in plain words, with an example: "day/month/year, like 31/12/2024". */
export function describeFormat(dataType: DataType, format: ColumnFormat | undefined): string {
  if (!format || !hasEffect(dataType, format)) {
    return {
      string: 'text as written',
      integer: 'whole numbers like 1234567',
      number: 'numbers like 1234567.89',
      boolean: 'true or false (yes/no, 1/0 too)',
      date: 'dates like 2024-12-31',
      datetime: 'dates and times like 2024-12-31T14:05:00Z (UTC when no zone is given)',
    }[dataType];
  }
  switch (dataType) {
    case 'date': {
      const { pattern } = format as DateFormat;
      return pattern === 'excel-serial'
        ? 'Excel day numbers, like 45657 for 2024-12-31'
        : `${pattern}, like ${DATE_EXAMPLES[pattern]}`;
    }
    case 'integer':
    case 'number':
      return `${describeNumberFormat(format as NumberFormat)}, like ${numberExample(format as NumberFormat, dataType === 'integer')}`;
    case 'boolean': {
      const f = format as BooleanFormat;
      const words = (list: string[]) => list.map((w) => (w.trim() ? `“${w.trim()}”` : 'empty')).join(' or ');
      return `${words(f.trueWords) || 'true'} for yes, ${words(f.falseWords) || 'false'} for no`;
    }
    case 'datetime': {
      const f = format as DatetimeFormat;
      const pattern = f.pattern ?? 'YYYY-MM-DD HH:MM:SS';
      return `${pattern === 'excel-serial' ? 'Excel day numbers' : pattern === 'unix-seconds' ? 'seconds since 1970' : pattern}, like ${DATETIME_EXAMPLES[pattern]}, in ${zoneWords(f.timeZone)} when no zone is given`;
    }
    default:
      return 'text as written';
  }
}

/**
 * Whether PostgreSQL, reading a file's text as it is (COPY … CSV), stores what Listport's readers
 * read: false as soon as one column's format changes how values are read (31/12/2024, 1.234,56).
 */
export function readAsWritten(columns: readonly { dataType: DataType; format?: ColumnFormat }[]): boolean {
  return columns.every((column) => !hasEffect(column.dataType, column.format));
}

/** A zone as a reader knows it: Etc/UTC (the IANA name a guess may give UTC, docs/formats.md) is "UTC". */
function zoneWords(timeZone: string | undefined): string {
  return timeZone === undefined || timeZone === 'Etc/UTC' ? 'UTC' : timeZone;
}
