import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import { compileExportRow, csvField, csvRow, exportHeader, exportRow } from './csv-writer';

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

  it('neutralizes the header like values', () => {
    expect(exportHeader([column('string', 1), { ...column('string', 2), name: '=HYPERLINK("http://x")' }])).toBe(
      'c1,"\'=HYPERLINK(""http://x"")"\r\n',
    );
  });

  it('writes values in the columns’ formats with `list`, numbers never neutralised', () => {
    const formatted: ListColumn[] = [
      { ...column('date', 1), format: { pattern: 'DD/MM/YYYY' } },
      { ...column('number', 2), format: { decimalSeparator: ',', thousandsSeparator: '.' } },
      { ...column('boolean', 3), format: { trueWords: ['ja'], falseWords: ['nein'] } },
      column('string', 4),
    ];
    const values = ['2024-12-31', '-1234.5', 'true', '-5'];
    expect(compileExportRow(formatted, 'list')(values)).toBe('31/12/2024,"-1.234,5",ja,-5\r\n');
    expect(compileExportRow(formatted)(values)).toBe('2024-12-31,-1234.5,true,-5\r\n');
  });
});
