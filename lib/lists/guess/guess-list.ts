import type { ColumnFormat } from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { isUnnamed } from '../unnamed-columns';
import { createColumnProfile, readDotGroupsAsTheFileDoes, type ColumnGuess } from './column-profile';
import { createKeyTracker } from './key-tracker';

/**
 * Proposes a list's columns from a file: each column's type and format judged on every value, not
 * required where it has blanks, and a key that is non-empty and unique over the whole file — a
 * single column if one is, else a pair. The proposal, sent unchanged to POST /lists, loads the file.
 */

export type GuessedColumn = {
  name: string;
  dataType: DataType;
  isKey: boolean;
  keyPosition?: number;
  required: boolean;
  format?: ColumnFormat;
  /** Another reading of every value (ask the user): the alternative format and values read both ways. */
  ambiguity?: ColumnGuess['ambiguity'];
  /** Up to three distinct values, and how many were empty. */
  examples: string[];
  emptyValues: number;
};

export type ListGuess = {
  columns: GuessedColumn[];
  /** Every column, or pair of columns, that is non-empty and unique over the file — the proposed key first. */
  keyCandidates: string[][];
  rowsRead: number;
  /** `partial` when the file was too large to remember every key value (later values were checked against the first millions). */
  keyCheck: 'complete' | 'partial';
  /** Plain-words notes for the user (no unique key, for example). */
  notes: string[];
  /**
   * Names the file's header gives to more than one column ("id" for "id", "id 2"): the file cannot
   * be imported as it is (an import needs each name once), only through the browser's wizard.
   */
  repeatedNames: string[];
};

const KEY_NAME =
  /(^|[^a-z])(id|key|code|sku|ean|gtin|isbn|uuid|guid|nr|no|number|nummer|num|ref|reference)([^a-z]|$)|[a-z]I[dD]$/i;
const GOOD_KEY_TYPES = new Set<DataType>(['integer', 'string', 'date']);
const MAX_PAIR_COLUMNS = 8;

/** Higher is a likelier key: named like one, a whole number or text, early in the file. */
function keyScore(name: string, dataType: DataType, position: number): number {
  return (KEY_NAME.test(name) ? 1000 : 0) + (GOOD_KEY_TYPES.has(dataType) ? 100 : 0) - position;
}

/**
 * The proposed names: the header's, "Column 3" for an unnamed one, and "id 2", "id 3" for a name
 * the header repeats (a list refuses a name twice, in any case: the proposal must be one it takes).
 */
export function columnNames(header: readonly string[]): string[] {
  const taken = new Set(header.map((h) => h.trim().toLowerCase()));
  const seen = new Set<string>();
  return header.map((h, i) => {
    const name = h.trim() || `Column ${i + 1}`;
    let unique = name;
    // "id 2" must not take the name of another column the header calls "id 2": then "id 3".
    for (let n = 2; seen.has(unique.toLowerCase()); n++) {
      const candidate = `${name} ${n}`;
      if (!taken.has(candidate.toLowerCase())) unique = candidate;
    }
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/** The header's names given more than once (as the file writes them, each once). */
export function repeatedNames(header: readonly string[]): string[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const h of header) {
    const name = h.trim();
    if (name === '') continue;
    const entry = counts.get(name.toLowerCase()) ?? { name, count: 0 };
    entry.count++;
    counts.set(name.toLowerCase(), entry);
  }
  return [...counts.values()].filter((e) => e.count > 1).map((e) => e.name);
}

/** First pass: every column's profile and which single columns are keys. */
export function createListGuesser(header: readonly string[]) {
  const names = columnNames(header);
  const profiles = names.map((name) => createColumnProfile(name));
  const keys = createKeyTracker(names.map((_, i) => [i]));
  const filled = names.map(() => false);
  let rowsRead = 0;
  /**
   * Columns with no name and no value on any row: a spreadsheet's empty columns, which an import
   * leaves out too (lib/lists/unnamed-columns.ts). A space is a value there, as in an import.
   */
  const unnamedAndEmpty = (): Set<number> => {
    const empty = header.flatMap((name, i) => (isUnnamed(name) && !filled[i] ? [i] : []));
    // A header of nothing but empty cells proposes its columns rather than none.
    return new Set(empty.length < header.length ? empty : []);
  };
  const withHeaderNotes = (guess: ListGuess): ListGuess => {
    const repeated = repeatedNames(header);
    if (repeated.length === 0) return guess;
    return {
      ...guess,
      repeatedNames: repeated,
      notes: [
        ...guess.notes,
        `The file's header gives ${repeated.map((n) => `"${n}"`).join(', ')} to more than one column: the later ones are proposed as "${repeated[0]} 2" and so on. An import needs each name once, so the file is imported through the import steps, where each file column is matched to its list column.`,
      ],
    };
  };
  return {
    add(record: readonly string[]) {
      rowsRead++;
      for (let i = 0; i < profiles.length; i++) {
        const value = record[i] ?? '';
        profiles[i]!.add(value);
        if (value !== '') filled[i] = true;
      }
      keys.add(record);
    },
    /** Whether a column needs its values again (see ColumnProfile.behind): read the file's rows once more into `replay`. */
    behind: () => profiles.some((p) => p.behind()),
    replay(record: readonly string[]) {
      for (let i = 0; i < profiles.length; i++) if (profiles[i]!.behind()) profiles[i]!.replay(record[i] ?? '');
    },
    /**
     * The proposal; `pairs` lists the column pairs a second pass should check when no single column
     * is a key, and `measures` the unique columns of decimals or yes/no (a reading is a poor key:
     * used only when no pair of other columns is one).
     */
    result(): { guess: ListGuess; pairs: number[][]; measures: number[][] } {
      const guesses = profiles.map((p) => p.guess());
      const unique = rowsRead > 0 ? keys.unique().map(([i]) => i!) : [];
      const isMeasure = (i: number) => guesses[i]!.dataType === 'number' || guesses[i]!.dataType === 'boolean';
      const single = unique.filter((i) => !isMeasure(i));
      const measures = unique.filter(isMeasure).map((i) => [i]);
      const complete = guesses
        .map((g, i) => (g.empty === 0 && !isMeasure(i) ? i : -1))
        .filter((i) => i >= 0)
        .slice(0, MAX_PAIR_COLUMNS);
      const pairs =
        single.length > 0 || rowsRead === 0 ? [] : complete.flatMap((a, j) => complete.slice(j + 1).map((b) => [a, b]));
      const guess = buildGuess(
        names,
        guesses,
        single.length > 0 ? single.map((i) => [i]) : measures,
        rowsRead,
        keys.partial(),
        unnamedAndEmpty(),
      );
      return { guess: withHeaderNotes(guess), pairs, measures };
    },
    /** The notes and names of the header's repeated names, on a proposal made again (key pairs checked). */
    withHeaderNotes,
    names,
    guesses: () => profiles.map((p) => p.guess()),
    rowsRead: () => rowsRead,
    unnamedAndEmpty,
  };
}

/** Second pass (only when no single column is a key): which pairs of columns are. */
export function createPairChecker(pairs: number[][]) {
  const tracker = createKeyTracker(pairs);
  return {
    add: (record: readonly string[]) => tracker.add(record),
    unique: () => tracker.unique(),
    partial: () => tracker.partial(),
  };
}

export function buildGuess(
  names: string[],
  profiled: ColumnGuess[],
  keyCandidates: number[][],
  rowsRead: number,
  partial: boolean,
  leftOut: ReadonlySet<number> = new Set(),
): ListGuess {
  const guesses = readDotGroupsAsTheFileDoes(profiled);
  const ranked = keyCandidates
    .filter((candidate) => candidate.every((i) => !leftOut.has(i)))
    .sort(
      (a, b) =>
        b.reduce((s, i) => s + keyScore(names[i]!, guesses[i]!.dataType, i), 0) / b.length -
        a.reduce((s, i) => s + keyScore(names[i]!, guesses[i]!.dataType, i), 0) / a.length,
    );
  const notes: string[] = [];
  let key = ranked[0];
  if (!key) {
    key = [names.findIndex((_, i) => !leftOut.has(i))];
    if (rowsRead > 0)
      notes.push(
        `No column, nor pair of columns, has a value on every row that no other row repeats: "${names[key[0]!]}" is proposed as the key, but the file repeats or leaves out some of its values. Choose the key yourself, or fix the file.`,
      );
  }
  if (partial)
    notes.push(
      'The file is large: key values were checked against the first 4,000,000 kept, not all rows against each other.',
    );
  const columns = names.flatMap((name, i): GuessedColumn[] => {
    if (leftOut.has(i)) return [];
    const g = guesses[i]!;
    const keyPosition = key.indexOf(i) + 1;
    const isKey = keyPosition > 0;
    const column: GuessedColumn = {
      name,
      dataType: g.dataType,
      isKey,
      ...(isKey && { keyPosition }),
      // Blanks mean not required (numbers are required unless said otherwise, so it is always said).
      required: isKey || (g.empty === 0 && g.values > 0 && (g.dataType === 'integer' || g.dataType === 'number')),
      ...(g.format && { format: g.format }),
      ...(g.ambiguity && { ambiguity: g.ambiguity }),
      examples: g.examples,
      emptyValues: g.empty,
    };
    return [column];
  });
  return {
    columns,
    keyCandidates: ranked.map((candidate) => candidate.map((i) => names[i]!)),
    rowsRead,
    keyCheck: partial ? 'partial' : 'complete',
    notes,
    repeatedNames: [],
  };
}
