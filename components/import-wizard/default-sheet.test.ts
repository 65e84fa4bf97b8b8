import { describe, expect, it } from 'vitest';

import { defaultSheet } from './default-sheet';

const sheet = (name: string, rows?: number, columns?: number, hidden = false) => ({ name, hidden, rows, columns });

describe('defaultSheet', () => {
  it('passes over an empty sheet, a sheet holding one note and a header alone, to the records', () => {
    expect(
      defaultSheet([
        sheet('Sheet1', 0, 0),
        sheet('Read me', 1, 1),
        sheet('Header only', 1, 5),
        sheet('Customers', 7, 5),
        sheet('Orders', 40, 3),
      ])?.name,
    ).toBe('Customers');
  });

  it('takes a sheet whose size is not known, as it may hold records', () => {
    expect(defaultSheet([sheet('Read me', 1, 1), sheet('Customers')])?.name).toBe('Customers');
  });

  it('passes over a hidden sheet with records', () => {
    expect(defaultSheet([sheet('Lookup', 30, 2, true), sheet('Read me', 1, 1), sheet('Customers', 7, 5)])?.name).toBe(
      'Customers',
    );
  });

  it('falls back to the first sheet shown, then the first sheet, when none holds records', () => {
    expect(defaultSheet([sheet('Hidden', 0, 0, true), sheet('Read me', 1, 1), sheet('Sheet2', 0, 0)])?.name).toBe(
      'Read me',
    );
    expect(defaultSheet([sheet('Hidden', 1, 1, true)])?.name).toBe('Hidden');
    expect(defaultSheet([])).toBeUndefined();
  });
});
