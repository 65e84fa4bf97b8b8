import { describe, expect, it } from 'vitest';

import { columnChars, MAX_COLUMN_CHARS, MIN_COLUMN_CHARS, rowNumberChars } from './column-widths';

describe('columnChars', () => {
  it('fits each column to its bold header or its longest value, within the bounds', () => {
    const sample = [
      ['1', 'yes', 'kunde1@example.com', 'Called on 1 March about the second delivery, a week late'],
      ['1000', 'no', 'kunde1000@example.com', ''],
    ];
    expect(columnChars(['customerId', 'vip', 'email', 'notes'], sample)).toEqual([
      11, // "customerId", bold
      MIN_COLUMN_CHARS,
      'kunde1000@example.com'.length,
      MAX_COLUMN_CHARS,
    ]);
  });

  it('counts characters, shows line breaks as one, and takes a missing value as empty', () => {
    expect(columnChars(['a', 'b', 'c'], [['Zoë Müller 😀', 'a\r\nb'], []])).toEqual([12, MIN_COLUMN_CHARS, 6]);
  });

  it('is as wide as its header when there are no rows yet', () => {
    expect(columnChars(['since', 'amount (EUR)'], [])).toEqual([MIN_COLUMN_CHARS, 14]);
  });
});

describe('rowNumberChars', () => {
  it('is as wide as the largest row number, at least the bold header', () => {
    expect(rowNumberChars(7)).toBe(4);
    expect(rowNumberChars(20_001)).toBe(5);
    expect(rowNumberChars(1_000_001)).toBe(7);
  });
});
