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
  /**
   * Rows that repeat an earlier row in full. The key is then judged on the other rows (a repeat has the
   * key of its first copy whatever the key is), and the file goes through the browser's wizard, whose
   * review deletes the later copies in one go: sent to the server as it is, each copy would be refused.
   */
  repeatedRows: number;
};

const KEY_NAME =
  /(^|[^a-z])(id|key|code|sku|ean|gtin|isbn|uuid|guid|nr|no|number|nummer|num|ref|reference)([^a-z]|$)|[a-z]I[dD]$/i;
const GOOD_KEY_TYPES = new Set<DataType>(['integer', 'string', 'date']);
const MAX_PAIR_COLUMNS = 8;
/** Distinct rows remembered to find repeated rows (and, among them, a key of more than two columns). */
const MAX_DISTINCT_ROWS = 250_000;
/** A key of at most this many columns is looked for among a file's distinct rows. */
const MAX_KEY_COLUMNS = 6;
/** Rows × column sets checked at most in that search (a few hundred milliseconds). */
const KEY_SEARCH_BUDGET = 50_000_000;

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

/**
 * Rows that repeat an earlier row in full. The first MAX_DISTINCT_ROWS distinct rows are kept (a later
 * row is checked against them only, and counted distinct when new: `partial`).
 */
export function createRowRepeats(maxRows = MAX_DISTINCT_ROWS) {
  const seen = new Set<string>();
  const distinct: (readonly string[])[] = [];
  let repeats = 0;
  let partial = false;
  return {
    /** Whether this row repeats an earlier one in full (counted), else false (remembered while there is room). */
    isRepeat(record: readonly string[]): boolean {
      const key = record.join('\u0000');
      if (seen.has(key)) {
        repeats++;
        return true;
      }
      if (seen.size < maxRows) {
        seen.add(key);
        distinct.push(record);
      } else partial = true;
      return false;
    },
    count: () => repeats,
    /** Every distinct row, or undefined when there were too many to keep. */
    distinct: () => (partial ? undefined : distinct),
  };
}

/**
 * The smallest sets of columns (2 to MAX_KEY_COLUMNS) whose values tell every row apart, looked for
 * among `columns` (each with a value on every row); none when the search would take too long.
 */
export function smallestUniqueSets(rows: readonly (readonly string[])[], columns: readonly number[]): number[][] {
  let budget = KEY_SEARCH_BUDGET;
  for (let size = 2; size <= Math.min(MAX_KEY_COLUMNS, columns.length); size++) {
    const found: number[][] = [];
    for (const set of combinations(columns, size)) {
      if (budget <= 0) return found;
      const seen = new Set<string>();
      let unique = true;
      for (const row of rows) {
        budget--;
        const key = set.map((i) => row[i] ?? '').join('\u0000');
        if (seen.has(key)) {
          unique = false;
          break;
        }
        seen.add(key);
      }
      if (unique) found.push(set);
    }
    if (found.length > 0) return found;
  }
  return [];
}

function* combinations(items: readonly number[], size: number, start = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++)
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i]!, ...rest];
}

/** The key proposed for a file's distinct rows, said after the count of its repeated rows. */
function keyWords(key: readonly string[] | undefined, distinct: number): string {
  if (!key) return '';
  const names = key.map((n) => `"${n}"`).join(', ');
  // Every row the same: any column tells one row apart, so there is nothing to say but the choice.
  if (distinct === 1) return ` ${names} ${key.length === 1 ? 'is' : 'are'} proposed as the key.`;
  return ` ${key.length === 1 ? `${names} tells` : `Together, ${names} tell`} the ${distinct.toLocaleString('en-US')} different rows apart: proposed as the key.`;
}

/** First pass: every column's profile and which single columns are keys. */
export function createListGuesser(header: readonly string[]) {
  const names = columnNames(header);
  const profiles = names.map((name) => createColumnProfile(name));
  const keys = createKeyTracker(names.map((_, i) => [i]));
  const repeats = createRowRepeats();
  const filled = names.map(() => false);
  /** The most values a row has, past the header's columns too. */
  let widest = 0;
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
  const withRowNotes = (guess: ListGuess): ListGuess => {
    const count = repeats.count();
    if (count === 0) return guess;
    const key = guess.keyCandidates[0];
    const distinct = rowsRead - count;
    const words = count.toLocaleString('en-US');
    return {
      ...guess,
      repeatedRows: count,
      notes: [
        `${count === 1 ? '1 row repeats' : `${words} rows repeat`} another row in full: a list keeps one record per key, so ${count === 1 ? 'it is' : 'they are'} imported through the import steps, which show the copies and delete the later ones in one go (the first of each stays).${keyWords(key, distinct)}`,
        ...guess.notes,
      ],
    };
  };
  /** The notes of what the file repeats (names in its header, whole rows), and a title line, on a proposal. */
  const withFileNotes = (guess: ListGuess): ListGuess => withTitleNote(withHeaderNotes(withRowNotes(guess)));
  /**
   * A first line that names one column while the rows fill more: a title above the header, as
   * Destatis's GENESIS exports and many reports write one. The first line is the header (import
   * rule 1), so the proposal is a list named after the title; say what to do instead.
   */
  const withTitleNote = (guess: ListGuess): ListGuess => {
    const named = header.filter((name) => !isUnnamed(name));
    const filledColumns = Math.max(widest, filled.filter(Boolean).length);
    if (named.length !== 1 || filledColumns < 2 || rowsRead === 0) return guess;
    return {
      ...guess,
      notes: [
        `The first line names one column only ("${named[0]!.trim()}"), but the rows below it fill ${filledColumns} columns: it looks like a title above the header. The first line of a file is its header: delete the lines above the header (in a spreadsheet or a text editor), then choose the file again.`,
        ...guess.notes,
      ],
    };
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
      let last = record.length - 1;
      while (last >= 0 && record[last]!.trim() === '') last--;
      if (last + 1 > widest) widest = last + 1;
      for (let i = 0; i < profiles.length; i++) {
        const value = record[i] ?? '';
        profiles[i]!.add(value);
        if (value !== '') filled[i] = true;
      }
      // A row repeated in full has its first copy's key, whatever the key: keys are judged on the others.
      if (!repeats.isRepeat(record)) keys.add(record);
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
      // Repeated rows, all kept: a key of two columns or more is looked for among the distinct rows here.
      const distinct = repeats.count() > 0 && single.length === 0 ? repeats.distinct() : undefined;
      // Columns of text, ids or dates first, as for single keys and pairs: a key with a price in it
      // (ks_1033's total_cost) breaks when the price is written another way; measures only if needed.
      const withValues = guesses.flatMap((g, i) => (g.empty === 0 ? [i] : []));
      const wider = distinct
        ? smallestUniqueSets(
            distinct,
            withValues.filter((i) => !isMeasure(i)),
          )
        : [];
      if (distinct && wider.length === 0) wider.push(...smallestUniqueSets(distinct, withValues));
      const pairs =
        single.length > 0 || rowsRead === 0 || distinct
          ? []
          : complete.flatMap((a, j) => complete.slice(j + 1).map((b) => [a, b]));
      const guess = buildGuess(
        names,
        guesses,
        single.length > 0 ? single.map((i) => [i]) : wider.length > 0 ? wider : measures,
        rowsRead,
        keys.partial(),
        unnamedAndEmpty(),
      );
      return { guess: withFileNotes(guess), pairs, measures };
    },
    /** The notes of the header's repeated names and the repeated rows, on a proposal made again (key pairs checked). */
    withFileNotes,
    names,
    guesses: () => profiles.map((p) => p.guess()),
    rowsRead: () => rowsRead,
    unnamedAndEmpty,
  };
}

/** Second pass (only when no single column is a key): which pairs of columns are. */
export function createPairChecker(pairs: number[][]) {
  const tracker = createKeyTracker(pairs);
  // As in the first pass, a row repeated in full does not count against a key.
  const repeats = createRowRepeats();
  return {
    add: (record: readonly string[]) => {
      if (!repeats.isRepeat(record)) tracker.add(record);
    },
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
    // The column nearest a key: one with a value on every row, else on some. Never one empty on
    // every row: the French land-values file (DVF) starts with such columns, and its proposed list
    // gave every row of the file the same problem, an empty key.
    const kept = names.flatMap((_, i) => (leftOut.has(i) ? [] : [i]));
    const filled = (i: number) => guesses[i]!.values > 0;
    key = [kept.find((i) => filled(i) && guesses[i]!.empty === 0) ?? kept.find(filled) ?? kept[0] ?? -1];
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
    repeatedRows: 0,
  };
}
