import { describe, expect, it } from 'vitest';

import { PROBLEM_CODES } from '@/lib/csv/problem';

import { emptyUnnamedColumns, unnamedColumns } from './unnamed-columns';

describe('unnamedColumns', () => {
  it('is undefined when every header cell has a name', () => {
    expect(unnamedColumns(['sku', 'price'])).toBeUndefined();
  });

  it('leaves the unnamed columns out of the header and of records whose fields there are empty', () => {
    const unnamed = unnamedColumns(['sku', 'price', '', 'note', ' '])!;
    expect(unnamed.named).toEqual(['sku', 'price', 'note']);
    expect(unnamed.take(['A-1', '1', '', 'x', ''], 2)).toEqual(['A-1', '1', 'x']);
  });

  it('refuses a value in an unnamed column on its row, naming the column by its letter', () => {
    const unnamed = unnamedColumns(['sku', 'price', '', ''])!;
    expect(unnamed.take(['A-1', '1', '', 'oops'], 7)).toMatchObject({
      errorCode: PROBLEM_CODES.valueWithoutColumn,
      row: 7,
      column: '(column D without a name)',
      value: 'oops',
      message: 'Row 7 has the value "oops" in column D, which has no name in the header row.',
      remediation: expect.stringMatching(/Name column D in the header row/),
    });
    expect(unnamed.take(['A-1', '1', ' ', ''], 8)).toMatchObject({ errorCode: PROBLEM_CODES.valueWithoutColumn });
  });

  it('refuses a record not as wide as the header', () => {
    const unnamed = unnamedColumns(['sku', 'price', ''])!;
    expect(unnamed.take(['A-1', '1'], 3)).toMatchObject({
      errorCode: PROBLEM_CODES.raggedRow,
      message: 'Row 3 has 2 values, but the header has 3 columns.',
    });
  });
});

describe('emptyUnnamedColumns', () => {
  it('names the columns with no name and no value, not an unnamed column that holds one', () => {
    const header = ['sku', '', 'price', ' ', ''];
    expect(
      emptyUnnamedColumns(header, [
        ['A', '', '1', '', ''],
        ['B', '', '2', '', 'x'],
      ]),
    ).toEqual([1, 3]);
    // A short record has nothing in the columns it lacks.
    expect(emptyUnnamedColumns(header, [['A', '', '1']])).toEqual([1, 3, 4]);
  });

  it('leaves a header of nothing but empty cells alone', () => {
    expect(emptyUnnamedColumns(['', ''], [['', '']])).toEqual([]);
  });
});
