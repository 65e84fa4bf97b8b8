import { oneLine } from './one-line';

/** The narrowest a column gets, in characters: a yes/no or a short id still leaves room to click and type. */
export const MIN_COLUMN_CHARS = 6;
/** The widest: a long text is cut here (its cell's editor holds all of it), so the columns beside it stay in view. */
export const MAX_COLUMN_CHARS = 22;
/** Headers are bold: a header's letters take about a tenth more room than a value's. */
const HEADER_SCALE = 1.1;

/**
 * Each column's width in characters, from its header and the longest of a sample of its values
 * (the first rows, not the whole file: counting characters, not measuring the page), clamped so a
 * yes/no takes little room and a long text does not push every other column out of view.
 */
export function columnChars(headers: readonly string[], sample: readonly (readonly string[])[]): number[] {
  return headers.map((header, column) => {
    let longest = headerChars(header);
    for (const values of sample) longest = Math.max(longest, length(oneLine(values[column] ?? '')));
    return Math.min(MAX_COLUMN_CHARS, Math.max(MIN_COLUMN_CHARS, longest));
  });
}

/** The row-number column's width in characters: its header "Row" or the largest row number's digits. */
export function rowNumberChars(largestRow: number): number {
  return Math.max(headerChars('Row'), String(Math.max(0, Math.trunc(largestRow))).length);
}

function headerChars(header: string): number {
  return Math.ceil(length(header) * HEADER_SCALE);
}

/** Characters, not UTF-16 units: "Zoë" is three wide, an emoji one. */
function length(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
