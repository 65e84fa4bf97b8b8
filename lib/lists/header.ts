import { describeDelimiter } from '@/lib/csv/detect-delimiter';
import { parseText } from '@/lib/csv/fast-records';
import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/shared/list-column';

/** Rule 1: the header's names and positions must be exactly the list's columns. */
const SHOWN_NAMES = 10;

/** At most a few names, then how many more: a 100,000-column header must not make a megabyte message. */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, SHOWN_NAMES).map((n) => `"${(n || '(empty)').slice(0, 80)}"`);
  return names.length > SHOWN_NAMES ? `${shown.join(', ')} and ${names.length - SHOWN_NAMES} more` : shown.join(', ');
}

/**
 * The delimiter the header line seems to use instead of the one it was read with: read again with
 * ;, tab, | or , it names the list's columns (or most of them).
 */
export function likelyDelimiter(
  header: readonly string[],
  expected: readonly string[],
  used: string,
): string | undefined {
  const line = header.join(used);
  const wanted = new Set(expected);
  for (const candidate of [';', '\t', '|', ','].filter((d) => d !== used)) {
    if (!line.includes(candidate)) continue;
    const fields = (parseText(line, candidate, true).records[0] ?? []).map((f) => f.trim());
    const matching = fields.filter((f) => wanted.has(f)).length;
    if (fields.length > 1 && matching * 2 >= expected.length) return candidate;
  }
  return undefined;
}

/** How the API spells a delimiter option. */
function delimiterOption(delimiter: string): string {
  return delimiter === '\t' ? 'delimiter=\\t' : `delimiter=${delimiter}`;
}

export function checkHeader(
  header: readonly string[],
  columns: readonly ListColumn[],
  delimiter?: string,
): Problem | null {
  const found = header.map((name) => name.trim());
  const expected = columns.map((c) => c.name);
  // Sets and counts keep this linear in the number of header names.
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const name of found) {
    if (name !== '' && seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  if (duplicates.size > 0) {
    return {
      errorCode: PROBLEM_CODES.duplicateHeader,
      row: 1,
      message: `The header names ${nameList([...duplicates])} more than once.`,
      remediation: 'Give every column of the file a unique name in the first row.',
    };
  }
  if (found.length === expected.length && found.every((name, i) => name === expected[i])) return null;

  const expectedSet = new Set(expected);
  const missing = expected.filter((name) => !seen.has(name));
  const extra = found.filter((name) => !expectedSet.has(name));
  const firstDifference = expected.findIndex((name, i) => found[i] !== name);
  const details: string[] = [];
  if (missing.length) details.push(`missing: ${nameList(missing)}`);
  if (extra.length) details.push(`not in the list: ${nameList(extra)}`);
  if (!missing.length && !extra.length && firstDifference >= 0) {
    details.push(
      `column ${firstDifference + 1} should be "${expected[firstDifference]}" but is "${found[firstDifference]}"`,
    );
  }
  const hint = delimiter === undefined ? undefined : likelyDelimiter(header, expected, delimiter);
  const more = (count: number) => (count > 50 ? ` and ${count - 50} more` : '');
  return {
    errorCode: PROBLEM_CODES.headerMismatch,
    row: 1,
    value: header.join(delimiter ?? ',').slice(0, 1000),
    message:
      `${hint ? `The file looks separated by ${describeDelimiter(hint)}, not ${describeDelimiter(delimiter!)}: ` : ''}the file's header does not match the list's columns (${details.join('; ')}). Expected: ${expected.slice(0, 50).join(', ')}${more(expected.length)}. Found: ${found
        .slice(0, 50)
        .map((n) => n.slice(0, 80))
        .join(', ')}${more(found.length)}.`.replace(/^the file's/, "The file's"),
    remediation: hint
      ? `Send ${delimiterOption(hint)} with the import (or delimiter=auto to detect it), or import in the browser, which detects it.`
      : "Make the first row of the file name the list's columns in the same order, or import in the browser, which lets you map and reorder columns.",
  };
}
