import { describe, expect, it } from 'vitest';

import type { DataType } from '@/lib/shared/data-types';

import { keyIdentity } from './key-identity';
import { VALUE_PARSERS } from './value-parsers';

// test/integration/key-identity.test.ts checks these against PostgreSQL's own =; these run without a database.
function sameKey(dataType: DataType, a: string, b: string): boolean {
  const canonical = (raw: string) => {
    const parsed = VALUE_PARSERS[dataType](raw);
    if (!parsed.ok) throw new Error(`${raw} does not parse as ${dataType}`);
    return parsed.value;
  };
  return keyIdentity(dataType, canonical(a)) === keyIdentity(dataType, canonical(b));
}

describe('keyIdentity', () => {
  it.each([
    ['integer', '7', '07'],
    ['integer', '7', '+7'],
    ['integer', '0', '-0'],
    ['number', '1.5', '1.50'],
    ['number', '1.5', '15e-1'],
    ['number', '100', '1e2'],
    ['number', '0', '-0.000'],
    ['datetime', '2024-03-31T16:05:00+02:00', '2024-03-31T14:05:00Z'],
    ['datetime', '2024-03-31T14:05:00.0000005Z', '2024-03-31T14:05:00Z'],
    ['datetime', '2024-03-31T14:05:00.0000015Z', '2024-03-31T14:05:00.000002Z'],
    ['date', ' 2024-02-29', '2024-02-29'],
    ['boolean', 'yes', 'true'],
  ] as const)('takes %s %j and %j for one key', (dataType, a, b) => {
    expect(sameKey(dataType, a, b)).toBe(true);
  });

  it.each([
    ['integer', '7', '70'],
    ['number', '1.5', '1.05'],
    ['number', '-1.5', '1.5'],
    ['datetime', '0050-06-01T00:00:00Z', '1950-06-01T00:00:00Z'],
    ['datetime', '2024-03-31T14:05:00.000001Z', '2024-03-31T14:05:00Z'],
    ['string', 'A', ' A'],
    ['string', 'A', 'a'],
  ] as const)('takes %s %j and %j for two keys', (dataType, a, b) => {
    expect(sameKey(dataType, a, b)).toBe(false);
  });

  it('refuses a value that is not canonical rather than guess', () => {
    expect(() => keyIdentity('number', '1,5')).toThrow(/canonical number/);
    expect(() => keyIdentity('datetime', '2024-03-31')).toThrow(/canonical date and time/);
  });
});
