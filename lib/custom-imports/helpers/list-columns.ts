import type { ListValue, Message } from '../types';

export type ColumnMatch = {
  /** For each list column (in order): the index of the source field feeding it, or undefined. */
  sources: (number | undefined)[];
  messages: Message[];
};

/**
 * Matches source field names (a sheet's header, a CSV header) to the list's columns by name: exact
 * first, then ignoring case and surrounding spaces. Missing required columns are errors; missing
 * optional ones stay empty; extra source fields are ignored — all said in messages.
 */
export function matchColumns(sourceNames: readonly string[], list: ListValue, input?: string): ColumnMatch {
  const trimmed = sourceNames.map((n) => n.trim());
  const folded = trimmed.map((n) => n.toLowerCase());
  const used = new Set<number>();
  const sources = list.columns.map((column) => {
    let index = trimmed.findIndex((n, i) => n === column.name && !used.has(i));
    if (index < 0) index = folded.findIndex((n, i) => n === column.name.trim().toLowerCase() && !used.has(i));
    if (index < 0) return undefined;
    used.add(index);
    return index;
  });
  const messages: Message[] = [];
  const missingRequired = list.columns
    .filter((c, i) => sources[i] === undefined && (c.required || c.isKey))
    .map((c) => `"${c.name}"`);
  const missingOptional = list.columns
    .filter((c, i) => sources[i] === undefined && !(c.required || c.isKey))
    .map((c) => `"${c.name}"`);
  const extra = trimmed.filter((n, i) => n !== '' && !used.has(i)).map((n) => `"${n}"`);
  if (missingRequired.length) {
    messages.push({
      status: 'ERROR',
      title: 'Missing columns',
      message: `The list "${list.name}" needs ${missingRequired.join(', ')}, but the source has no such column. Found: ${
        trimmed
          .filter(Boolean)
          .map((n) => `"${n}"`)
          .join(', ') || '(nothing)'
      }.`,
      ...(input && { input }),
    });
  }
  if (missingOptional.length) {
    messages.push({
      status: 'WARN',
      title: 'Columns left empty',
      message: `The source has no ${missingOptional.join(', ')}; these columns of the list will be empty.`,
    });
  }
  if (extra.length) {
    messages.push({
      status: 'INFO',
      title: 'Columns not loaded',
      message: `${extra.join(', ')} ${extra.length === 1 ? 'is not a column' : 'are not columns'} of the list and will not be loaded.`,
    });
  }
  return { sources, messages };
}
