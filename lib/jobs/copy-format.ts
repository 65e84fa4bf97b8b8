import type { CanonicalRecord } from '@/lib/lists/record-validator';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One line of PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(rowNumber: number, values: CanonicalRecord): string {
  let line = String(rowNumber);
  for (const value of values) {
    line += '\t';
    if (value === null) line += '\\N';
    else line += NEEDS_ESCAPE.test(value) ? escapeCopyValue(value) : value;
  }
  return line + '\n';
}

function escapeCopyValue(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
