import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { escapeFormula, isEscapedFormula, looksLikeFormula, unescapeFormula } from './formula-escape';

describe('escapeFormula', () => {
  it('puts an apostrophe before what a spreadsheet would run as a formula', () => {
    for (const value of [
      '=SUM(A1:A9)',
      '+1+1',
      '-2+3',
      '@cmd',
      '\t=1',
      '\r=1',
      '=HYPERLINK("http://evil","click")',
      ' =1+1',
      '\u200b=1+1',
      '\ufeff@x',
      ' \u00a0-cmd',
      '\uff1d1+1',
      '\uff0bcmd',
      '\uff0d2',
      '\uff20x',
    ]) {
      expect(escapeFormula(value), JSON.stringify(value)).toBe(`'${value}`);
    }
  });

  it('leaves plain numbers, a lone sign and other values as they are', () => {
    for (const value of [
      '-5',
      '+355',
      '-11.2027',
      '1e5',
      '-1.5E-3',
      '+.5',
      '-',
      '+',
      '',
      'ACME',
      'a=b',
      '1+1',
      '42',
      "O'Brien",
      '#N/A',
      ' -5',
    ]) {
      expect(escapeFormula(value), JSON.stringify(value)).toBe(value);
      expect(looksLikeFormula(value)).toBe(false);
    }
  });

  it('adds one more apostrophe to a value that already starts with apostrophes before a sign, so the round trip is exact', () => {
    expect(escapeFormula("'=already")).toBe("''=already");
    expect(escapeFormula("''-5")).toBe("'''-5");
    expect(escapeFormula("'-5")).toBe("''-5");
    expect(escapeFormula("'hello")).toBe("'hello");
  });
});

describe('unescapeFormula', () => {
  it('takes exactly one neutralising apostrophe away', () => {
    expect(unescapeFormula("'=1+1")).toBe('=1+1');
    expect(unescapeFormula("''=1+1")).toBe("'=1+1");
    // Older exports neutralised numbers too: their apostrophe goes as well.
    expect(unescapeFormula("'-5")).toBe('-5');
    expect(unescapeFormula("'+355")).toBe('+355');
    expect(unescapeFormula("' =x")).toBe(' =x');
    expect(unescapeFormula("'\t=1")).toBe('\t=1');
    expect(isEscapedFormula("'hello")).toBe(false);
    expect(unescapeFormula("'hello")).toBe("'hello");
    expect(unescapeFormula("'")).toBe("'");
  });

  it('gives back exactly what was escaped, and an escaped value is never a formula (property)', () => {
    const alphabet = fc.constantFrom(
      "'",
      '=',
      '+',
      '-',
      '@',
      ' ',
      '\t',
      '\r',
      '\u200b',
      '\uff1d',
      '1',
      '.',
      'e',
      'a',
      '\u00a0',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 8 }).map((chars) => chars.join('')),
        (value) => {
          const escaped = escapeFormula(value);
          expect(unescapeFormula(escaped)).toBe(value);
          expect(looksLikeFormula(escaped)).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
