import type { BooleanFormat, DatetimeFormat } from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { normalizeWord } from './booleans';
import { candidatesFor, KNOWN_BOOLEAN_WORDS, type FormatCandidate } from './candidates';
import { compileCanonicalCheck, compileValueReader, describeFormat, type ValueReader } from './column-format';

/**
 * Which formats a column's values are written in, judged on every value (fed one at a time, so a
 * file of any size streams through in constant memory). Runs in the import wizard's worker (for a
 * list column whose type is known) and in the server's guesser.
 */

export type CandidateFit = FormatCandidate & {
  /** The format in plain words with an example ("DD/MM/YYYY, like 31/12/2024"). */
  label: string;
  /** Non-empty values the format reads. */
  matched: number;
  /**
   * Non-empty values it cannot read, and up to three of them (distinct). A format that cannot read
   * most of the first thousand values is no longer tried (it cannot be proposed): all later values
   * count as failed for it.
   */
  failed: number;
  failedExamples: string[];
};

/** A value two formats read differently, with both readings (canonical values). */
export type DifferentReading = { value: string; first: string; second: string };

export type FormatDetection = {
  dataType: DataType;
  /** Non-empty values seen, and empty (or blank) ones. */
  values: number;
  empty: number;
  /** Every format tried, the best fitting first (canonical first among equals). */
  candidates: CandidateFit[];
  /** The format that reads every non-empty value (undefined when none does, or there were none). */
  proposal?: CandidateFit;
  /**
   * Set when two formats read every value but not the same way — day/month versus month/day
   * dates, 1,234 as a thousand or as a decimal — with up to three values read both ways. Ask.
   */
  ambiguous?: { first: CandidateFit; second: CandidateFit; examples: DifferentReading[] };
};

export type FormatDetector = {
  add(value: string): void;
  result(): FormatDetection;
  /** Whether some format has read every value so far: once false, `result()` will propose nothing. */
  mayPropose(): boolean;
};

type Tracked = {
  live: boolean;
  candidate: FormatCandidate;
  /** True for a value the format reads unchanged: the reader need not build it (see compileCanonicalCheck). */
  readsAsIs: (raw: string) => boolean;
  /** False for a value the format reads, but that no file means that way (see meantBy). */
  meant: (raw: string) => boolean;
  read: ValueReader;
  matched: number;
  failed: number;
  failedExamples: string[];
};

const EXAMPLES = 3;
const PRUNE_AFTER = 1000;
const MAX_BOOLEAN_WORDS = 3;

/**
 * A detector for a column of one data type. `add` every value of the column (empty ones included),
 * then read `result()`. Options: `numericDates: false` leaves out Excel serials and Unix times (plain
 * numbers read as dates only when the caller knows the column holds dates).
 */
export function createFormatDetector(dataType: DataType, options: { numericDates?: boolean } = {}): FormatDetector {
  const tracked: Tracked[] = candidatesFor(dataType, options).map((candidate) => ({
    live: true,
    candidate,
    readsAsIs: compileCanonicalCheck(candidate.dataType, candidate.format),
    read: compileValueReader(candidate.dataType, candidate.format),
    meant: meantBy(candidate),
    matched: 0,
    failed: 0,
    failedExamples: [],
  }));
  // Pairs of candidates (i < j) that read some value differently, with examples.
  const disagreements = new Map<number, DifferentReading[]>();
  const readings: (string | undefined)[] = new Array(tracked.length);
  const words = new Map<string, number>();
  let wordsOverflow = false;
  let values = 0;
  let empty = 0;
  /** Formats that have read every value so far. */
  let complete = tracked.length;

  const add = (value: string) => {
    if (value.trim() === '') {
      empty++;
      return;
    }
    values++;
    if (dataType === 'boolean' && !wordsOverflow) {
      const word = normalizeWord(value);
      words.set(word, (words.get(word) ?? 0) + 1);
      if (words.size > MAX_BOOLEAN_WORDS) wordsOverflow = true;
    }
    let readers = 0;
    for (let i = 0; i < tracked.length; i++) {
      const t = tracked[i]!;
      if (!t.live) {
        t.failed++;
        readings[i] = undefined;
        continue;
      }
      // Most values of a clean column are written canonically: every format that reads them reads
      // them unchanged, without the reader's regexes and strings (a 1M-row guess spent most of its time there).
      if (t.readsAsIs(value)) {
        t.matched++;
        readings[i] = value;
        readers++;
        continue;
      }
      const result = t.read(value);
      if (result.ok && t.meant(value)) {
        t.matched++;
        readings[i] = result.value;
        readers++;
      } else {
        if (t.failed === 0) complete--;
        t.failed++;
        readings[i] = undefined;
        if (t.failedExamples.length < EXAMPLES && !t.failedExamples.includes(value)) t.failedExamples.push(value);
        if (values >= PRUNE_AFTER && t.failed * 2 > values) t.live = false;
      }
    }
    if (readers < 2) return;
    for (let i = 0; i < tracked.length; i++) {
      if (readings[i] === undefined) continue;
      for (let j = i + 1; j < tracked.length; j++) {
        if (readings[j] === undefined || readings[j] === readings[i]) continue;
        const key = i * 64 + j;
        const examples = disagreements.get(key) ?? [];
        if (examples.length < EXAMPLES) examples.push({ value, first: readings[i]!, second: readings[j]! });
        disagreements.set(key, examples);
      }
    }
  };

  const fitOf = (t: Tracked): CandidateFit => ({
    ...t.candidate,
    label: describeFormat(t.candidate.dataType, t.candidate.format),
    matched: t.matched,
    failed: t.failed,
    failedExamples: t.failedExamples,
  });

  const result = (): FormatDetection => {
    const fits = tracked.map(fitOf);
    const booleanWords = dataType === 'boolean' && !wordsOverflow ? booleanWordsFit(words, values, empty) : undefined;
    if (booleanWords) fits.push(booleanWords);
    const order = fits.map((_, i) => i).sort((a, b) => fits[b]!.matched - fits[a]!.matched || a - b);
    const detection: FormatDetection = { dataType, values, empty, candidates: order.map((i) => fits[i]!) };
    if (values === 0) return detection;
    // Formats that read every value; of those that never disagree, the first stands for all.
    const complete = fits.map((f, i) => (f.failed === 0 ? i : -1)).filter((i) => i >= 0);
    const distinct: number[] = [];
    for (const i of complete) {
      if (distinct.every((d) => disagreements.has(d * 64 + i) || i >= tracked.length)) distinct.push(i);
    }
    const [first, second] = distinct;
    if (first === undefined) return detection;
    detection.proposal = fits[first];
    if (second !== undefined && second < tracked.length) {
      detection.ambiguous = {
        first: fits[first]!,
        second: fits[second]!,
        examples: disagreements.get(first * 64 + second)!,
      };
    }
    return detection;
  };

  const mayPropose = () => complete > 0 || (dataType === 'boolean' && !wordsOverflow);

  return { add, result, mayPropose };
}

const EVERYTHING = () => true;
/** 9 or 10 digits before any fraction: from 1973 to 2286. */
const UNIX_SECONDS_OF_OUR_TIME = /^\s*\d{9,10}(?:\.\d+)?\s*$/;

/**
 * Which values a format reads as a file means them, for proposing it. Any run of up to 12 digits
 * is a number of seconds since 1970, but files write Unix times of their own years: Météo-France's
 * AAAAMMJJHHMN column (202501010000, 1 January 2025 at midnight) was proposed as Unix seconds,
 * "reads all 100", and imported in the year 8387; 20250101 would be August 1970. Only detection
 * counts such readings as failures: a list's format reads what it always read.
 */
function meantBy(candidate: FormatCandidate): (raw: string) => boolean {
  if (candidate.dataType !== 'datetime' || (candidate.format as DatetimeFormat | undefined)?.pattern !== 'unix-seconds')
    return EVERYTHING;
  // Text with a year first is read as ISO 8601 by every layout.
  return (raw) => UNIX_SECONDS_OF_OUR_TIME.test(raw) || /^\s*\d{4}-/.test(raw);
}

/** A boolean column written with a known pair of words that are not true/false (ja/nein, x/empty…). */
function booleanWordsFit(words: Map<string, number>, values: number, empty: number): CandidateFit | undefined {
  const seen = [...words.keys()];
  for (const [yes, no] of KNOWN_BOOLEAN_WORDS) {
    if (!seen.every((w) => w === yes || w === no)) continue;
    // The default words (yes/no, y/n, t/f, true/false) need no format.
    if (['yes', 'y', 'true', 't'].includes(yes)) return undefined;
    const format: BooleanFormat = { trueWords: [yes], falseWords: [no] };
    // "x" for yes and nothing for no: the empty cells are the no's.
    const matched = no === '' ? values + empty : values;
    return {
      dataType: 'boolean',
      format,
      label: describeFormat('boolean', format),
      matched,
      failed: 0,
      failedExamples: [],
    };
  }
  return undefined;
}

/** Detects the format of a whole column at once (for tests and small inputs). */
export function detectColumnFormat(
  values: Iterable<string>,
  dataType: DataType,
  options?: { numericDates?: boolean },
): FormatDetection {
  const detector = createFormatDetector(dataType, options);
  for (const value of values) detector.add(value);
  return detector.result();
}
