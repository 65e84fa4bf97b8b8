import { describe, expect, it } from 'vitest';

import { withoutCurrencySign } from './cell-transforms';

describe('withoutCurrencySign', () => {
  it.each([
    ['$1,234.50', '1,234.50'],
    ['US$ 12', '12'],
    ['-$7.25', '-7.25'],
    ['$-7.25', '-7.25'],
    ['€ 12,50', '12,50'],
    ['12,50 €', '12,50'],
    [' 1.234,50 EUR ', '1.234,50'],
    ['USD 3', '3'],
    ['3USD', '3'],
  ])('reads %j as %j', (value, number) => {
    expect(withoutCurrencySign(value)).toBe(number);
  });

  it.each(['12.50', 'EUR', '$', 'n/a', 'abc EUR', '€ abc', ''])('leaves %j as it is', (value) => {
    expect(withoutCurrencySign(value)).toBe(value);
  });

  it('reads a cell of a million characters at once, however its spaces fall', () => {
    // Lazy patterns before trailing spaces took 3.5 s at 40,000 characters and grow with the square.
    const spaces = ' '.repeat(1_000_000);
    expect(withoutCurrencySign(`$1${spaces}x`)).toBe(`1${spaces}x`);
    expect(withoutCurrencySign(`1${spaces}x`)).toBe(`1${spaces}x`);
    expect(withoutCurrencySign(`1${spaces}x EUR`)).toBe(`1${spaces}x`);
  });
});
