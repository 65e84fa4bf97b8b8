import { createFormatDetector, type FormatDetection, type FormatDetector } from '@/lib/formats/detect';
import { withoutTrailingZeros } from '@/lib/formats/numbers';
import type { ColumnFormat, DatetimeFormat, NumberFormat } from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

/**
 * What one column of a file holds, judged on every value (one at a time, constant memory apart from
 * the key check): the type and format that read every non-empty value without changing what the
 * file says, whether it has blanks, and whether its values are unique.
 */

/** Integers written the way PostgreSQL gives them back: no plus sign, no leading zeros, at most 18 digits. */
const CANONICAL_INTEGER = /^-?(?:0|[1-9]\d{0,17})$/;
/** Decimals written the way they are stored: no exponent, no plus sign, no leading zeros, 15 digits before the point. */
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d{0,14})\.\d+$/;
/** Ids and codes that only look like numbers: +2, 007, -0. */
const SIGNED_OR_PADDED = /^\s*(?:\+|-?0\d|-0(?:[.,]0*)?$)/;
/**
 * A name that says its column holds dates, so plain numbers in it may be Excel days or 20240131.
 * "date" inside another word says nothing: data.gouv.fr's charging points file names a postal code
 * "consolidated_code_postal", and its 30190 was proposed as an Excel day (1982-08-05); so would a
 * candidate, validated, mandate or (German) Kandidaten column be.
 */
const DATE_NAME =
  /(?<!(?:[ck]andi|vali|man|consoli|accommo|liqui))date|datum|fecha|data\b|\bday\b|\bdt\b|_dt\b|born|birth|geburt/i;
/** 1.000 or 12.500.000: a decimal, or thousands grouped with dots — the file's other columns tell. */
const DOT_GROUPED = /^-?[1-9]\d{0,2}(?:\.\d{3})+$/;
/** A value written the ISO way, year first with dashes: 2024-03-01, 2024-03-01T10:00:00, 2024-03-01 10:00Z. */
const ISO_SHAPED = /^\s*\d{4}-\d{1,2}-\d{1,2}(?:[T ]|\s*$)/i;
/**
 * ISO dates and times where a time may be left out (2024-03-01 is its midnight), zone-less times in
 * UTC. The default format (no format) would name this layout, but it reads only values with a time:
 * it is what PostgreSQL is given as written. Every other layout falls back to ISO for a value
 * starting with a year, so DD/MM/YYYY HH:MM:SS read such a column too, and was proposed for it —
 * a layout the file never uses, which the list's exports would then write. Naming UTC by its IANA
 * name (Etc/UTC, the same clock) makes Listport read the values in the ISO layout itself, time
 * optional, and write them back that way: the most faithful format that reads every value.
 */
const ISO_TIME_OPTIONAL: DatetimeFormat = { pattern: 'YYYY-MM-DD HH:MM:SS', timeZone: 'Etc/UTC' };
/** Whole numbers with dots grouping thousands (and a comma for decimals, should any come). */
const DOT_GROUPS: NumberFormat = { decimalSeparator: ',', thousandsSeparator: '.' };

export type ColumnGuess = {
  dataType: DataType;
  format?: ColumnFormat;
  /** Another reading of every value, when two fit (day/month vs month/day, 1,234 as a thousand or a decimal). */
  ambiguity?: {
    alternative: ColumnFormat | undefined;
    examples: { value: string; proposed: string; alternative: string }[];
  };
  values: number;
  empty: number;
  examples: string[];
  /**
   * Every value is a whole number or dot-grouped (1.000): proposed as decimals, with dot groups as
   * the other reading, until the file's other columns say which (see readDotGroupsAsTheFileDoes).
   */
  dotGroups?: true;
};

export type ColumnProfile = {
  add(value: string): void;
  /** Whether a format detector fell behind (see Lazy): the column's values must be given again, from the first, to `replay`. */
  behind(): boolean;
  replay(value: string): void;
  guess(): ColumnGuess;
};

type DetectedType = 'integer' | 'number' | 'boolean' | 'datetime';

/**
 * A format detector whose result guess() reads only once an earlier reading of the column has
 * failed: it waits (is not fed) while `waitsWhile` holds — a clean column of 1M decimals or dates
 * never runs it (a 1M-row guess spent most of its time there). Should the earlier reading fail after
 * values went by, the detector is `behind`: it is fed the whole column again (replay) before the guess.
 */
type Lazy = {
  detector: FormatDetector;
  waitsWhile: () => boolean;
  state: 'waiting' | 'live' | 'behind';
  /** Values gone by while waiting: non-empty ones, and blank ones (fed on waking, for the detector's counts). */
  skipped: number;
  skippedBlank: number;
};

export function createColumnProfile(name: string): ColumnProfile {
  // Read first in guess(), for dates written as numbers: fed every value.
  const date = createFormatDetector('date', { numericDates: DATE_NAME.test(name) });
  let values = 0;
  let empty = 0;
  let canonicalIntegers = true;
  let canonicalDecimals = true;
  let plainNumbers = true;
  let dotGrouped = true;
  let isoShaped = true;
  const dotExamples: string[] = [];
  const examples: string[] = [];

  // guess() reads boolean, date, datetime, integer, number in this order, and none of them while
  // every value is a canonical number; a date format that reads every value comes before the rest.
  const numbers = () => canonicalDecimals;
  const numbersOrDates = () => canonicalDecimals || date.mayPropose();
  const lazy = (detector: FormatDetector, waitsWhile: () => boolean): Lazy => ({
    detector,
    waitsWhile,
    state: 'waiting',
    skipped: 0,
    skippedBlank: 0,
  });
  const detectors: Record<DetectedType, Lazy> = {
    boolean: lazy(createFormatDetector('boolean'), numbers),
    datetime: lazy(createFormatDetector('datetime', { numericDates: false }), numbersOrDates),
    integer: lazy(createFormatDetector('integer'), numbersOrDates),
    number: lazy(createFormatDetector('number'), numbersOrDates),
  };
  const all = Object.values(detectors);

  const feed = (entry: Lazy, value: string, blank: boolean) => {
    if (entry.state === 'live') return entry.detector.add(value);
    if (entry.state === 'behind') return;
    if (entry.waitsWhile()) {
      if (blank) entry.skippedBlank++;
      else entry.skipped++;
      return;
    }
    if (entry.skipped > 0) {
      entry.state = 'behind';
      return;
    }
    // Only blanks went by: the detector counts them and reads on from here.
    for (let i = 0; i < entry.skippedBlank; i++) entry.detector.add('');
    entry.state = 'live';
    entry.detector.add(value);
  };

  const resultOf = (type: DetectedType): FormatDetection => {
    const entry = detectors[type];
    if (entry.state !== 'live') throw new Error(`The ${type} detector of column "${name}" is ${entry.state}.`);
    return entry.detector.result();
  };

  return {
    add(value) {
      const blank = value.trim() === '';
      if (blank) empty++;
      else {
        values++;
        if (examples.length < 3 && !examples.includes(value)) examples.push(value);
        if (canonicalIntegers && !CANONICAL_INTEGER.test(value)) canonicalIntegers = false;
        if (canonicalDecimals && !CANONICAL_INTEGER.test(value) && !CANONICAL_DECIMAL.test(value))
          canonicalDecimals = false;
        if (plainNumbers && SIGNED_OR_PADDED.test(value)) plainNumbers = false;
        if (isoShaped && !ISO_SHAPED.test(value)) isoShaped = false;
        if (dotGrouped && !CANONICAL_INTEGER.test(value)) {
          if (!DOT_GROUPED.test(value)) dotGrouped = false;
          else if (dotExamples.length < 3 && !dotExamples.includes(value)) dotExamples.push(value);
        }
      }
      date.add(value);
      for (const entry of all) feed(entry, value, blank);
    },
    behind: () => all.some((entry) => entry.state === 'behind'),
    replay(value) {
      for (const entry of all) if (entry.state === 'behind') entry.detector.add(value);
    },
    guess() {
      // Replayed: every detector behind has now read the whole column.
      for (const entry of all) if (entry.state === 'behind') entry.state = 'live';
      const base = { values, empty, examples };
      if (values === 0) return { dataType: 'string', ...base };
      const dateResult = date.result();
      // Dates written as numbers (20240131, Excel's 45292) only where the column's name says dates.
      const numericDate = dateResult.proposal?.format;
      if (
        numericDate &&
        'pattern' in numericDate &&
        (numericDate.pattern === 'YYYYMMDD' || numericDate.pattern === 'excel-serial')
      )
        return fromDetection('date', dateResult, base);
      if (canonicalIntegers) return { dataType: 'integer', ...base };
      if (canonicalDecimals && dotGrouped && plainNumbers) return dotGroupsOrDecimals(dotExamples, base);
      if (canonicalDecimals) return { dataType: 'number', ...base };
      const boolean = resultOf('boolean');
      if (boolean.proposal) return fromDetection('boolean', boolean, base);
      if (dateResult.proposal) return fromDetection('date', dateResult, base);
      const datetime = resultOf('datetime');
      if (datetime.proposal) {
        // Every value ISO, some without a time: another layout read them only by its ISO fallback.
        if (isoShaped && datetime.proposal.format !== undefined) {
          return { dataType: 'datetime', format: ISO_TIME_OPTIONAL, ...base };
        }
        return fromDetection('datetime', datetime, base);
      }
      // Numbers with decimal commas or thousands groups — never ids that only look like numbers.
      if (plainNumbers) {
        const integer = resultOf('integer');
        if (integer.proposal?.format) return fromDetection('integer', integer, base, true);
        const number = resultOf('number');
        if (number.proposal?.format) return fromDetection('number', number, base, true);
      }
      return { dataType: 'string', ...base };
    },
  };
}

function fromDetection(
  dataType: DataType,
  detection: FormatDetection,
  base: Pick<ColumnGuess, 'values' | 'empty' | 'examples'>,
  preferGroups = false,
): ColumnGuess {
  let proposal = detection.proposal!;
  let other = detection.ambiguous?.second;
  let examples = detection.ambiguous?.examples.map((e) => ({
    value: e.value,
    proposed: e.first,
    alternative: e.second,
  }));
  // 1,234 and 5,678 everywhere: three digits after every comma make thousands groups likelier than decimals.
  if (preferGroups && detection.ambiguous && other && 'thousandsSeparator' in (other.format ?? {})) {
    [proposal, other] = [other, proposal];
    examples = examples?.map((e) => ({ value: e.value, proposed: e.alternative, alternative: e.proposed }));
  }
  return {
    dataType,
    ...(proposal.format && { format: proposal.format }),
    ...(other && examples && { ambiguity: { alternative: other.format, examples } }),
    ...base,
  };
}

/** Decimals proposed, dot-grouped thousands the other reading, each example read both ways. */
function dotGroupsOrDecimals(dotted: string[], base: Pick<ColumnGuess, 'values' | 'empty' | 'examples'>): ColumnGuess {
  return {
    dataType: 'number',
    ambiguity: {
      alternative: DOT_GROUPS,
      examples: dotted.map((value) => ({
        value,
        proposed: withoutTrailingZeros(value),
        alternative: value.replaceAll('.', ''),
      })),
    },
    dotGroups: true,
    ...base,
  };
}

/**
 * A column of 1.000-like values in a file whose other numbers have decimal commas (1.234,56) groups
 * thousands with dots too: its proposal and other reading change places.
 */
export function readDotGroupsAsTheFileDoes(guesses: readonly ColumnGuess[]): ColumnGuess[] {
  const decimalComma = guesses.some(
    (g) =>
      !g.dotGroups && g.format !== undefined && 'decimalSeparator' in g.format && g.format.decimalSeparator === ',',
  );
  if (!decimalComma) return [...guesses];
  return guesses.map((g) =>
    g.dotGroups && g.ambiguity
      ? {
          ...g,
          format: DOT_GROUPS,
          ambiguity: {
            alternative: undefined,
            examples: g.ambiguity.examples.map((e) => ({ ...e, proposed: e.alternative, alternative: e.proposed })),
          },
        }
      : g,
  );
}
