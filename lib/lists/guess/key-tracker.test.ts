import { describe, expect, it } from 'vitest';

import { createKeyTracker } from './key-tracker';

function uniqueOf(rows: string[][], candidates: number[][], maxValues?: number) {
  const tracker = createKeyTracker(candidates, maxValues);
  for (const row of rows) tracker.add(row);
  return { unique: tracker.unique(), partial: tracker.partial() };
}

describe('createKeyTracker', () => {
  it('tells whole numbers from text that reads as the same number (12, 012, +12, 12.0)', () => {
    expect(uniqueOf([['12'], ['012'], ['+12'], ['12.0'], ['-12'], [' 12']], [[0]]).unique).toEqual([[0]]);
    expect(uniqueOf([['1'], ['2'], ['3'], ['2']], [[0]]).unique).toEqual([]);
    expect(uniqueOf([['a'], ['007'], ['b'], ['007']], [[0]]).unique).toEqual([]);
  });

  it('finds a repeat of an early value after ascending ones, and after the order breaks', () => {
    const ascending = Array.from({ length: 1000 }, (_, i) => [String(i * 2)]);
    expect(uniqueOf([...ascending, ['0']], [[0]]).unique).toEqual([]);
    expect(uniqueOf([...ascending, ['1'], ['3'], ['998']], [[0]]).unique).toEqual([]);
    expect(uniqueOf([...ascending, ['1'], ['3'], ['1999']], [[0]]).unique).toEqual([[0]]);
    expect(uniqueOf([...ascending, ['1998']], [[0]]).unique).toEqual([]);
  });

  it('drops a candidate at a blank or at a repeat on the last row', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i), `k${i}`, String(i % 10)]);
    expect(uniqueOf([...rows, ['1000', ' ', '0']], [[0], [1], [0, 2]]).unique).toEqual([[0], [0, 2]]);
    expect(uniqueOf([...rows, ['999', 'k1000', '1']], [[0], [1], [0, 2]]).unique).toEqual([[1], [0, 2]]);
    expect(uniqueOf([...rows, ['999', 'k1000', '9']], [[0], [1], [0, 2]]).unique).toEqual([[1]]);
  });

  it('checks values past the limit against those kept, and says the check was partial', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [String(i), `k${i}`]);
    expect(uniqueOf([...rows, ['3', 'k99']], [[0], [1]], 8)).toEqual({ unique: [[1]], partial: true });
    expect(uniqueOf(rows, [[0]], 100)).toEqual({ unique: [[0]], partial: false });
  });
});
