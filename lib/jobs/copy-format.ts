import type { CanonicalRecord } from '@/lib/lists/record-validator';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/**
 * One line of PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes;
 * led by the file's row number when loading the stage (null when loading a list's table directly).
 */
export function copyLine(rowNumber: number | null, values: CanonicalRecord): string {
  let line = rowNumber === null ? '' : String(rowNumber);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    if (i > 0 || rowNumber !== null) line += '\t';
    if (value === null) line += '\\N';
    else line += NEEDS_ESCAPE.test(value) ? escapeCopyValue(value) : value;
  }
  return line + '\n';
}

function escapeCopyValue(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
