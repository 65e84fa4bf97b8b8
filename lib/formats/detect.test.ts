import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { candidatesFor } from './candidates';
import { compileCanonicalCheck, compileValueReader } from './column-format';
import { createFormatDetector, detectColumnFormat } from './detect';

describe('detectColumnFormat: dates', () => {
  it('proposes no format for canonical dates (every pattern reads them the same way)', () => {
    const detection = detectColumnFormat(['2024-01-05', '', '2024-12-31', '  '], 'date');
    expect(detection).toMatchObject({ values: 2, empty: 2, proposal: { format: undefined, matched: 2 } });
    expect(detection.ambiguous).toBeUndefined();
  });

  it('proposes day/month/year when a day above 12 settles it, judged on every value', () => {
    const values = [...Array.from({ length: 5000 }, () => '03/04/2024'), '31/12/2024'];
    const detection = detectColumnFormat(values, 'date');
    expect(detection.proposal).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, matched: 5001, failed: 0 });
    expect(detection.ambiguous).toBeUndefined();
    // Month-first reads all but the last value.
    expect(
      detection.candidates.find((c) => c.format && 'pattern' in c.format && c.format.pattern === 'MM/DD/YYYY'),
    ).toMatchObject({ matched: 5000, failed: 1, failedExamples: ['31/12/2024'] });
  });

  it('asks when every date fits both day-first and month-first, with examples read both ways', () => {
    const detection = detectColumnFormat(
      ['03/04/2024', '05/06/2024', '07/07/2024', '01/02/2023', '11/12/2022'],
      'date',
    );
    expect(detection.ambiguous).toEqual({
      first: expect.objectContaining({ format: { pattern: 'DD/MM/YYYY' }, label: 'DD/MM/YYYY, like 31/12/2024' }),
      second: expect.objectContaining({ format: { pattern: 'MM/DD/YYYY' } }),
      examples: [
        { value: '03/04/2024', first: '2024-04-03', second: '2024-03-04' },
        { value: '05/06/2024', first: '2024-06-05', second: '2024-05-06' },
        { value: '01/02/2023', first: '2023-02-01', second: '2023-01-02' },
      ],
    });
  });

  it('does not ask when both orders read every value the same (day equals month)', () => {
    const detection = detectColumnFormat(['01/01/2024', '02/02/2024', '2024-03-05'], 'date');
    expect(detection.proposal?.format).toEqual({ pattern: 'DD/MM/YYYY' });
    expect(detection.ambiguous).toBeUndefined();
  });

  it('prefers four-digit-year patterns to the short-year ones that read them identically', () => {
    expect(detectColumnFormat(['31.12.2024', '1.1.2000'], 'date').proposal?.format).toEqual({ pattern: 'DD.MM.YYYY' });
    expect(detectColumnFormat(['31/12/24', '1/1/99'], 'date').proposal?.format).toEqual({ pattern: 'DD/MM/YY' });
    expect(detectColumnFormat(['20241231', '20000101'], 'date').proposal?.format).toEqual({ pattern: 'YYYYMMDD' });
  });

  it('reads Excel serials in a date column only when numeric dates are allowed', () => {
    expect(detectColumnFormat(['45657', '45658'], 'date').proposal?.format).toEqual({ pattern: 'excel-serial' });
    expect(detectColumnFormat(['45657', '45658'], 'date', { numericDates: false }).proposal).toBeUndefined();
  });

  it('proposes nothing when no format reads every value, and ranks the candidates by how many they read', () => {
    const detection = detectColumnFormat(['31/12/2024', 'N/A', '2024-01-01', 'soon'], 'date');
    expect(detection.proposal).toBeUndefined();
    expect(detection.candidates[0]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, matched: 2, failed: 2 });
    expect(detection.candidates[0]!.failedExamples).toEqual(['N/A', 'soon']);
  });

  it('keeps at most three distinct examples', () => {
    const detection = detectColumnFormat(['x', 'x', 'y', 'z', 'w', 'v'], 'date');
    expect(detection.candidates[0]!.failedExamples).toEqual(['x', 'y', 'z']);
  });
});

describe('detectColumnFormat: numbers', () => {
  it('proposes a decimal comma with dot groups, and no format for canonical numbers', () => {
    expect(detectColumnFormat(['1.234,56', '-7,5', '12'], 'number').proposal?.format).toEqual({
      decimalSeparator: ',',
      thousandsSeparator: '.',
    });
    expect(detectColumnFormat(['1234.56', '-7.5', '12'], 'number').proposal?.format).toBeUndefined();
    expect(detectColumnFormat(['1 234,5', '99,9'], 'number').proposal?.format).toEqual({
      decimalSeparator: ',',
      thousandsSeparator: 'space',
    });
    expect(detectColumnFormat(['12,5', '99,9'], 'number').proposal?.format).toEqual({ decimalSeparator: ',' });
    expect(detectColumnFormat(['1,234,567.5', '3.25'], 'number').proposal?.format).toEqual({
      decimalSeparator: '.',
      thousandsSeparator: ',',
    });
    // Negative amounts with the minus after them, as accounting exports write them.
    expect(detectColumnFormat(['133,55-', '12,00', '\u22127,5'], 'number').proposal?.format).toEqual({
      decimalSeparator: ',',
    });
  });

  it('asks when 1,234 may be a thousand or one and a bit', () => {
    const detection = detectColumnFormat(['1,234', '5,678'], 'number');
    expect(detection.ambiguous).toMatchObject({
      first: { format: { decimalSeparator: ',' } },
      second: { format: { decimalSeparator: '.', thousandsSeparator: ',' } },
      examples: [
        { value: '1,234', first: '1.234', second: '1234' },
        { value: '5,678', first: '5.678', second: '5678' },
      ],
    });
  });

  it('finds thousands groups in whole numbers', () => {
    expect(detectColumnFormat(['1,234,567', '12'], 'integer').proposal?.format).toEqual({ thousandsSeparator: ',' });
    expect(detectColumnFormat(['1.234.567', '12'], 'integer').proposal?.format).toEqual({
      decimalSeparator: ',',
      thousandsSeparator: '.',
    });
    expect(detectColumnFormat(['1234567', '12'], 'integer').proposal?.format).toBeUndefined();
  });
});

describe('detectColumnFormat: booleans and datetimes', () => {
  it('proposes the words of a known pair, and none for words the default reads', () => {
    expect(detectColumnFormat(['Ja', 'nein', 'ja'], 'boolean').proposal?.format).toEqual({
      trueWords: ['ja'],
      falseWords: ['nein'],
    });
    expect(detectColumnFormat(['x', '', 'x', ''], 'boolean').proposal).toMatchObject({
      format: { trueWords: ['x'], falseWords: [''] },
      matched: 4,
    });
    expect(detectColumnFormat(['Yes', 'no', 'Y'], 'boolean').proposal?.format).toBeUndefined();
    expect(detectColumnFormat(['active', 'inactive'], 'boolean').proposal).toBeUndefined();
  });

  it('proposes a datetime layout', () => {
    expect(detectColumnFormat(['31/12/2024 14:05', '01/01/2025 00:00:01'], 'datetime').proposal?.format).toEqual({
      pattern: 'DD/MM/YYYY HH:MM:SS',
    });
    expect(
      detectColumnFormat(['2024-12-31T14:05:00Z', '2024-12-31 10:00'], 'datetime').proposal?.format,
    ).toBeUndefined();
  });
});

describe('detectColumnFormat: numbers that only a far year would make Unix times', () => {
  // Météo-France's 6-minute rain readings for the Ardèche, as csv-detective keeps them (AAAAMMJJHHMN):
  // https://github.com/datagouv/csv-detective/blob/d8cc4ff7932ffb9cc6be2400e4329620babcb12c/test_files/MN_07_latest-2025-2026.csv
  const readings = ['202501010000', '202501010006', '202501010012', '202501010018'];

  it('reads 202501010000 as YYYYMMDDHHMM, not as seconds since 1970 (the year 8387)', () => {
    const detection = detectColumnFormat(readings, 'datetime');
    expect(detection.proposal?.format).toEqual({ pattern: 'YYYYMMDDHHMM' });
    expect(detection.ambiguous).toBeUndefined();
    const unix = detection.candidates.find((c) => c.label.startsWith('seconds since 1970'))!;
    expect(unix).toMatchObject({ matched: 0, failed: 4, failedExamples: readings.slice(0, 3) });
    // Nor 20250101 (August 1970).
    expect(detectColumnFormat(['20250101', '20250102'], 'datetime').proposal).toBeUndefined();
  });

  it('still proposes them for the Unix times of 1973 to 2286, and ISO text beside them', () => {
    expect(
      detectColumnFormat(['1735653900', '1735653960.5', '2024-12-31T14:05:00Z'], 'datetime').proposal?.format,
    ).toEqual({ pattern: 'unix-seconds' });
  });
});

describe('createFormatDetector', () => {
  it('streams many values in constant memory', () => {
    const detector = createFormatDetector('date');
    for (let i = 0; i < 200_000; i++) detector.add(`${(i % 28) + 1}.${(i % 12) + 1}.${1950 + (i % 70)}`);
    expect(detector.result().proposal).toMatchObject({ format: { pattern: 'DD.MM.YYYY' }, matched: 200_000 });
  });
});

describe('createFormatDetector: values written canonically', () => {
  it('reads them as every format’s reader does (the detector skips the reader for them)', () => {
    const types = ['integer', 'number', 'boolean', 'date', 'datetime'] as const;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^-?\d{1,20}(\.\d{0,6})?$/),
          fc.stringMatching(/^(19|20)\d\d-[01]\d-[0-3]\d$/),
          fc.constantFrom('true', 'false', '0', '-0', '.5', '1.', '007', '1.234', '1,234', '2024-02-30'),
        ),
        (value) => {
          for (const dataType of types) {
            for (const { format } of candidatesFor(dataType)) {
              if (!compileCanonicalCheck(dataType, format)(value)) continue;
              expect(compileValueReader(dataType, format)(value)).toEqual({ ok: true, value });
            }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
