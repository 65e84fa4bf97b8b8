import { ACCEPTS_AS_IS } from '@/lib/lists/value-parsers';

/**
 * Which columns (or pairs of columns) are non-empty and unique over a whole file. Each candidate
 * keeps the set of values seen until its first blank or repeat, when it is dropped; past `maxValues`
 * values in all, no new ones are remembered and later values are only checked against those kept
 * (a repeat of an early value is still caught; the answer says the check was partial).
 */
export type KeyTracker = {
  add(record: readonly string[]): void;
  /** Candidates still non-empty and unique, in the order given. */
  unique(): number[][];
  /** Whether values stopped being remembered (the file was too large to check every pair of rows). */
  partial(): boolean;
};

/**
 * The values a candidate has seen. A single column's canonical integers (12, not 012 or +12) are
 * kept as numbers, which a set hashes faster than text; two such values are equal as numbers
 * exactly when they are equal as text, and every other value is kept as text. While they come in
 * ascending order (ids mostly do) they are only listed: each is new without a lookup, and the list
 * moves into the set at the first that is not above the last.
 */
type Seen = { ascending: number[]; numbers: Set<number>; texts: Set<string> };

const isCanonicalInteger = ACCEPTS_AS_IS.integer;

export function createKeyTracker(candidates: readonly (readonly number[])[], maxValues = 4_000_000): KeyTracker {
  const live = candidates.map((columns) => ({
    columns,
    seen: { ascending: [], numbers: new Set<number>(), texts: new Set<string>() } as Seen | undefined,
  }));
  let remembered = 0;
  let partial = false;
  /** False for a value seen before; else remembers it (while there is room) and says true. */
  const remember = <T>(set: Set<T>, value: T): boolean => {
    if (remembered >= maxValues) {
      if (set.has(value)) return false;
      partial = true;
      return true;
    }
    // One lookup, not has() then add(): the set grows unless it held the value.
    const size = set.size;
    set.add(value);
    if (set.size === size) return false;
    remembered++;
    return true;
  };
  const rememberNumber = (seen: Seen, value: number): boolean => {
    const { ascending } = seen;
    if (seen.numbers.size === 0 && (ascending.length === 0 || value > ascending[ascending.length - 1]!)) {
      // Above every value kept: not seen before.
      if (remembered >= maxValues) partial = true;
      else {
        ascending.push(value);
        remembered++;
      }
      return true;
    }
    if (ascending.length > 0) {
      for (const kept of ascending) seen.numbers.add(kept);
      seen.ascending = [];
    }
    return remember(seen.numbers, value);
  };
  return {
    add(record) {
      for (const candidate of live) {
        const seen = candidate.seen;
        if (!seen) continue;
        const columns = candidate.columns;
        let key = '';
        let blank = false;
        for (let i = 0; i < columns.length; i++) {
          const value = record[columns[i]!] ?? '';
          if (value.trim() === '') blank = true;
          key = i === 0 ? value : `${key}\u0000${value}`;
        }
        const repeat =
          !blank &&
          (columns.length === 1 && isCanonicalInteger(key)
            ? !rememberNumber(seen, Number(key))
            : !remember(seen.texts, key));
        if (blank || repeat) {
          remembered -= seen.ascending.length + seen.numbers.size + seen.texts.size;
          candidate.seen = undefined;
        }
      }
    },
    unique: () => live.filter((c) => c.seen).map((c) => [...c.columns]),
    partial: () => partial,
  };
}
