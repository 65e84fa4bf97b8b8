import { describe, expect, it } from 'vitest';

import { keyColumns, type ListColumn } from '@/lib/shared/list-column';

import { columnInputSchema, columnsInputSchema, normalizeColumns, sameColumns, type ColumnInput } from './columns';

function normalize(input: ColumnInput[]): ListColumn[] {
  return normalizeColumns(columnsInputSchema.parse(input));
}

function issues(input: unknown): string[] {
  const result = columnsInputSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('columnInputSchema', () => {
  it('trims names, defaults isKey to false and leaves required unset (normalizeColumns decides)', () => {
    expect(columnInputSchema.parse({ name: '  Email ', dataType: 'string' })).toEqual({
      name: 'Email',
      dataType: 'string',
      isKey: false,
    });
  });

  it('refuses empty names, names with line breaks and names over 200 characters', () => {
    expect(columnInputSchema.safeParse({ name: '   ', dataType: 'string' }).success).toBe(false);
    expect(columnInputSchema.safeParse({ name: 'a\nb', dataType: 'string' }).success).toBe(false);
    expect(columnInputSchema.safeParse({ name: 'a\rb', dataType: 'string' }).success).toBe(false);
    expect(columnInputSchema.safeParse({ name: 'x'.repeat(200), dataType: 'string' }).success).toBe(true);
    expect(columnInputSchema.safeParse({ name: 'x'.repeat(201), dataType: 'string' }).success).toBe(false);
  });

  it('refuses an unknown data type with a message listing the types', () => {
    const result = columnInputSchema.safeParse({ name: 'a', dataType: 'text' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'dataType must be one of string, integer, number, boolean, date, datetime.',
    );
  });

  it('refuses an invalid regular expression as pattern, including ones invalid only in unicode mode', () => {
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', pattern: '[a-z]+' }).success).toBe(true);
    const bad = columnInputSchema.safeParse({ name: 'a', dataType: 'string', pattern: '(' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['pattern']);
    expect(bad.error?.issues[0]?.message).toMatch(/^Column "a": the pattern is not a valid regular expression/);
    // `\-` outside a class is allowed without the u flag but not with it.
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', pattern: 'a\\-b' }).success).toBe(false);
  });

  it('refuses a pattern that cannot run in linear time, naming the column and what to write instead', () => {
    const lookahead = columnInputSchema.safeParse({ name: 'password', dataType: 'string', pattern: '(?=.*\\d).{8,}' });
    expect(lookahead.error?.issues[0]?.message).toBe(
      'Column "password": the pattern uses a lookahead ((?=…), which cannot be checked in linear time. ' +
        'Describe the whole value from start to end instead: for example .*[0-9].* for "contains a digit", or [^x]* for "has no x".',
    );
    const backReference = columnInputSchema.safeParse({ name: 'code', dataType: 'string', pattern: '([a-z])\\1' });
    expect(backReference.error?.issues[0]?.message).toMatch(/^Column "code": the pattern repeats an earlier group/);
    // Nested quantifiers are fine: RE2 runs them in linear time.
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', pattern: '(a+)+' }).success).toBe(true);
  });

  it('refuses non-positive positions and maxLength', () => {
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', position: 0 }).success).toBe(false);
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', position: 1.5 }).success).toBe(false);
    expect(columnInputSchema.safeParse({ name: 'a', dataType: 'string', maxLength: 0 }).success).toBe(false);
  });
});

describe('columnsInputSchema', () => {
  it('requires at least one column', () => {
    expect(issues([])).toContain('A list needs at least one column.');
  });

  it('requires a key column', () => {
    expect(issues([{ name: 'a', dataType: 'string' }])).toContain('At least one column must be a key (isKey: true).');
  });

  it('refuses duplicate names case-insensitively and after trimming, pointing at the second one', () => {
    const result = columnsInputSchema.safeParse([
      { name: 'Email', dataType: 'string', isKey: true },
      { name: 'phone', dataType: 'string' },
      { name: ' email ', dataType: 'string' },
    ]);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.message.includes('used twice'));
    expect(issue?.message).toBe('Column name "email" is used twice.');
    expect(issue?.path).toEqual([2, 'name']);
  });

  it('requires positions on every column or none', () => {
    expect(
      issues([
        { name: 'a', dataType: 'string', isKey: true, position: 1 },
        { name: 'b', dataType: 'string' },
      ]),
    ).toContain('Give every column a position, or none.');
  });

  it('requires unique positions', () => {
    expect(
      issues([
        { name: 'a', dataType: 'string', isKey: true, position: 2 },
        { name: 'b', dataType: 'string', position: 2 },
      ]),
    ).toContain('Column positions must be unique.');
  });

  it('refuses more than 500 columns', () => {
    const many = Array.from({ length: 501 }, (_, i) => ({
      name: `c${i}`,
      dataType: 'string' as const,
      isKey: i === 0,
    }));
    expect(issues(many)).toContain('A list can have at most 500 columns.');
    expect(columnsInputSchema.safeParse(many.slice(0, 500)).success).toBe(true);
  });
});

describe('normalizeColumns', () => {
  it('keeps the given order without positions and numbers columns densely with storage c1..cN', () => {
    const columns = normalize([
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'name', dataType: 'string' },
      { name: 'born', dataType: 'date', required: true },
    ]);
    expect(columns).toEqual([
      { name: 'id', dataType: 'integer', position: 1, isKey: true, keyPosition: 1, required: true, storage: 'c1' },
      { name: 'name', dataType: 'string', position: 2, isKey: false, keyPosition: 0, required: false, storage: 'c2' },
      { name: 'born', dataType: 'date', position: 3, isKey: false, keyPosition: 0, required: true, storage: 'c3' },
    ]);
  });

  it('orders by position and renumbers sparse positions densely', () => {
    const columns = normalize([
      { name: 'c', dataType: 'string', position: 30 },
      { name: 'a', dataType: 'string', position: 10, isKey: true },
      { name: 'b', dataType: 'string', position: 20 },
    ]);
    expect(columns.map((c) => [c.name, c.position, c.storage])).toEqual([
      ['a', 1, 'c1'],
      ['b', 2, 'c2'],
      ['c', 3, 'c3'],
    ]);
  });

  it('makes numeric columns required unless `required: false` is given (List Data rule 3 for existing clients)', () => {
    const columns = normalize([
      { name: 'id', dataType: 'string', isKey: true },
      { name: 'count', dataType: 'integer' },
      { name: 'price', dataType: 'number' },
      { name: 'stock', dataType: 'integer', required: false },
      { name: 'weight', dataType: 'number', required: false },
      { name: 'note', dataType: 'string' },
      { name: 'born', dataType: 'date' },
    ]);
    expect(Object.fromEntries(columns.map((c) => [c.name, c.required]))).toEqual({
      id: true,
      count: true,
      price: true,
      stock: false,
      weight: false,
      note: false,
      born: false,
    });
  });

  it('makes key columns required', () => {
    const [key] = normalize([{ name: 'k', dataType: 'string', isKey: true, required: false }]);
    expect(key!.required).toBe(true);
  });

  it('orders composite keys by keyPosition, independent of column order', () => {
    const columns = normalize([
      { name: 'region', dataType: 'string', isKey: true, keyPosition: 2 },
      { name: 'note', dataType: 'string' },
      { name: 'number', dataType: 'integer', isKey: true, keyPosition: 1 },
    ]);
    expect(columns.map((c) => [c.name, c.keyPosition])).toEqual([
      ['region', 2],
      ['note', 0],
      ['number', 1],
    ]);
    expect(keyColumns(columns).map((c) => c.name)).toEqual(['number', 'region']);
  });

  it('numbers keys densely and puts keys without keyPosition last, in column order', () => {
    const columns = normalize([
      { name: 'x', dataType: 'string', isKey: true },
      { name: 'y', dataType: 'string', isKey: true, keyPosition: 50 },
      { name: 'z', dataType: 'string', isKey: true },
      { name: 'w', dataType: 'string', isKey: true, keyPosition: 7 },
    ]);
    expect(columns.map((c) => [c.name, c.keyPosition])).toEqual([
      ['x', 3],
      ['y', 2],
      ['z', 4],
      ['w', 1],
    ]);
  });

  it('treats keyPosition 0 as unspecified', () => {
    const columns = normalize([
      { name: 'a', dataType: 'string', isKey: true, keyPosition: 0 },
      { name: 'b', dataType: 'string', isKey: true, keyPosition: 1 },
    ]);
    expect(columns.map((c) => c.keyPosition)).toEqual([2, 1]);
  });

  it('keeps maxLength, pattern and allowedValues only when given', () => {
    const [withRules, plain] = normalize([
      { name: 'a', dataType: 'string', isKey: true, maxLength: 5, pattern: '[a-z]+', allowedValues: ['abc'] },
      { name: 'b', dataType: 'string' },
    ]);
    expect(withRules).toMatchObject({ maxLength: 5, pattern: '[a-z]+', allowedValues: ['abc'] });
    expect(Object.keys(plain!)).not.toContain('maxLength');
    expect(Object.keys(plain!)).not.toContain('pattern');
    expect(Object.keys(plain!)).not.toContain('allowedValues');
  });
});

describe('column formats', () => {
  it('keeps a valid format in one shape, defaults left out', () => {
    const columns = normalize([
      { name: 'id', dataType: 'integer', isKey: true, format: { thousandsSeparator: "'" } },
      { name: 'born', dataType: 'date', format: { pattern: 'DD/MM/YYYY' } },
      { name: 'price', dataType: 'number', format: { thousandsSeparator: '.', decimalSeparator: ',' } },
      { name: 'seen', dataType: 'datetime', format: { timeZone: 'Europe/Paris' } },
      { name: 'active', dataType: 'boolean', format: { falseWords: ['nein', ''], trueWords: ['ja'] } },
      { name: 'plain', dataType: 'string' },
    ]);
    expect(columns.map((c) => c.format)).toEqual([
      { thousandsSeparator: "'" },
      { pattern: 'DD/MM/YYYY' },
      { decimalSeparator: ',', thousandsSeparator: '.' },
      { timeZone: 'Europe/Paris' },
      { trueWords: ['ja'], falseWords: ['nein', ''] },
      undefined,
    ]);
    expect(Object.keys(columns[5]!)).not.toContain('format');
  });

  it('refuses formats that do not fit the column, naming the column and what to write', () => {
    const problems = issues([
      { name: 'id', dataType: 'string', isKey: true, format: { pattern: 'DD/MM/YYYY' } },
      { name: 'born', dataType: 'date', format: { pattern: 'DD/MM' } },
      { name: 'price', dataType: 'number', format: { thousandsSeparator: '.' } },
      { name: 'seen', dataType: 'datetime', format: { timeZone: 'Mars/Olympus' } },
      { name: 'active', dataType: 'boolean', format: { trueWords: ['ja', 'x'], falseWords: ['X'] } },
      { name: 'n', dataType: 'integer', format: { pattern: 'YYYYMMDD' } },
    ]);
    expect(problems).toEqual([
      'Column "id": Text columns keep their values exactly as written: they take no format.',
      'Column "born": A date column\'s format needs a pattern: one of YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY, MM-DD-YYYY, YYYY/MM/DD, YYYYMMDD, DD/MM/YY, MM/DD/YY, excel-serial.',
      'Column "price": The thousands separator cannot also be the decimal separator ("."): set decimalSeparator to ",".',
      'Column "seen": "Mars/Olympus" is not a time zone: use a name like Europe/Paris, America/New_York or UTC.',
      'Column "active": "x" cannot mean both yes and no.',
      'Column "n": An integer column\'s format has no "pattern"; it takes decimalSeparator and thousandsSeparator.',
    ]);
    expect(
      issues([{ name: 'id', dataType: 'date', isKey: true, format: { pattern: 'YYYYMMDD', color: 'red' } }]),
    ).toEqual([expect.stringMatching(/color/)]);
  });
});

describe('sameColumns', () => {
  const base = normalize([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
  ]);

  it('ignores storage names', () => {
    expect(
      sameColumns(
        base,
        base.map((c, i) => ({ ...c, storage: `c${i + 10}` })),
      ),
    ).toBe(true);
  });

  it('notices any other difference', () => {
    expect(
      sameColumns(
        base,
        base.map((c) => (c.name === 'name' ? { ...c, dataType: 'date' as const } : c)),
      ),
    ).toBe(false);
    expect(
      sameColumns(
        base,
        base.map((c) => (c.name === 'name' ? { ...c, required: true } : c)),
      ),
    ).toBe(false);
    expect(sameColumns(base, base.slice(0, 1))).toBe(false);
    expect(
      sameColumns(
        base,
        base.map((c) => (c.name === 'id' ? { ...c, format: { thousandsSeparator: ',' as const } } : c)),
      ),
    ).toBe(false);
  });

  it('compares formats by value, whatever order their fields come back in from JSONB', () => {
    const [withFormat] = normalize([
      { name: 'p', dataType: 'number', isKey: true, format: { decimalSeparator: ',', thousandsSeparator: '.' } },
    ]);
    const reordered = { ...withFormat!, format: { thousandsSeparator: '.' as const, decimalSeparator: ',' as const } };
    expect(sameColumns([withFormat!], [reordered])).toBe(true);
  });
});
