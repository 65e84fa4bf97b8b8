import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/lists/columns';

import { csvField, csvRow, exportRow, neutralizeFormula } from './csv-writer';

describe('neutralizeFormula', () => {
  it('prefixes values that a spreadsheet would run as a formula with an apostrophe', () => {
    expect(neutralizeFormula('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutralizeFormula('+1+1')).toBe("'+1+1");
    expect(neutralizeFormula('-2+3')).toBe("'-2+3");
    expect(neutralizeFormula('@cmd')).toBe("'@cmd");
    expect(neutralizeFormula('\t=1')).toBe("'\t=1");
    expect(neutralizeFormula('\r=1')).toBe("'\r=1");
    expect(neutralizeFormula('=HYPERLINK("http://evil","click")')).toBe('\'=HYPERLINK("http://evil","click")');
  });

  it('leaves other values alone, including formula characters later in the value', () => {
    for (const value of ['', 'ACME', 'a=b', '1+1', ' =1', "'=already", '42', 'Zoë', '#N/A']) {
      expect(neutralizeFormula(value)).toBe(value);
    }
  });
});

describe('csvField', () => {
  it('leaves plain values unquoted', () => {
    expect(csvField('ACME')).toBe('ACME');
    expect(csvField('')).toBe('');
    expect(csvField('a;b|c\td')).toBe('a;b|c\td');
    expect(csvField("O'Brien")).toBe("O'Brien");
  });

  it('quotes values with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });

  it('quotes values with leading or trailing whitespace so it survives re-import', () => {
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('padded ')).toBe('"padded "');
    expect(csvField('\tx')).toBe('"\tx"');
    expect(csvField(' ')).toBe('" "');
  });
});

describe('csvRow', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRow(['1', 'a,b', 'say "x"', ''])).toBe('1,"a,b","say ""x""",\r\n');
    expect(csvRow([])).toBe('\r\n');
  });
});

describe('exportRow', () => {
  const column = (dataType: ListColumn['dataType'], i: number): ListColumn => ({
    name: `c${i}`,
    dataType,
    position: i,
    isKey: i === 1,
    keyPosition: i === 1 ? 1 : 0,
    required: false,
    storage: `c${i}`,
  });
  const columns = [column('string', 1), column('integer', 2), column('number', 3), column('string', 4)];

  it('neutralizes formulas in text columns only, leaves negative numbers alone and writes null as empty', () => {
    expect(exportRow(['=1+1', '-5', '-1.5e3', null], columns)).toBe("'=1+1,-5,-1.5e3,\r\n");
  });

  it('neutralizes before quoting, so a dangerous value that needs quotes is both', () => {
    expect(exportRow(['=A1,B1', '1', '2', '@x "y"'], columns)).toBe('"\'=A1,B1",1,2,"\'@x ""y"""\r\n');
  });

  it('writes an empty string and a null the same way', () => {
    expect(exportRow(['', '0', '0', null], columns)).toBe(',0,0,\r\n');
  });
});
