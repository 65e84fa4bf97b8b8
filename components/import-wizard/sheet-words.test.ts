import { describe, expect, it } from 'vitest';

import { oneCellSheetWords, onlyCell, sheetSizeWords } from './sheet-words';

describe('sheetSizeWords', () => {
  it('says a sheet of one cell holds no records, apart from a header without rows', () => {
    expect(sheetSizeWords({ rows: 1, columns: 1 })).toBe(' — one cell only, no records');
    expect(sheetSizeWords({ rows: 1, columns: 5 })).toBe(' — one row: no rows under its header');
    expect(sheetSizeWords({ rows: 0, columns: 0 })).toBe(' — empty');
    expect(sheetSizeWords({ rows: 7, columns: 5 })).toBe(' — 7 rows');
    expect(sheetSizeWords({})).toBe('');
  });
});

describe('onlyCell', () => {
  it('finds a note alone on its sheet, wherever it sits', () => {
    expect(onlyCell([{ number: 2, texts: ['', 'Exported from X on 1 Dec'] }])).toBe('Exported from X on 1 Dec');
  });

  it('finds none in a header, in rows or in an empty sheet', () => {
    expect(onlyCell([{ number: 1, texts: ['id', 'email'] }])).toBeUndefined();
    expect(
      onlyCell([
        { number: 1, texts: ['id'] },
        { number: 2, texts: ['1'] },
      ]),
    ).toBeUndefined();
    expect(onlyCell([])).toBeUndefined();
  });
});

describe('oneCellSheetWords', () => {
  it('names the sheet and quotes its cell, shortened when long', () => {
    expect(oneCellSheetWords('Read me', 'Exported from X on 1 Dec')).toBe(
      'Sheet “Read me” holds no records, only one cell: “Exported from X on 1 Dec”.',
    );
    expect(oneCellSheetWords('Notes', 'x'.repeat(100))).toBe(
      `Sheet “Notes” holds no records, only one cell: “${'x'.repeat(80)}…”.`,
    );
  });
});
