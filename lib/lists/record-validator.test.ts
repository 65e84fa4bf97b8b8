import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';
import type { ListColumn } from '@/lib/shared/list-column';

import { compileRecordValidator } from './record-validator';

let storageCounter = 0;
function column(name: string, dataType: ListColumn['dataType'], extra: Partial<ListColumn> = {}): ListColumn {
  storageCounter++;
  return {
    name,
    dataType,
    position: storageCounter,
    isKey: false,
    keyPosition: 0,
    required: false,
    storage: `c${storageCounter}`,
    ...extra,
  };
}

/** Checks one value of a one-column list. */
function check(col: ListColumn, raw: string, row = 7) {
  return compileRecordValidator([col]).checkValue(0, raw, row);
}

function value(result: ReturnType<typeof check>): string | null {
  if ('problem' in result) throw new Error(`expected a value, got problem: ${result.problem.message}`);
  return result.value;
}

function problem(result: ReturnType<typeof check>): Problem {
  if (!('problem' in result)) throw new Error(`expected a problem, got value ${JSON.stringify(result.value)}`);
  return result.problem;
}

/** Every problem must tell a business user where, what and how to fix it. */
function expectReadable(p: Problem, row: number, columnName?: string, raw?: string) {
  expect(p.row).toBe(row);
  if (columnName !== undefined) expect(p.column).toBe(columnName);
  if (raw !== undefined) expect(p.value).toBe(raw);
  expect(p.message).toContain(`Row ${row}`);
  if (columnName !== undefined) expect(p.message).toContain(`"${columnName}"`);
  expect(p.remediation.length).toBeGreaterThan(10);
  expect(Object.values(PROBLEM_CODES)).toContain(p.errorCode);
}

describe('compileRecordValidator: whole records', () => {
  const columns = [
    column('id', 'integer', { isKey: true, keyPosition: 1, required: true }),
    column('name', 'string'),
    column('active', 'boolean'),
    column('born', 'date'),
  ];
  const validator = compileRecordValidator(columns);

  it('returns canonical values in column order, null for empty optional values', () => {
    const problems: Problem[] = [];
    expect(validator.validate([' 007 ', ' Zoë ', 'YES', '2024-02-29'], 2, problems)).toEqual([
      '7',
      ' Zoë ',
      'true',
      '2024-02-29',
    ]);
    expect(validator.validate(['8', '', '', ''], 3, problems)).toEqual(['8', null, null, null]);
    expect(problems).toEqual([]);
    expect(validator.columns).toBe(columns);
  });

  it('reports a record with too few values as a ragged row, without checking its values', () => {
    const problems: Problem[] = [];
    expect(validator.validate(['abc', 'x'], 5, problems)).toBeNull();
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p!.errorCode).toBe(PROBLEM_CODES.raggedRow);
    expectReadable(p!, 5);
    expect(p!.message).toBe('Row 5 has 2 values, but the header has 4 columns.');
    expect(p!.remediation).toMatch(/Add the missing values to row 5/);
  });

  it('reports a record with too many values as a ragged row with advice about quoting', () => {
    const problems: Problem[] = [];
    expect(validator.validate(['1', 'Smith', ' John', 'true', '2024-01-01'], 9, problems)).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.errorCode).toBe(PROBLEM_CODES.raggedRow);
    expect(problems[0]!.message).toBe('Row 9 has 5 values, but the header has 4 columns.');
    expect(problems[0]!.remediation).toMatch(/extra delimiter/);
  });

  it('says "1 value" for a one-value record', () => {
    const problems: Problem[] = [];
    validator.validate(['x'], 4, problems);
    expect(problems[0]!.message).toBe('Row 4 has 1 value, but the header has 4 columns.');
  });

  it('reports every bad value of a record, not just the first, and keeps earlier problems', () => {
    const problems: Problem[] = [{ errorCode: 1, message: 'earlier', remediation: 'r' }];
    expect(validator.validate(['x1', 'ok', 'maybe', '2023-02-30'], 12, problems)).toBeNull();
    expect(problems.map((p) => [p.errorCode, p.column])).toEqual([
      [1, undefined],
      [PROBLEM_CODES.invalidInteger, 'id'],
      [PROBLEM_CODES.invalidBoolean, 'active'],
      [PROBLEM_CODES.invalidDate, 'born'],
    ]);
    for (const p of problems.slice(1)) expectReadable(p, 12);
  });

  it('checkValue refuses an index without a column', () => {
    expect(() => validator.checkValue(4, 'x', 2)).toThrow(/No column at index 4/);
  });
});

describe('compileRecordValidator: empty values (rule 3)', () => {
  it('allows empty optional values of every type as null', () => {
    for (const type of ['string', 'boolean', 'date', 'datetime'] as const) {
      expect(value(check(column('c', type), '')), type).toBeNull();
    }
    // Only whitespace counts as empty for typed columns.
    expect(value(check(column('c', 'date'), '   '))).toBeNull();
    expect(value(check(column('c', 'boolean'), ' \t'))).toBeNull();
  });

  it('refuses an empty key', () => {
    const p = problem(check(column('Customer ID', 'string', { isKey: true, keyPosition: 1, required: true }), '', 3));
    expect(p.errorCode).toBe(PROBLEM_CODES.requiredEmpty);
    expectReadable(p, 3, 'Customer ID', '');
    expect(p.message).toBe('Row 3: "Customer ID" is empty, but it is a key column.');
    expect(p.remediation).toBe('Enter text in "Customer ID" on row 3, or remove the row.');
  });

  it('refuses an empty key even if the column is not marked required', () => {
    expect(problem(check(column('k', 'string', { isKey: true }), '')).message).toMatch(/it is a key column/);
  });

  it('refuses an empty required value', () => {
    const p = problem(check(column('email', 'string', { required: true }), '', 4));
    expect(p.errorCode).toBe(PROBLEM_CODES.requiredEmpty);
    expect(p.message).toBe('Row 4: "email" is empty, but it is required.');
  });

  it('refuses empty numeric values when required (how numbers are created without `required`), also when only spaces', () => {
    for (const type of ['integer', 'number'] as const) {
      for (const raw of ['', '  ']) {
        const p = problem(check(column('amount', type, { required: true }), raw, 6));
        expect(p.errorCode).toBe(PROBLEM_CODES.requiredEmpty);
        expect(p.message).toBe('Row 6: "amount" is empty, but it is required.');
        expect(p.value).toBe(raw);
      }
    }
    expect(problem(check(column('n', 'integer', { required: true }), '')).remediation).toMatch(/a whole number/);
    expect(problem(check(column('n', 'number', { required: true }), '')).remediation).toMatch(/a number/);
  });

  it('takes an empty value of an optional numeric column as empty (NULL), also when only spaces', () => {
    for (const type of ['integer', 'number'] as const) {
      for (const raw of ['', '  ', '\t']) expect(value(check(column('amount', type), raw))).toBeNull();
    }
  });

  it('treats a string of spaces as a value, not as empty', () => {
    expect(value(check(column('k', 'string', { isKey: true, required: true }), '   '))).toBe('   ');
  });
});

describe('compileRecordValidator: string columns', () => {
  it('keeps leading zeros, long digit strings and surrounding spaces exactly', () => {
    const col = column('zip', 'string');
    for (const raw of [
      '00123',
      '0000000000000000000000012345678901234567890',
      ' padded ',
      '\tx\t',
      '1e5',
      '+49 30 1234',
    ]) {
      expect(value(check(col, raw))).toBe(raw);
    }
  });

  it('counts maxLength in code points, not UTF-16 units', () => {
    const col = column('label', 'string', { maxLength: 3 });
    expect(value(check(col, '😀😀😀'))).toBe('😀😀😀');
    expect(value(check(col, 'abc'))).toBe('abc');
    const p = problem(check(col, 'ab😀d', 8));
    expect(p.errorCode).toBe(PROBLEM_CODES.tooLong);
    expectReadable(p, 8, 'label', 'ab😀d');
    expect(p.message).toBe('Row 8: "label" is 4 characters long; at most 3 are allowed.');
    expect(p.remediation).toMatch(/to 3 characters/);
  });

  it('checks maxLength on the untrimmed value', () => {
    expect(problem(check(column('s', 'string', { maxLength: 3 }), ' ab ')).errorCode).toBe(PROBLEM_CODES.tooLong);
  });

  it('matches the whole value against the pattern', () => {
    const col = column('code', 'string', { pattern: '[A-Z]{2}\\d{3}' });
    expect(value(check(col, 'AB123'))).toBe('AB123');
    for (const raw of ['AB1234', 'xAB123', 'ab123', 'AB12', ' AB123']) {
      const p = problem(check(col, raw, 10));
      expect(p.errorCode, raw).toBe(PROBLEM_CODES.patternMismatch);
      expectReadable(p, 10, 'code', raw);
    }
    expect(problem(check(col, 'AB1234')).remediation).toContain('[A-Z]{2}\\d{3}');
  });

  it('anchors a pattern with alternatives as a whole', () => {
    const col = column('size', 'string', { pattern: 'S|M|L' });
    expect(value(check(col, 'M'))).toBe('M');
    expect(problem(check(col, 'SM')).errorCode).toBe(PROBLEM_CODES.patternMismatch);
    expect(problem(check(col, 'XL')).errorCode).toBe(PROBLEM_CODES.patternMismatch);
  });

  it('matches patterns by code point (unicode mode)', () => {
    expect(value(check(column('e', 'string', { pattern: '.' }), '😀'))).toBe('😀');
    expect(value(check(column('l', 'string', { pattern: '\\p{L}+' }), 'Zoë'))).toBe('Zoë');
  });

  it('checks patterns in linear time: the inputs that froze the server answer at once', () => {
    // With RegExp the first took ~2^40 steps (hours), the second longer still.
    const nested = column('n', 'string', { pattern: '(a+)+' });
    expect(problem(check(nested, `${'a'.repeat(40)}!`)).errorCode).toBe(PROBLEM_CODES.patternMismatch);
    const email = column('email', 'string', { pattern: '([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+' });
    expect(problem(check(email, `a@a.${'a'.repeat(80)}!`)).errorCode).toBe(PROBLEM_CODES.patternMismatch);
    expect(value(check(email, 'jane@example.com'))).toBe('jane@example.com');
  });

  it('refuses every value of a column whose stored pattern can no longer be checked, without throwing', () => {
    // Lists created before patterns were checked by RE2 may hold a back-reference or a lookaround.
    const col = column('code', 'string', { pattern: '([a-z])\\1' });
    const validator = compileRecordValidator([col]);
    expect(validator.hasPatterns).toBe(true);
    const p = problem(check(col, 'aa', 4));
    expect(p.errorCode).toBe(PROBLEM_CODES.patternMismatch);
    expectReadable(p, 4, 'code', 'aa');
    expect(p.message).toBe(
      'Row 4: "code" cannot be checked: the column\'s pattern repeats an earlier group with the back-reference \\1, which cannot be checked in linear time.',
    );
    expect(p.remediation).toMatch(
      /^An admin of the list must change the pattern of "code"\. Describe what may repeat instead/,
    );
    expect(value(check(col, ''))).toBeNull();
  });

  it('allows only the allowed values, case-sensitively', () => {
    const col = column('status', 'string', { allowedValues: ['active', 'inactive'] });
    expect(value(check(col, 'active'))).toBe('active');
    const p = problem(check(col, 'Active', 11));
    expect(p.errorCode).toBe(PROBLEM_CODES.notAllowed);
    expectReadable(p, 11, 'status', 'Active');
    expect(p.remediation).toBe('Use one of: active, inactive.');
  });

  it('lists at most 10 allowed values in the remediation', () => {
    const allowedValues = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const p = problem(check(column('c', 'string', { allowedValues }), 'nope'));
    expect(p.remediation).toBe('Use one of: v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, ….');
  });

  it('shortens a long value in the message but keeps it whole in the problem', () => {
    const raw = 'x'.repeat(500);
    const p = problem(check(column('c', 'string', { pattern: 'y+' }), raw));
    expect(p.value).toBe(raw);
    expect(p.message.length).toBeLessThan(200);
    expect(p.message).toContain(`"${'x'.repeat(60)}…"`);
  });
});

describe('compileRecordValidator: typed columns', () => {
  it('returns canonical values for every type', () => {
    expect(value(check(column('i', 'integer'), ' +0042 '))).toBe('42');
    expect(value(check(column('n', 'number'), ' +1.50 '))).toBe('1.50');
    expect(value(check(column('b', 'boolean'), 'No'))).toBe('false');
    expect(value(check(column('d', 'date'), ' 2000-02-29 '))).toBe('2000-02-29');
    expect(value(check(column('t', 'datetime'), '2024-03-31 14:05+0200'))).toBe('2024-03-31T14:05:00+02:00');
  });

  it('gives each type its own error code and a readable message with the raw value', () => {
    const cases = [
      ['integer', '12.5', PROBLEM_CODES.invalidInteger, 'is not a whole number', 'a whole number'],
      ['number', '12,5', PROBLEM_CODES.invalidNumber, 'is not a number', 'a number'],
      ['boolean', 'maybe', PROBLEM_CODES.invalidBoolean, 'is not true or false', 'true or false'],
      ['date', '2023-02-30', PROBLEM_CODES.invalidDate, 'is not a real calendar date', 'a date (YYYY-MM-DD)'],
      [
        'datetime',
        '2024-01-01T10:00:60Z',
        PROBLEM_CODES.invalidDatetime,
        'has an impossible time of day',
        'a date and time',
      ],
    ] as const;
    for (const [type, raw, code, reason, expects] of cases) {
      const p = problem(check(column('Field', type), raw, 21));
      expect(p.errorCode, type).toBe(code);
      expectReadable(p, 21, 'Field', raw);
      expect(p.message).toBe(`Row 21: "Field" "${raw}" ${reason}.`);
      expect(p.remediation).toContain(`"Field" expects ${expects}`);
    }
  });

  it('applies allowedValues to the canonical value', () => {
    const col = column('flag', 'boolean', { allowedValues: ['true'] });
    expect(value(check(col, 'YES'))).toBe('true');
    expect(problem(check(col, 'no')).errorCode).toBe(PROBLEM_CODES.notAllowed);
  });

  it('reports a type error before maxLength, pattern or allowedValues', () => {
    const col = column('n', 'integer', { maxLength: 1, pattern: '9', allowedValues: ['9'] });
    expect(problem(check(col, 'abc')).errorCode).toBe(PROBLEM_CODES.invalidInteger);
  });
});

describe('accepts: the allocation-free check of the fast path', () => {
  const columns = [
    column('id', 'integer', { isKey: true, keyPosition: 1 }),
    column('name', 'string', { required: true }),
    column('note', 'string'),
    column('amount', 'number'),
    column('signup', 'date'),
    column('active', 'boolean'),
    column('seen', 'datetime'),
    column('code', 'string', { pattern: '[A-Z]{2}' }),
  ];
  const validator = compileRecordValidator(columns);

  it('accepts canonical records as written', () => {
    expect(validator.accepts(['7', 'Zoë', '', '12.50', '2024-02-29', 'false', '', ''])).toBe(false); // datetime and pattern columns always ask validate
    const plain = compileRecordValidator(columns.slice(0, 6));
    expect(plain.accepts(['7', 'Zoë', '', '12.50', '2024-02-29', 'false'])).toBe(true);
    expect(plain.accepts(['-12', 'x', 'y', '.5', '2000-12-31', 'true'])).toBe(true);
  });

  it('leaves everything else to validate: wrong length, empty required values, non-canonical or invalid values', () => {
    const plain = compileRecordValidator(columns.slice(0, 6));
    for (const record of [
      ['7', 'Zoë', '', '12.5', '2024-02-29'],
      ['-0012', 'x', 'y', '.5', '2000-12-31', 'true'],
      ['7', '', '', '12.5', '2024-02-29', 'false'],
      ['', 'a', '', '12.5', '2024-02-29', 'false'],
      [' 7', 'a', '', '12.5', '2024-02-29', 'false'],
      ['7', 'a', '', '1e3', '2024-02-29', 'false'],
      ['7', 'a', '', '12.5', '2023-02-29', 'false'],
      ['7', 'a', '', '12.5', '2024-13-01', 'false'],
      ['7', 'a', '', '12.5', '2024-02-29', 'yes'],
      ['1234567890123456', 'a', '', '12.5', '2024-02-29', 'false'],
    ]) {
      expect(plain.accepts(record), record.join(',')).toBe(false);
    }
  });

  it('never accepts what validate refuses (random values, every type)', () => {
    const alphabet = ['0', '1', '9', '-', '+', '.', 'e', ' ', 'T', ':', 'Z', 'a', 'y', 't', 'r', 'u', 'f', 'l', 's'];
    const value = fc.oneof(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((chars) => chars.join('')),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.integer({ min: 0, max: 40 }).map((n) => `2023-02-${String(n).padStart(2, '0')}`),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 8, maxLength: 8 }), (record) => {
        if (!validator.accepts(record)) return;
        const problems: Problem[] = [];
        expect(validator.validate(record, 2, problems)).not.toBeNull();
        expect(problems).toEqual([]);
      }),
      { numRuns: 3000 },
    );
    const plain = compileRecordValidator(columns.slice(0, 6));
    fc.assert(
      fc.property(fc.array(value, { minLength: 6, maxLength: 6 }), (record) => {
        if (!plain.accepts(record)) return;
        const problems: Problem[] = [];
        expect(plain.validate(record, 2, problems)).not.toBeNull();
        expect(problems).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compileRecordValidator: column formats', () => {
  it('reads values in the column’s format into canonical values, and explains the format when one does not fit', () => {
    const born = column('born', 'date', { format: { pattern: 'DD/MM/YYYY' } });
    expect(value(check(born, '31/12/2024'))).toBe('2024-12-31');
    expect(value(check(born, '2024-12-31'))).toBe('2024-12-31');
    const p = problem(check(born, '12/31/2024', 5));
    expectReadable(p, 5, 'born', '12/31/2024');
    expect(p.errorCode).toBe(PROBLEM_CODES.invalidDate);
    expect(p.remediation).toBe(
      'Check the day and month: months go from 1 to 12. "born" expects DD/MM/YYYY, like 31/12/2024.',
    );
    const price = column('price', 'number', { format: { decimalSeparator: ',', thousandsSeparator: '.' } });
    expect(value(check(price, '1.234,5'))).toBe('1234.5');
    expect(problem(check(price, '1,2,3')).errorCode).toBe(PROBLEM_CODES.invalidNumber);
  });

  it('gives an empty cell the meaning a yes/no format gives the empty word', () => {
    const flag = column('flag', 'boolean', { required: true, format: { trueWords: ['x'], falseWords: [''] } });
    expect(value(check(flag, ''))).toBe('false');
    expect(value(check(flag, 'X'))).toBe('true');
  });

  it('accepts() stays a promise that validate returns the value unchanged, with formats too', () => {
    const columns = [
      column('id', 'integer', {
        isKey: true,
        required: true,
        format: { decimalSeparator: ',', thousandsSeparator: '.' },
      }),
      column('price', 'number', { required: true, format: { decimalSeparator: ',', thousandsSeparator: '.' } }),
      column('born', 'date', { format: { pattern: 'MM/DD/YYYY' } }),
      column('ok', 'boolean', { format: { trueWords: ['ja'], falseWords: ['nein'] } }),
    ];
    const validator = compileRecordValidator(columns);
    fc.assert(
      fc.property(
        fc.tuple(
          fc.constantFrom('1', '1.234', '1234', '-5', '007'),
          fc.constantFrom('1.234', '1234', '1,5', '12', '0.5'),
          fc.constantFrom('2024-01-02', '01/02/2024', ''),
          fc.constantFrom('true', 'ja', 'nein', 'false'),
        ),
        (record) => {
          if (!validator.accepts(record)) return;
          const problems: Problem[] = [];
          expect(validator.validate(record, 2, problems)).toEqual(record.map((v) => (v === '' ? null : v)));
        },
      ),
    );
    // "1.234" is 1234 where dots group thousands: never accepted as written.
    expect(validator.accepts(['1', '1.234', '', 'true'])).toBe(false);
  });
});
