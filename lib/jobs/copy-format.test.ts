import { describe, expect, it } from 'vitest';

import { copyLine, keysLineWriter } from './copy-format';

/** Reads a line of COPY text format back, as PostgreSQL does for the escapes copyLine writes. */
function readCopyLine(line: string): (string | null)[] {
  expect(line.endsWith('\n')).toBe(true);
  const body = line.slice(0, -1);
  expect(body).not.toMatch(/[\n\r]/);
  return body
    .split('\t')
    .map((field) =>
      field === '\\N'
        ? null
        : field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c),
    );
}

describe('copyLine', () => {
  it('writes the row number, then tab-separated values, ending in a newline', () => {
    expect(copyLine(2, ['1', 'Alice', 'true'])).toBe('2\t1\tAlice\ttrue\n');
  });

  it('writes null as \\N and an empty string as nothing', () => {
    expect(copyLine(5, [null, '', 'x'])).toBe('5\t\\N\t\tx\n');
  });

  it('writes a record with no values as just the row number', () => {
    expect(copyLine(9, [])).toBe('9\n');
  });

  it('escapes backslash, tab, newline and carriage return', () => {
    expect(copyLine(1, ['a\\b'])).toBe('1\ta\\\\b\n');
    expect(copyLine(1, ['a\tb'])).toBe('1\ta\\tb\n');
    expect(copyLine(1, ['a\nb'])).toBe('1\ta\\nb\n');
    expect(copyLine(1, ['a\rb'])).toBe('1\ta\\rb\n');
    expect(copyLine(1, ['\\\t\n\r\\'])).toBe('1\t\\\\\\t\\n\\r\\\\\n');
  });

  it('keeps the literal text \\N apart from null', () => {
    expect(copyLine(3, ['\\N', null])).toBe('3\t\\\\N\t\\N\n');
    expect(readCopyLine(copyLine(3, ['\\N', null]))).toEqual(['3', '\\N', null]);
  });

  it('leaves other characters alone', () => {
    const value = 'Zoë "quoted", 😀 ; | \u0001 \u2028 =1';
    expect(copyLine(4, [value])).toBe(`4\t${value}\n`);
  });

  it('round-trips any value through the COPY text format', () => {
    const values = [
      'plain',
      '',
      null,
      'multi\r\nline\rvalue\n',
      'tab\tand\\backslash',
      '\\',
      '\\t literal',
      ' spaces ',
    ];
    expect(readCopyLine(copyLine(123, values))).toEqual(['123', ...values]);
  });
});

describe('keysLineWriter', () => {
  it('writes what copyLine writes for a record of its keys only', () => {
    for (const [count, keyIndexes, keys] of [
      [3, [0], ['7']],
      [3, [2], ['7']],
      [4, [1, 2], ['a\tb', 'c\\d']],
      [5, [0, 3], ['x', null]],
      [1, [0], ['only']],
    ] as const) {
      const values: (string | null)[] = Array.from({ length: count }, () => null);
      keyIndexes.forEach((index, i) => (values[index] = keys[i] ?? null));
      expect(keysLineWriter(count, keyIndexes)(12, keys)).toBe(copyLine(12, values));
    }
  });
});
