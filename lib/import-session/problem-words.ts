import { PROBLEM_CODES } from '@/lib/csv/problem';
import { candidatesFor } from '@/lib/formats/candidates';
import { compileValueReader, describeFormat, hasEffect } from '@/lib/formats/column-format';
import { withoutTrailingZeros } from '@/lib/formats/numbers';
import { TYPE_WORDS } from '@/lib/lists/value-parsers';
import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { ListColumn } from '@/lib/shared/list-column';

import { escapeRegex } from './escape-regex';

/**
 * Plain words for the review step: a cell's problem without the row number the grid already shows
 * (and without saying the expected format twice), and a group's problem with what to do about it.
 */

/** The validator's message and remediation as the review step shows them next to a cell. */
export function cellWords(columnName: string, message: string, remediation: string) {
  const quoted = `"${columnName}"`;
  return {
    // The grid names the row and the column: '"Joined" "13/13/2024" is not …' becomes '"13/13/2024" is not …'.
    message: message.replace(/^Row \d+: /, '').replace(new RegExp(`^${escapeRegex(quoted)} (?=")`), ''),
    remediation: remediation
      // The grid shows the row; "on row 12" again only adds noise.
      .replace(/ on row \d+/g, '')
      // Type problems end with '"col" expects a date (YYYY-MM-DD).' after a hint that already says so.
      .replace(new RegExp(` ${escapeRegex(quoted)} expects .*$`), '')
      .trim(),
  };
}

/** Problem codes whose cells a format can fix: the value is there, only written another way. */
export const TYPE_CODES: ReadonlySet<number> = new Set([
  PROBLEM_CODES.invalidInteger,
  PROBLEM_CODES.invalidNumber,
  PROBLEM_CODES.invalidBoolean,
  PROBLEM_CODES.invalidDate,
  PROBLEM_CODES.invalidDatetime,
]);

export type FormatChoice = {
  /** Stable name of the choice, sent back to apply it. */
  id: string;
  format: ColumnFormat;
  /** "DD/MM/YYYY, like 31/12/2024". */
  label: string;
  /** Cells of the group this format reads (and so fixes). */
  fixes: number;
  /**
   * Set when some value of the group is read by another choice too, but differently ("1,000": 1000
   * with comma groups, 1 with a decimal comma): that value and what this choice makes of it. One
   * click must not pick a reading for the person then; the review asks.
   */
  readsDifferently?: { value: string; reading: string };
};

/**
 * The formats that read some of a group's values, the one reading most first. Ranked on a sample
 * (a group may hold 100,000 cells); the count is then exact for every format that read any.
 */
export function formatChoices(column: ListColumn, values: readonly string[]): FormatChoice[] {
  const sample = values.length > 500 ? values.filter((_, i) => i % Math.ceil(values.length / 500) === 0) : values;
  const choices: FormatChoice[] = [];
  for (const candidate of candidatesFor(column.dataType, { numericDates: false })) {
    if (!candidate.format) continue;
    const read = compileValueReader(column.dataType, candidate.format);
    if (!sample.some((v) => read(v).ok)) continue;
    let fixes = 0;
    for (const v of values) if (read(v).ok) fixes++;
    choices.push({
      id: JSON.stringify(candidate.format),
      format: candidate.format,
      label: describeFormat(column.dataType, candidate.format),
      fixes,
    });
  }
  choices.sort((a, b) => b.fixes - a.fixes);
  markDifferentReadings(column, choices, sample);
  return choices;
}

/** Marks the choices that read the first value read two ways, one by the first choice (see FormatChoice.readsDifferently). */
function markDifferentReadings(column: ListColumn, choices: FormatChoice[], values: readonly string[]): void {
  if (choices.length < 2) return;
  const readers = choices.map((choice) => compileValueReader(column.dataType, choice.format));
  for (const value of values) {
    const readings = readers.map((read) => {
      const result = read(value);
      return result.ok ? plainReading(column, result.value) : undefined;
    });
    // What matters is whether the choice offered first decides a value another would read otherwise.
    const first = readings[0];
    if (first === undefined || readings.every((r) => r === undefined || r === first)) continue;
    choices.forEach((choice, i) => {
      const reading = readings[i];
      if (reading !== undefined) choice.readsDifferently = { value, reading };
    });
    return;
  }
}

/** A canonical value as a person reads it: numbers without trailing zeros (1.000 is 1, not a thousand). */
function plainReading(column: ListColumn, canonical: string): string {
  return column.dataType === 'number' || column.dataType === 'integer' ? withoutTrailingZeros(canonical) : canonical;
}

/** Parsers' hints that only say the column's form again, which a group's explanation already gives. */
const RESTATES_THE_FORM = ['This column writes', 'Use true or false', 'Write dates as', 'Write it as', 'Write it like'];

/** What is wrong with a group of cells, in plain words, and how to fix it. */
export function groupWords(
  column: ListColumn | undefined,
  code: number,
  count: number,
  example: { message: string; remediation: string },
): { title: string; explanation: string } {
  const n = count.toLocaleString('en-US');
  const cells = count === 1 ? 'cell' : 'cells';
  if (code === PROBLEM_CODES.raggedRow) {
    return {
      title: `${n} row${count === 1 ? ' has' : 's have'} the wrong number of values`,
      explanation:
        'A missing or extra delimiter shifts values into the wrong columns. Correct the values of each row, delete the rows, or leave them out.',
    };
  }
  if (code === PROBLEM_CODES.malformedQuotes) {
    return {
      title: `${n} row${count === 1 ? ' has' : 's have'} a quote (") in the wrong place`,
      explanation:
        'A quote that opens a value and is never closed reads the lines after it into that value, so rows of the file can be missing here. Put quotes only around a whole value and write a quote inside a value as two quotes (""), then choose the corrected file again — or delete these rows.',
    };
  }
  if (!column) return { title: `${n} ${cells}: ${example.message}`, explanation: example.remediation };
  const name = `“${column.name}”`;
  if (code === PROBLEM_CODES.duplicateKey) {
    return {
      title: `${n} rows share a key in ${name}`,
      explanation: `Each key may appear once in a file. Delete the later copies (the first row of each key stays), correct the keys, or leave all these rows out.`,
    };
  }
  if (code === PROBLEM_CODES.requiredEmpty) {
    return {
      title: `${n} empty ${cells} in ${name}`,
      explanation: `${name} must have a value (${column.isKey ? 'it is a key column' : 'it is required'}). Fill them all with one value, enter each one, delete those rows, or leave them out.`,
    };
  }
  if (TYPE_CODES.has(code)) {
    // TYPE_WORDS names the default form ("a date (YYYY-MM-DD)"): wrong for a column that writes
    // dates as DD/MM/YYYY, whose form the explanation gives.
    const expected = hasEffect(column.dataType, column.format)
      ? TYPE_WORDS[column.dataType].replace(/ \(.*\)$/, '')
      : TYPE_WORDS[column.dataType];
    // The validator's remediation ends by naming the form again ('"Balance" expects …'), and many
    // parsers' hints are the form once more ("This column writes numbers like …"): the explanation
    // gives the form once, then only advice that adds to it.
    const hint = cellWords(column.name, '', example.remediation).remediation;
    const advice = RESTATES_THE_FORM.some((start) => hint.startsWith(start)) ? '' : ` ${hint}`;
    return {
      title: `${n} ${cells} in ${name} ${count === 1 ? 'is' : 'are'} not ${expected}`,
      explanation: `${name} holds ${describeFormat(column.dataType, column.format)}.${advice}`.trim(),
    };
  }
  return { title: `${n} ${cells} in ${name}: ${example.message}`, explanation: example.remediation };
}
