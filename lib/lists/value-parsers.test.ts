import { describe, expect, it } from 'vitest';

import { DATA_TYPES } from '@/lib/shared/data-types';
import { seededRandom } from '@/test/support/seeded-random';

import { ACCEPTS_AS_IS, ACCEPTS_BYTES_AS_IS, TYPE_WORDS, VALUE_PARSERS, type ParseResult } from './value-parsers';

const { string, integer, number, boolean, date, datetime } = VALUE_PARSERS;

function ok(result: ParseResult): string {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason} (${result.hint})`);
  return result.value;
}

function fail(result: ParseResult): { reason: string; hint: string } {
  if (result.ok) throw new Error(`expected a failure, got value ${JSON.stringify(result.value)}`);
  expect(result.reason.length).toBeGreaterThan(0);
  expect(result.hint.length).toBeGreaterThan(0);
  return result;
}

describe('VALUE_PARSERS', () => {
  it('has a parser and a description for every data type', () => {
    for (const type of DATA_TYPES) {
      expect(typeof VALUE_PARSERS[type]).toBe('function');
      expect(TYPE_WORDS[type].length).toBeGreaterThan(0);
    }
  });
});

describe('string', () => {
  it('keeps the value exactly, spaces, leading zeros and all', () => {
    for (const raw of ['', '  padded  ', '007', '12345678901234567890123', 'Zoë 😀', '=1+1', 'line\nbreak']) {
      expect(ok(string(raw))).toBe(raw);
    }
  });
});

describe('integer', () => {
  it('canonicalizes: leading zeros and a plus sign dropped, negative zero is zero', () => {
    expect(ok(integer('42'))).toBe('42');
    expect(ok(integer('007'))).toBe('7');
    expect(ok(integer('0000'))).toBe('0');
    expect(ok(integer('+5'))).toBe('5');
    expect(ok(integer('-12'))).toBe('-12');
    expect(ok(integer('-0'))).toBe('0');
    expect(ok(integer('-007'))).toBe('-7');
  });

  it('trims surrounding spaces', () => {
    expect(ok(integer('  42  '))).toBe('42');
    expect(ok(integer('\t-3 '))).toBe('-3');
  });

  it('accepts exactly the 64-bit range', () => {
    expect(ok(integer('9223372036854775807'))).toBe('9223372036854775807');
    expect(ok(integer('-9223372036854775808'))).toBe('-9223372036854775808');
    expect(ok(integer('0009223372036854775807'))).toBe('9223372036854775807');
    expect(fail(integer('9223372036854775808')).reason).toBe('is too large');
    expect(fail(integer('-9223372036854775809')).reason).toBe('is too large');
    expect(fail(integer('99999999999999999999999999')).hint).toMatch(/-9223372036854775808 and 9223372036854775807/);
  });

  it('keeps precision beyond 2^53', () => {
    expect(ok(integer('9007199254740993'))).toBe('9007199254740993');
  });

  it('refuses decimals with a hint to remove them', () => {
    expect(fail(integer('1.5')).hint).toMatch(/Remove the decimals/);
    expect(fail(integer('2,50')).hint).toMatch(/Remove the decimals/);
    expect(fail(integer('1.0')).reason).toBe('is not a whole number');
  });

  it('refuses everything else that is not a plain whole number', () => {
    for (const raw of [
      '',
      ' ',
      'abc',
      '1e3',
      '1 000',
      '1,000,000',
      '0x1F',
      '--1',
      '+-1',
      '1-',
      '12a',
      '١٢',
      'Infinity',
      '+',
      '-',
    ]) {
      expect(fail(integer(raw)).reason, raw).toBe('is not a whole number');
    }
    expect(fail(integer('abc')).hint).toMatch(/digits only/);
  });
});

describe('number', () => {
  it('accepts plain decimals and drops a leading plus sign', () => {
    expect(ok(number('12.5'))).toBe('12.5');
    expect(ok(number('-0.25'))).toBe('-0.25');
    expect(ok(number('+3.75'))).toBe('3.75');
    expect(ok(number('.5'))).toBe('.5');
    expect(ok(number('5.'))).toBe('5.');
    expect(ok(number('0042'))).toBe('0042');
  });

  it('trims surrounding spaces', () => {
    expect(ok(number('  1.5 '))).toBe('1.5');
  });

  it('accepts exponents', () => {
    expect(ok(number('1e3'))).toBe('1e3');
    expect(ok(number('1.2E-3'))).toBe('1.2E-3');
    expect(ok(number('-.5e+7'))).toBe('-.5e+7');
    expect(ok(number('6.02e23'))).toBe('6.02e23');
  });

  it('accepts exponents up to ±1000 and refuses larger ones', () => {
    expect(ok(number('1e1000'))).toBe('1e1000');
    expect(ok(number('1e-1000'))).toBe('1e-1000');
    expect(ok(number('1e+0001000'))).toBe('1e+0001000');
    expect(fail(number('1e1001')).reason).toBe('is out of range');
    expect(fail(number('1e-1001')).reason).toBe('is out of range');
    expect(fail(number('1e99999999999999999999999')).hint).toMatch(/between -1000 and 1000/);
  });

  it('refuses a decimal comma with a hint to use a dot', () => {
    const result = fail(number('12,5'));
    expect(result.reason).toBe('is not a number');
    expect(result.hint).toMatch(/dot as the decimal separator/);
    expect(fail(number('-3,75')).hint).toMatch(/dot as the decimal separator/);
  });

  it('refuses thousands separators, currency, and non-finite words with a general hint', () => {
    for (const raw of [
      '1,234.5',
      '$12',
      '12 €',
      'NaN',
      'Infinity',
      '-Infinity',
      '1e',
      'e5',
      '.',
      '1.2.3',
      '0x10',
      '',
      ' ',
    ]) {
      const result = fail(number(raw));
      expect(result.reason, raw).toBe('is not a number');
      expect(result.hint, raw).not.toMatch(/dot as the decimal separator/);
    }
  });
});

describe('boolean', () => {
  it('accepts true words in any case, with surrounding spaces', () => {
    for (const raw of ['true', 'TRUE', 'True', 't', 'T', 'yes', 'YES', 'y', 'Y', '1', ' true ']) {
      expect(ok(boolean(raw)), raw).toBe('true');
    }
  });

  it('accepts false words in any case, with surrounding spaces', () => {
    for (const raw of ['false', 'FALSE', 'f', 'no', 'No', 'n', 'N', '0', '\tfalse ']) {
      expect(ok(boolean(raw)), raw).toBe('false');
    }
  });

  it('refuses anything else', () => {
    for (const raw of ['', 'maybe', '2', '-1', 'on', 'off', 'ja', 'tru', '1.0', 'yes please']) {
      expect(fail(boolean(raw)).reason, raw).toBe('is not true or false');
    }
  });
});

describe('date', () => {
  it('accepts real calendar dates in YYYY-MM-DD, trimmed', () => {
    expect(ok(date('2024-03-31'))).toBe('2024-03-31');
    expect(ok(date(' 2024-12-01 '))).toBe('2024-12-01');
    expect(ok(date('0001-01-01'))).toBe('0001-01-01');
    expect(ok(date('9999-12-31'))).toBe('9999-12-31');
  });

  it('knows the length of every month', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((days, i) => {
      const month = String(i + 1).padStart(2, '0');
      expect(ok(date(`2023-${month}-${days}`))).toBe(`2023-${month}-${days}`);
      expect(fail(date(`2023-${month}-${days + 1}`)).reason).toBe('is not a real calendar date');
    });
  });

  it('refuses 2023-02-30 and other impossible dates', () => {
    expect(fail(date('2023-02-30')).reason).toBe('is not a real calendar date');
    expect(fail(date('2024-04-31')).reason).toBe('is not a real calendar date');
    expect(fail(date('2024-13-01')).reason).toBe('is not a real calendar date');
    expect(fail(date('2024-00-10')).reason).toBe('is not a real calendar date');
    expect(fail(date('2024-01-00')).reason).toBe('is not a real calendar date');
    expect(fail(date('0000-01-01')).reason).toBe('is not a real calendar date');
  });

  it('applies the leap-year rules: every 4 years, not every 100, but every 400', () => {
    expect(ok(date('2024-02-29'))).toBe('2024-02-29');
    expect(fail(date('2023-02-29')).reason).toBe('is not a real calendar date');
    expect(fail(date('1900-02-29')).reason).toBe('is not a real calendar date');
    expect(ok(date('2000-02-29'))).toBe('2000-02-29');
    expect(fail(date('2100-02-29')).reason).toBe('is not a real calendar date');
    expect(fail(date('2024-02-30')).reason).toBe('is not a real calendar date');
  });

  it('refuses other formats with a hint showing the expected one', () => {
    for (const raw of [
      '31.03.2024',
      '03/31/2024',
      '2024-3-31',
      '2024/03/31',
      '20240331',
      '2024-03-31T00:00:00',
      '',
      'today',
    ]) {
      const result = fail(date(raw));
      expect(result.reason, raw).toBe('is not a date in the form YYYY-MM-DD');
      expect(result.hint).toMatch(/2024-03-31/);
    }
  });
});

describe('datetime', () => {
  it('accepts UTC with Z and canonicalizes it', () => {
    expect(ok(datetime('2024-03-31T14:05:00Z'))).toBe('2024-03-31T14:05:00Z');
    expect(ok(datetime('2024-03-31t14:05:00z'))).toBe('2024-03-31T14:05:00Z');
  });

  it('assumes UTC without a zone, and seconds 00 without seconds', () => {
    expect(ok(datetime('2024-03-31T14:05:00'))).toBe('2024-03-31T14:05:00Z');
    expect(ok(datetime('2024-03-31 14:05'))).toBe('2024-03-31T14:05:00Z');
    expect(ok(datetime('  2024-03-31 14:05:09  '))).toBe('2024-03-31T14:05:09Z');
  });

  it('accepts offsets with or without a colon and writes them with one', () => {
    expect(ok(datetime('2024-03-31T14:05:00+02:00'))).toBe('2024-03-31T14:05:00+02:00');
    expect(ok(datetime('2024-03-31T14:05:00+0530'))).toBe('2024-03-31T14:05:00+05:30');
    expect(ok(datetime('2024-03-31 14:05-08:00'))).toBe('2024-03-31T14:05:00-08:00');
    expect(ok(datetime('2024-03-31T14:05:00-15:00'))).toBe('2024-03-31T14:05:00-15:00');
    expect(ok(datetime('2024-03-31T14:05:00+00:00'))).toBe('2024-03-31T14:05:00+00:00');
  });

  it('keeps fractional seconds', () => {
    expect(ok(datetime('2024-03-31T14:05:00.5Z'))).toBe('2024-03-31T14:05:00.5Z');
    expect(ok(datetime('2024-03-31T14:05:00.123456789+01:00'))).toBe('2024-03-31T14:05:00.123456789+01:00');
  });

  it('accepts the edges of the day', () => {
    expect(ok(datetime('2024-03-31T00:00:00Z'))).toBe('2024-03-31T00:00:00Z');
    expect(ok(datetime('2024-03-31T23:59:59Z'))).toBe('2024-03-31T23:59:59Z');
  });

  it('refuses seconds 60 (no leap seconds) and other impossible times', () => {
    const leap = fail(datetime('2016-12-31T23:59:60Z'));
    expect(leap.reason).toBe('has an impossible time of day');
    expect(leap.hint).toMatch(/leap seconds are not supported/);
    expect(fail(datetime('2024-03-31T24:00:00Z')).reason).toBe('has an impossible time of day');
    expect(fail(datetime('2024-03-31T12:60:00Z')).reason).toBe('has an impossible time of day');
    expect(fail(datetime('2024-03-31T12:00:99')).reason).toBe('has an impossible time of day');
  });

  it('refuses impossible calendar dates, with the leap-year rules', () => {
    expect(fail(datetime('2023-02-30T10:00:00Z')).reason).toBe('is not a real calendar date');
    expect(fail(datetime('2023-02-29T10:00:00Z')).reason).toBe('is not a real calendar date');
    expect(fail(datetime('1900-02-29T10:00:00Z')).reason).toBe('is not a real calendar date');
    expect(ok(datetime('2000-02-29T10:00:00Z'))).toBe('2000-02-29T10:00:00Z');
    expect(ok(datetime('2024-02-29T10:00:00Z'))).toBe('2024-02-29T10:00:00Z');
  });

  it('refuses bad offsets', () => {
    for (const raw of [
      '2024-03-31T14:05:00+16:00',
      '2024-03-31T14:05:00-16:00',
      '2024-03-31T14:05:00+05:60',
      '2024-03-31T14:05:00+2400',
    ]) {
      const result = fail(datetime(raw));
      expect(result.reason, raw).toBe('has an impossible time zone offset');
      expect(result.hint).toMatch(/-15:00 to \+15:00/);
    }
  });

  it('refuses malformed offsets and other formats', () => {
    for (const raw of [
      '2024-03-31T14:05:00+2',
      '2024-03-31T14:05:00+02',
      '2024-03-31T14:05:00+02:0',
      '2024-03-31T14:05:00 UTC',
      '2024-03-31T14:05:00CET',
      '2024-03-31',
      '2024-03-31T14',
      '2024-03-31T1:05:00Z',
      '2024-03-31T14:05:00.Z',
      '2024-03-31T14:05:00.1234567890Z',
      '31.03.2024 14:05',
      '',
    ]) {
      expect(fail(datetime(raw)).reason, raw).toBe('is not a date and time');
    }
  });
});

describe('numbers PostgreSQL cannot hold', () => {
  it('refuses more digits than numeric holds, before or after the decimal point', () => {
    expect(VALUE_PARSERS.number('9'.repeat(131_072))).toMatchObject({ ok: true });
    expect(VALUE_PARSERS.number('9'.repeat(131_073))).toMatchObject({ ok: false, reason: 'has too many digits' });
    expect(VALUE_PARSERS.number(`0.${'1'.repeat(16_383)}`)).toMatchObject({ ok: true });
    expect(VALUE_PARSERS.number(`0.${'1'.repeat(16_384)}`)).toMatchObject({ ok: false, reason: 'has too many digits' });
    expect(VALUE_PARSERS.number(`${'9'.repeat(131_000)}e100`)).toMatchObject({
      ok: false,
      reason: 'has too many digits',
    });
    expect(ACCEPTS_AS_IS.number('9'.repeat(131_073))).toBe(false);
  });
});

describe('ACCEPTS_BYTES_AS_IS', () => {
  const NEAR_MISSES = [
    ...['', '0', '-0', '07', '-', '-5', '5', '123456789012345', '1234567890123456', '-12345678901234'],
    ...['+7', ' 7', '7 ', '1e5', '5.', '.5', '-.5', '.', '-.', '1.2.3', '１２', '٣', '1,5', 'NaN'],
    ...['true', 'false', 'TRUE', 'True', 'tru', 'falsey', 't', 'yes', '1'],
    ...['2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '2024-12-31', '2024-1-01', '2024/01/01'],
    ...['0000-01-01', '2024-01-32', '2024-04-31', '20240101', '2024-01-01T00:00:00', 'é', '9'.repeat(1_001)],
  ];
  const ALPHABET = '0123456789-.+eE tTrufalsRUFALS/:é';

  /** The value at a random place in a larger buffer, as the byte reader sees it in a line. */
  function placed(value: string, random: () => number) {
    const before = Buffer.from(','.repeat(Math.floor(random() * 4)));
    const bytes = Buffer.concat([before, Buffer.from(value), Buffer.from(',x\n')]);
    return { bytes, start: before.length, end: before.length + Buffer.byteLength(value) };
  }

  it('gives the answer ACCEPTS_AS_IS gives, on near misses and 200,000 random values', () => {
    const random = seededRandom(2026);
    const values = [...NEAR_MISSES];
    for (let n = 0; n < 200_000; n++) {
      const length = Math.floor(random() * 17);
      let value = '';
      for (let i = 0; i < length; i++) value += ALPHABET[Math.floor(random() * ALPHABET.length)];
      values.push(value);
    }
    // Dates and integers are rare by chance: shaped ones too.
    for (let n = 0; n < 20_000; n++) {
      const d = (k: number) => String(Math.floor(random() * 10 ** k)).padStart(k, '0');
      values.push(`${d(4)}-${d(2)}-${d(2)}`, `${random() < 0.3 ? '-' : ''}${d(1 + Math.floor(random() * 16))}`);
    }
    for (const type of DATA_TYPES) {
      const mismatches = values.filter((value) => {
        const { bytes, start, end } = placed(value, random);
        return ACCEPTS_BYTES_AS_IS[type](bytes, start, end) !== ACCEPTS_AS_IS[type](value);
      });
      expect(mismatches.slice(0, 10), type).toEqual([]);
    }
  });
});
