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

export function createKeyTracker(candidates: readonly (readonly number[])[], maxValues = 4_000_000): KeyTracker {
  const live = candidates.map((columns) => ({ columns, seen: new Set<string>() as Set<string> | undefined }));
  let remembered = 0;
  let partial = false;
  return {
    add(record) {
      for (const candidate of live) {
        if (!candidate.seen) continue;
        let key = '';
        let blank = false;
        for (let i = 0; i < candidate.columns.length; i++) {
          const value = record[candidate.columns[i]!] ?? '';
          if (value.trim() === '') blank = true;
          key = i === 0 ? value : `${key}\u0000${value}`;
        }
        if (blank || candidate.seen.has(key)) {
          remembered -= candidate.seen.size;
          candidate.seen = undefined;
          continue;
        }
        if (remembered < maxValues) {
          candidate.seen.add(key);
          remembered++;
        } else partial = true;
      }
    },
    unique: () => live.filter((c) => c.seen).map((c) => [...c.columns]),
    partial: () => partial,
  };
}
