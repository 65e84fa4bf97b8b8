import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ParseResult } from '@/lib/lists/value-parsers';
import { DATE_PATTERNS, DATETIME_PATTERNS, type ColumnFormat, type NumberFormat } from '@/lib/shared/column-formats';
import type { DataType } from '@/lib/shared/data-types';

import { compileValueReader, compileValueWriter, describeFormat, hasEffect, valueForEmpty } from './column-format';

function reader(dataType: DataType, format: ColumnFormat | undefined) {
  const read = compileValueReader(dataType, format);
  return {
    ok(raw: string): string {
      const result = read(raw);
      if (!result.ok)
        throw new Error(`expected ${JSON.stringify(raw)} to read, got: ${result.reason} (${result.hint})`);
      return result.value;
    },
    fail(raw: string): Extract<ParseResult, { ok: false }> {
      const result = read(raw);
      if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${JSON.stringify(result.value)}`);
      expect(result.reason.length).toBeGreaterThan(0);
      expect(result.hint.length).toBeGreaterThan(0);
      return result;
    },
  };
}

describe('dates', () => {
  const cases: [string, string[], string][] = [
    [
      'DD/MM/YYYY',
      ['31/12/2024', '31/12/2024 ', '1/2/2024', '01/02/2024'],
      '2024-12-31|2024-12-31|2024-02-01|2024-02-01',
    ],
    ['MM/DD/YYYY', ['12/31/2024', '1/2/2024', '02/29/2024'], '2024-12-31|2024-01-02|2024-02-29'],
    ['DD.MM.YYYY', ['31.12.2024', '1.2.1999'], '2024-12-31|1999-02-01'],
    ['DD-MM-YYYY', ['31-12-2024', '01-02-0001'], '2024-12-31|0001-02-01'],
    ['MM-DD-YYYY', ['12-31-2024'], '2024-12-31'],
    ['YYYY/MM/DD', ['2024/12/31', '2024/1/2'], '2024-12-31|2024-01-02'],
    ['YYYYMMDD', ['20241231', '00010101'], '2024-12-31|0001-01-01'],
    ['DD/MM/YY', ['31/12/24', '1/1/29', '1/1/30', '31/12/1899'], '2024-12-31|2029-01-01|1930-01-01|1899-12-31'],
    ['MM/DD/YY', ['12/31/99', '2/29/00'], '1999-12-31|2000-02-29'],
    [
      'excel-serial',
      ['45657', '1', '59', '61', '2958465', '45657.0'],
      '2024-12-31|1900-01-01|1900-02-28|1900-03-01|9999-12-31|2024-12-31',
    ],
  ];

  it.each(cases)('%s reads its own writing', (pattern, inputs, expected) => {
    const { ok } = reader('date', { pattern: pattern as (typeof DATE_PATTERNS)[number] });
    expect(inputs.map(ok).join('|')).toBe(expected);
  });

  it('every pattern also reads YYYY-MM-DD (a list’s export loads back), and checks the calendar', () => {
    for (const pattern of DATE_PATTERNS) {
      const { ok, fail } = reader('date', { pattern });
      expect(ok('2024-02-29')).toBe('2024-02-29');
      expect(fail('2023-02-29').reason).toBe('is not a real calendar date');
    }
  });

  it('refuses impossible days and the wrong order, saying how the format writes dates', () => {
    const dmy = reader('date', { pattern: 'DD/MM/YYYY' });
    expect(dmy.fail('12/31/2024').reason).toBe('is not a real calendar date: there is no month 31');
    expect(dmy.fail('13/13/2024')).toEqual({
      ok: false,
      reason: 'is not a real calendar date: there is no month 13',
      hint: 'Check the day and month: months go from 1 to 12.',
    });
    expect(dmy.fail('31/04/2024')).toMatchObject({ hint: 'Check the day and month: this day does not exist.' });
    expect(dmy.fail('31.12.2024')).toMatchObject({
      reason: 'is not a date written as DD/MM/YYYY',
      hint: 'Write dates like 31/12/2024 (DD/MM/YYYY), or as YYYY-MM-DD.',
    });
    expect(dmy.fail('31/12/24').reason).toBe('is not a date written as DD/MM/YYYY');
    expect(dmy.fail('2024-12-31T10:00').reason).toMatch(/DD\/MM\/YYYY/);
    expect(reader('date', { pattern: 'YYYYMMDD' }).fail('20241301').reason).toBe(
      'is not a real calendar date: there is no month 13',
    );
  });

  it('reads Excel day numbers with Excel’s calendar, refusing its 29 February 1900 and fractions', () => {
    const { ok, fail } = reader('date', { pattern: 'excel-serial' });
    expect(ok('61')).toBe('1900-03-01');
    expect(fail('60').hint).toMatch(/never was/);
    expect(fail('0').hint).toMatch(/from 1 \(1900-01-01\)/);
    expect(fail('2958466').hint).toMatch(/9999-12-31/);
    expect(fail('45657.5').reason).toMatch(/written as excel-serial/);
    expect(fail('-3').reason).toMatch(/excel-serial/);
  });

  it('writes dates back in the pattern, two-digit years only where they read back the same', () => {
    const write = (pattern: (typeof DATE_PATTERNS)[number], value: string) =>
      compileValueWriter('date', { pattern })(value);
    expect(write('DD/MM/YYYY', '2024-02-01')).toBe('01/02/2024');
    expect(write('MM/DD/YYYY', '2024-02-01')).toBe('02/01/2024');
    expect(write('DD.MM.YYYY', '2024-02-01')).toBe('01.02.2024');
    expect(write('YYYYMMDD', '2024-02-01')).toBe('20240201');
    expect(write('DD/MM/YY', '2024-02-01')).toBe('01/02/24');
    expect(write('DD/MM/YY', '1899-02-01')).toBe('01/02/1899');
    expect(write('excel-serial', '2024-12-31')).toBe('45657');
    expect(write('excel-serial', '1900-01-01')).toBe('1');
    expect(write('excel-serial', '1900-03-01')).toBe('61');
  });

  it('round-trips every date of years 1–9999 through every pattern (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...DATE_PATTERNS),
        (date, pattern) => {
          const canonical = date.toISOString().slice(0, 10);
          if (pattern === 'excel-serial' && canonical < '1900-01-01') return;
          const written = compileValueWriter('date', { pattern })(canonical);
          expect(reader('date', { pattern }).ok(written)).toBe(canonical);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('numbers', () => {
  const de: NumberFormat = { decimalSeparator: ',', thousandsSeparator: '.' };
  const us: NumberFormat = { decimalSeparator: '.', thousandsSeparator: ',' };
  const fr: NumberFormat = { decimalSeparator: ',', thousandsSeparator: 'space' };
  const ch: NumberFormat = { decimalSeparator: '.', thousandsSeparator: "'" };

  it('reads decimal commas and thousands groups into canonical numbers', () => {
    const { ok } = reader('number', de);
    expect(['1.234,56', '-1.234.567,5', '+3,0', '1234,5', '0,001', '12', ' 7,5 ', '1,5e3'].map(ok)).toEqual([
      '1234.56',
      '-1234567.5',
      '3.0',
      '1234.5',
      '0.001',
      '12',
      '7.5',
      '1.5e3',
    ]);
    expect(reader('number', us).ok('1,234,567.89')).toBe('1234567.89');
    expect(reader('number', fr).ok('1 234 567,89')).toBe('1234567.89');
    expect(reader('number', fr).ok('1\u00a0234,5')).toBe('1234.5');
    expect(reader('number', fr).ok('1\u202f234,5')).toBe('1234.5');
    expect(reader('number', ch).ok("1'234.5")).toBe('1234.5');
    expect(reader('number', ch).ok('1’234.5')).toBe('1234.5');
    expect(reader('number', { decimalSeparator: ',' }).ok('1234,5')).toBe('1234.5');
  });

  it('reads a minus after the number (accounting exports) and the typographic minus', () => {
    // Lines of CharlesNepote/CSV-test-files, a public set of French test CSVs:
    // https://github.com/CharlesNepote/CSV-test-files/blob/3bea4e85755c96b501c6f40d58cd6049ce768515/README.md
    // data;Numbers as numbers;133.55;-133.55;133.55-;133,55;-133,55;133,55-
    expect(reader('number', { decimalSeparator: ',' }).ok('133,55-')).toBe('-133.55');
    expect(reader('number', de).ok('1.234,50-')).toBe('-1234.50');
    expect(reader('number', us).ok('133.55-')).toBe('-133.55');
    expect(reader('integer', de).ok('1.234-')).toBe('-1234');
    expect(reader('number', fr).ok('\u22127,5')).toBe('-7.5');
    expect(reader('number', de).ok('\u22121.234,5')).toBe('-1234.5');
    // One sign only, and never a minus between digits.
    for (const raw of ['-133,55-', '+133,55-', '13-3,55', '133,55--', '1,5e3-', '\u2212'])
      expect(reader('number', de).fail(raw));
  });

  it('refuses groups that are not groups of three, and the other convention, saying how to write numbers', () => {
    const { fail } = reader('number', de);
    expect(fail('1.23,4')).toMatchObject({
      reason: 'is not a number in the list’s format',
      hint: 'This column writes numbers like 1.234.567,89 (a decimal comma, thousands grouped with dots).',
    });
    for (const raw of ['12.34.567', '1..234', '1.234.', ',5', '1,234,5', '€ 12', '12 %', '']) expect(fail(raw));
    expect(reader('number', us).fail('1,5')).toBeTruthy();
    expect(reader('number', us).fail('12,34,567.1')).toBeTruthy();
  });

  it('reads the canonical writing in a decimal-comma column when the format cannot (an export loads back)', () => {
    const { ok } = reader('number', de);
    // 1234.5 cannot be dot-grouped thousands, so it is read as written.
    expect(ok('1234.5')).toBe('1234.5');
    expect(ok('-0.25')).toBe('-0.25');
    // …but a validly grouped value is read the format's way.
    expect(ok('1.234')).toBe('1234');
    expect(reader('number', { decimalSeparator: ',' }).ok('1.234')).toBe('1.234');
  });

  it('reads whole numbers with groups, refusing decimals', () => {
    const { ok, fail } = reader('integer', { thousandsSeparator: ',' });
    expect(ok('1,234,567')).toBe('1234567');
    expect(ok('9,223,372,036,854,775,807')).toBe('9223372036854775807');
    expect(fail('9,223,372,036,854,775,808').reason).toBe('is too large');
    expect(fail('1,234.5').hint).toMatch(/Remove the decimals/);
    expect(reader('integer', de).ok('-1.234')).toBe('-1234');
    expect(reader('integer', de).fail('1.234,5').hint).toMatch(/Remove the decimals/);
  });

  it('writes canonical numbers back with the format’s separators and groups', () => {
    expect(compileValueWriter('number', de)('-1234567.891')).toBe('-1.234.567,891');
    expect(compileValueWriter('number', fr)('1234.5')).toBe('1 234,5');
    expect(compileValueWriter('number', us)('999')).toBe('999');
    expect(compileValueWriter('integer', { thousandsSeparator: "'" })('1000000')).toBe("1'000'000");
  });

  it('round-trips canonical numbers through every format (property)', () => {
    const formats: NumberFormat[] = [de, us, fr, ch, { decimalSeparator: ',' }];
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }),
        fc.constantFrom(...formats),
        (whole, fraction, format) => {
          const canonical = `${whole}${fraction === undefined ? '' : `.${fraction}`}`;
          const written = compileValueWriter('number', format)(canonical);
          expect(reader('number', format).ok(written)).toBe(canonical);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('booleans', () => {
  const format = { trueWords: ['Ja', 'x'], falseWords: ['nein', ''] };

  it('reads the format’s words without case and spaces, and true/false always', () => {
    const { ok, fail } = reader('boolean', format);
    expect(['ja', ' JA ', 'X', 'nein', 'true', 'false'].map(ok)).toEqual([
      'true',
      'true',
      'true',
      'false',
      'true',
      'false',
    ]);
    expect(fail('yes')).toMatchObject({ hint: 'Use "Ja" or "x" or "nein" or (empty) (or true / false).' });
    expect(fail('1')).toBeTruthy();
  });

  it('gives the empty word its meaning, and writes the first word back', () => {
    expect(valueForEmpty('boolean', format)).toBe('false');
    expect(valueForEmpty('boolean', { trueWords: ['ja'], falseWords: ['nein'] })).toBeUndefined();
    expect(valueForEmpty('number', { decimalSeparator: ',' })).toBeUndefined();
    const write = compileValueWriter('boolean', format);
    expect([write('true'), write('false')]).toEqual(['Ja', 'nein']);
  });
});

describe('datetimes', () => {
  it('assumes the format’s zone for values without one, and keeps the zone a value gives', () => {
    const paris = reader('datetime', { timeZone: 'Europe/Paris' });
    expect(paris.ok('2024-01-15 10:00:00')).toBe('2024-01-15T09:00:00Z');
    expect(paris.ok('2024-07-15T10:00')).toBe('2024-07-15T08:00:00Z');
    expect(paris.ok('2024-07-15T10:00:00.250')).toBe('2024-07-15T08:00:00.250Z');
    expect(paris.ok('2024-07-15T10:00:00Z')).toBe('2024-07-15T10:00:00Z');
    expect(paris.ok('2024-07-15T10:00:00+05:30')).toBe('2024-07-15T04:30:00Z');
    expect(paris.ok('2024-07-15')).toBe('2024-07-14T22:00:00Z');
  });

  it('reads day/month layouts with 12-hour clocks and short years', () => {
    const us = reader('datetime', { pattern: 'MM/DD/YYYY HH:MM:SS', timeZone: 'America/New_York' });
    expect(us.ok('3/14/2024 2:05 PM')).toBe('2024-03-14T18:05:00Z');
    expect(us.ok('12/31/2024 12:00 AM')).toBe('2024-12-31T05:00:00Z');
    expect(us.ok('12/31/24 12:30:15 pm')).toBe('2024-12-31T17:30:15Z');
    expect(us.fail('13/31/2024 10:00').reason).toBe('is not a real calendar date');
    expect(us.fail('12/31/2024 13:00 PM').reason).toBe('has an impossible time of day');
    expect(us.fail('12/31/2024 24:00').reason).toBe('has an impossible time of day');
    const de = reader('datetime', { pattern: 'DD.MM.YYYY HH:MM:SS' });
    expect(de.ok('31.12.2024 23:59:59')).toBe('2024-12-31T23:59:59Z');
    expect(de.ok('2024-12-31T23:59:59Z')).toBe('2024-12-31T23:59:59Z');
    expect(de.fail('31/12/2024 10:00').hint).toBe('Write it like 31.12.2024 14:05:00, or as 2024-12-31T14:05:00Z.');
  });

  it('moves a time that never was (clocks forward) by the gap and takes the earlier of a time that was twice', () => {
    const paris = reader('datetime', { timeZone: 'Europe/Paris' });
    // 31 March 2024: 02:00 → 03:00 in Paris. 02:30 does not exist: read as 03:30 (+02:00).
    expect(paris.ok('2024-03-31 02:30')).toBe('2024-03-31T01:30:00Z');
    expect(paris.ok('2024-03-31 01:59:59')).toBe('2024-03-31T00:59:59Z');
    expect(paris.ok('2024-03-31 03:00')).toBe('2024-03-31T01:00:00Z');
    // 27 October 2024: 03:00 → 02:00. 02:30 happens twice: the first (+02:00).
    expect(paris.ok('2024-10-27 02:30')).toBe('2024-10-27T00:30:00Z');
    expect(paris.ok('2024-10-27 03:00')).toBe('2024-10-27T02:00:00Z');
  });

  it('reads and writes date and time as digits only, YYYYMMDDHHMM, seconds optional', () => {
    const compact = reader('datetime', { pattern: 'YYYYMMDDHHMM' });
    // Météo-France's AAAAMMJJHHMN (rain every 6 minutes), as csv-detective keeps it:
    // https://github.com/datagouv/csv-detective/blob/d8cc4ff7932ffb9cc6be2400e4329620babcb12c/test_files/MN_07_latest-2025-2026.csv
    expect(compact.ok('202501010006')).toBe('2025-01-01T00:06:00Z');
    expect(compact.ok(' 20241231235959 ')).toBe('2024-12-31T23:59:59Z');
    expect(compact.ok('20241231235959.25')).toBe('2024-12-31T23:59:59.25Z');
    expect(compact.ok('2024-12-31T14:05:00Z')).toBe('2024-12-31T14:05:00Z');
    expect(reader('datetime', { pattern: 'YYYYMMDDHHMM', timeZone: 'Europe/Paris' }).ok('202407011200')).toBe(
      '2024-07-01T10:00:00Z',
    );
    expect(compact.fail('202402300000').reason).toBe('is not a real calendar date');
    expect(compact.fail('202412312400').reason).toBe('has an impossible time of day');
    for (const raw of ['2024123114', '2024123114051', '31/12/2024 14:05']) {
      expect(compact.fail(raw).hint).toBe('Write it like 202412311405, or as 2024-12-31T14:05:00Z.');
    }
    const write = compileValueWriter('datetime', { pattern: 'YYYYMMDDHHMM' });
    expect(write('2025-01-01T00:06:00Z')).toBe('202501010006');
    expect(write('2024-12-31T23:59:59.25Z')).toBe('20241231235959.25');
    expect(
      compileValueWriter('datetime', { pattern: 'YYYYMMDDHHMM', timeZone: 'Europe/Paris' })('2024-07-01T10:00:00Z'),
    ).toBe('202407011200');
  });

  it('reads Excel serial days with a time and Unix seconds', () => {
    expect(reader('datetime', { pattern: 'excel-serial' }).ok('45657.5')).toBe('2024-12-31T12:00:00Z');
    expect(reader('datetime', { pattern: 'excel-serial', timeZone: 'Asia/Tokyo' }).ok('45657.5')).toBe(
      '2024-12-31T03:00:00Z',
    );
    expect(reader('datetime', { pattern: 'unix-seconds' }).ok('1735653900')).toBe('2024-12-31T14:05:00Z');
    expect(reader('datetime', { pattern: 'unix-seconds' }).ok('-1.5')).toBe('1969-12-31T23:59:59.5Z');
    expect(reader('datetime', { pattern: 'unix-seconds' }).fail('12:00').reason).toMatch(/seconds since 1970/);
  });

  it('writes stored UTC times as the wall-clock time of the format’s zone, and reads them back (property)', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...DATETIME_PATTERNS.filter((p) => p !== 'excel-serial')),
        fc.constantFrom(...zones),
        (date, pattern, timeZone) => {
          const canonical = `${date.toISOString().slice(0, 19)}Z`;
          const format = { pattern, timeZone };
          const written = compileValueWriter('datetime', format)(canonical);
          const read = reader('datetime', format).ok(written);
          // A wall-clock time that occurs twice (clocks set back) reads as its first occurrence.
          const back = Date.parse(read);
          expect(back === Date.parse(canonical) || Date.parse(canonical) - back <= 3_600_000).toBe(true);
          if (pattern === 'unix-seconds' || timeZone === 'UTC') expect(read).toBe(canonical);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('hasEffect and describeFormat', () => {
  it('knows which formats read anything differently from the canonical parser', () => {
    expect(hasEffect('date', { pattern: 'YYYY-MM-DD' })).toBe(false);
    expect(hasEffect('date', { pattern: 'DD/MM/YYYY' })).toBe(true);
    expect(hasEffect('number', { decimalSeparator: '.' })).toBe(false);
    expect(hasEffect('number', { thousandsSeparator: ',' })).toBe(true);
    expect(hasEffect('datetime', { pattern: 'YYYY-MM-DD HH:MM:SS', timeZone: 'UTC' })).toBe(false);
    expect(hasEffect('datetime', { timeZone: 'Europe/Paris' })).toBe(true);
    expect(hasEffect('boolean', { trueWords: [], falseWords: [] })).toBe(false);
    expect(hasEffect('string', undefined)).toBe(false);
  });

  it('says what a format expects in plain words, with an example', () => {
    expect(describeFormat('date', { pattern: 'DD.MM.YYYY' })).toBe('DD.MM.YYYY, like 31.12.2024');
    expect(describeFormat('date', { pattern: 'excel-serial' })).toBe('Excel day numbers, like 45657 for 2024-12-31');
    expect(describeFormat('number', { decimalSeparator: ',', thousandsSeparator: 'space' })).toBe(
      'a decimal comma, thousands grouped with spaces, like 1 234 567,89',
    );
    expect(describeFormat('boolean', { trueWords: ['ja'], falseWords: ['nein', ''] })).toBe(
      '“ja” for yes, “nein” or empty for no',
    );
    expect(describeFormat('datetime', { pattern: 'DD/MM/YYYY HH:MM:SS', timeZone: 'Europe/Paris' })).toBe(
      'DD/MM/YYYY HH:MM:SS, like 31/12/2024 14:05, in Europe/Paris when no zone is given',
    );
    expect(describeFormat('date', undefined)).toBe('dates like 2024-12-31');
  });

  it('names Etc/UTC, the zone a guess gives ISO dates with optional times, plainly as UTC', () => {
    expect(describeFormat('datetime', { pattern: 'YYYY-MM-DD HH:MM:SS', timeZone: 'Etc/UTC' })).toMatch(
      / in UTC when no zone is given$/,
    );
  });
});
