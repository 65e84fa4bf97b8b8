import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';

import { SQL_TYPES } from '@/db/queries/sql-names';
import { keyIdentity } from '@/lib/lists/key-identity';
import { VALUE_PARSERS } from '@/lib/lists/value-parsers';
import type { DataType } from '@/lib/shared/data-types';

/**
 * The import wizard finds duplicate keys with keyIdentity; the server finds them in typed columns.
 * For every pair of values here, keyIdentity must call them one key exactly when PostgreSQL's `=`
 * on the list column's type does.
 */
const VALUES: Record<Exclude<DataType, 'string'>, string[]> = {
  integer: [
    '7',
    '07',
    '+7',
    ' 7 ',
    '-7',
    '-07',
    '0',
    '-0',
    '+0',
    '000',
    '9223372036854775807',
    '09223372036854775807',
    '-9223372036854775808',
    '70',
  ],
  number: [
    '1.5',
    '1.50',
    '+1.5',
    '15e-1',
    '0.15E1',
    '.15e+1',
    '150e-2',
    '1.5000000000000000000001',
    '1.4999999999999999999999',
    '0',
    '-0',
    '0.000',
    '0e5',
    '.0',
    '0.',
    '-0.0',
    '100',
    '1e2',
    '100.0',
    '0.01',
    '1e-2',
    '10e-3',
    '-2.5',
    '-25e-1',
    '12345678901234567890.5',
    '123456789012345678905e-1',
  ],
  boolean: ['true', 'TRUE', 't', 'yes', 'y', '1', 'false', 'no', '0', 'F'],
  date: ['2024-02-29', ' 2024-02-29 ', '2024-03-01', '0001-01-01', '9999-12-31'],
  datetime: [
    '2024-03-31T14:05:00Z',
    '2024-03-31 14:05:00Z',
    '2024-03-31T14:05Z',
    '2024-03-31T16:05:00+02:00',
    '2024-03-31T16:05:00+0200',
    '2024-03-31T09:05:00-05:00',
    '2024-03-31T14:05:00',
    '2024-03-31T14:05:00.000000Z',
    '2024-03-31T14:05:00.0000004Z',
    '2024-03-31T14:05:00.0000005Z',
    '2024-03-31T14:05:00.0000015Z',
    '2024-03-31T14:05:00.0000025Z',
    '2024-03-31T14:05:00.000001Z',
    '2024-03-31T14:05:00.000002Z',
    '2024-03-31T14:05:00.9999996Z',
    '2024-03-31T14:05:01Z',
    '1969-12-31T23:59:59.5Z',
    '1969-12-31T23:59:59.500000Z',
    '0050-06-01T00:00:00Z',
    '1950-06-01T00:00:00Z',
    '2024-03-31T23:30:00-15:00',
    '2024-04-01T14:30:00Z',
  ],
};

function canonical(dataType: DataType, raw: string): string {
  const parsed = VALUE_PARSERS[dataType](raw);
  if (!parsed.ok) throw new Error(`${dataType} ${JSON.stringify(raw)} does not parse: ${parsed.reason}`);
  return parsed.value;
}

describe('keyIdentity', () => {
  it.each(Object.entries(VALUES) as [Exclude<DataType, 'string'>, string[]][])(
    'calls two %s values one key exactly when PostgreSQL does',
    async (dataType, raws) => {
      const values = raws.map((raw) => canonical(dataType, raw));
      const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
      try {
        const type = SQL_TYPES[dataType];
        // Canonical datetimes carry their zone; the session's zone only matters for the parse of none.
        const pairs = await sql.begin(async (tx) => {
          await tx.unsafe(`set local timezone = 'UTC'`);
          return tx.unsafe<{ a: number; b: number; same: boolean }[]>(
            `select a.i::int - 1 as a, b.i::int - 1 as b, a.v::${type} = b.v::${type} as same
             from unnest($1::text[]) with ordinality a(v, i), unnest($1::text[]) with ordinality b(v, i)`,
            [values],
          );
        });
        const disagreements = pairs
          .filter(
            ({ a, b, same }) => (keyIdentity(dataType, values[a]!) === keyIdentity(dataType, values[b]!)) !== same,
          )
          .map(({ a, b, same }) => `${raws[a]} ${same ? '=' : '≠'} ${raws[b]} in PostgreSQL`);
        expect(disagreements).toEqual([]);
        expect(pairs).toHaveLength(values.length ** 2);
      } finally {
        await sql.end();
      }
    },
  );

  it('compares text keys as written: spaces and case make different keys, as in a text column', () => {
    expect(keyIdentity('string', 'A')).not.toBe(keyIdentity('string', ' A'));
    expect(keyIdentity('string', 'A')).not.toBe(keyIdentity('string', 'a'));
    expect(keyIdentity('string', 'Zoë')).toBe('Zoë');
  });
});
