import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import type { ListColumn } from './columns';

/** Rule 1: the header's names and positions must be exactly the list's columns. */
export function checkHeader(header: readonly string[], columns: readonly ListColumn[]): Problem | null {
  const found = header.map((name) => name.trim());
  const expected = columns.map((c) => c.name);
  const duplicates = found.filter((name, i) => name !== '' && found.indexOf(name) !== i);
  if (duplicates.length > 0) {
    return {
      errorCode: PROBLEM_CODES.duplicateHeader,
      row: 1,
      message: `The header names ${[...new Set(duplicates)].map((d) => `"${d}"`).join(', ')} more than once.`,
      remediation: 'Give every column of the file a unique name in the first row.',
    };
  }
  if (found.length === expected.length && found.every((name, i) => name === expected[i])) return null;

  const missing = expected.filter((name) => !found.includes(name));
  const extra = found.filter((name) => !expected.includes(name));
  const firstDifference = expected.findIndex((name, i) => found[i] !== name);
  const details: string[] = [];
  if (missing.length) details.push(`missing: ${missing.map((n) => `"${n}"`).join(', ')}`);
  if (extra.length) details.push(`not in the list: ${extra.map((n) => `"${n || '(empty)'}"`).join(', ')}`);
  if (!missing.length && !extra.length && firstDifference >= 0) {
    details.push(`column ${firstDifference + 1} should be "${expected[firstDifference]}" but is "${found[firstDifference]}"`);
  }
  return {
    errorCode: PROBLEM_CODES.headerMismatch,
    row: 1,
    value: header.join(','),
    message: `The file's header does not match the list's columns (${details.join('; ')}). Expected: ${expected.join(', ')}. Found: ${found.join(', ')}.`,
    remediation:
      'Make the first row of the file name the list\'s columns in the same order, or import in the browser, which lets you map and reorder columns.',
  };
}
