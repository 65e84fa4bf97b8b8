import { describe, expect, it } from 'vitest';

import { createRecordShaper, formatValue } from './records';
import { listValue } from './testing/harness';

describe('records → CSV fields', () => {
  const list = listValue([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'Name' },
    { name: 'born', dataType: 'date' },
    { name: 'seen', dataType: 'datetime' },
  ]);

  it('maps object keys by column name (exact, then ignoring case) and collects unknown fields', () => {
    const shaper = createRecordShaper(list.columns);
    expect(
      shaper.shape({
        id: 1,
        name: 'Ada',
        born: new Date(Date.UTC(1815, 11, 10)),
        seen: new Date(Date.UTC(2024, 0, 1, 8)),
        extra: true,
      }),
    ).toEqual(['1', 'Ada', '1815-12-10', '2024-01-01T08:00:00.000Z']);
    expect(shaper.shape([2, 'Grace'])).toEqual(['2', 'Grace']);
    expect(shaper.unknownFields()).toEqual(['extra']);
  });

  it('formats values without coercing wrong ones into right ones', () => {
    expect(formatValue(null, undefined)).toBe('');
    expect(formatValue(-0, undefined)).toBe('0');
    expect(formatValue(1e21, undefined)).toBe('1e+21');
    expect(formatValue(10n, undefined)).toBe('10');
    expect(formatValue(false, undefined)).toBe('false');
    expect(formatValue({ a: [1] }, undefined)).toBe('{"a":[1]}');
    expect(formatValue(new Date('nope'), undefined)).toBe('Invalid Date');
  });
});
