import type { ListColumn } from '@/lib/shared/list-column';

import { newColumnNames } from './file-columns';

/** For each list column (in list order): the index of the file column that feeds it, or null. */
export type ColumnMapping = (number | null)[];
export type MatchKind = 'exact' | 'similar' | 'fuzzy' | 'saved' | 'manual' | 'none';

export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Similarity in [0, 1] from the edit distance of the normalised names. */
export function similarity(a: string, b: string): number {
  const x = normalizeHeader(a);
  const y = normalizeHeader(b);
  if (!x.length || !y.length) return 0;
  const previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const saved = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (x[i - 1] === y[j - 1] ? 0 : 1));
      diagonal = saved;
    }
  }
  return 1 - previous[y.length]! / Math.max(x.length, y.length);
}

const FUZZY_THRESHOLD = 0.7;

/**
 * Maps file headers to list columns: exact names first (the later columns of a repeated name as
 * numbered, "id 2"), then names equal but for case, spaces and
 * punctuation, then the most similar remaining name above a threshold. Each file column feeds at
 * most one list column.
 */
export function autoMap(
  headers: readonly string[],
  columns: readonly ListColumn[],
): { mapping: ColumnMapping; kinds: MatchKind[] } {
  const mapping: ColumnMapping = columns.map(() => null);
  const kinds: MatchKind[] = columns.map(() => 'none');
  const used = new Set<number>();
  const assign = (columnIndex: number, fileIndex: number, kind: MatchKind) => {
    mapping[columnIndex] = fileIndex;
    kinds[columnIndex] = kind;
    used.add(fileIndex);
  };
  columns.forEach((column, i) => {
    const index = headers.findIndex((h, j) => !used.has(j) && h.trim() === column.name);
    if (index >= 0) assign(i, index, 'exact');
  });
  // A name the header repeats: its second column fills "id 2", as a list made from the file names it.
  const numbered = newColumnNames(headers, []);
  columns.forEach((column, i) => {
    if (mapping[i] !== null) return;
    const index = numbered.findIndex((n, j) => !used.has(j) && n !== '' && n === column.name);
    if (index >= 0) assign(i, index, 'exact');
  });
  columns.forEach((column, i) => {
    if (mapping[i] !== null) return;
    const index = headers.findIndex((h, j) => !used.has(j) && normalizeHeader(h) === normalizeHeader(column.name));
    if (index >= 0) assign(i, index, 'similar');
  });
  columns.forEach((column, i) => {
    if (mapping[i] !== null) return;
    let best = { index: -1, score: FUZZY_THRESHOLD };
    headers.forEach((h, j) => {
      if (used.has(j)) return;
      const score = similarity(h, column.name);
      if (score >= best.score) best = { index: j, score };
    });
    if (best.index >= 0) assign(i, best.index, 'fuzzy');
  });
  return { mapping, kinds };
}

/** Required and key columns without a file column block the import: say which. */
export function missingRequired(mapping: ColumnMapping, columns: readonly ListColumn[]): ListColumn[] {
  return columns.filter((c, i) => mapping[i] === null && (c.required || c.isKey));
}
