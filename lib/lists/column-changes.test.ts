import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import {
  addColumnSchema,
  canonicalDefault,
  changeColumnSchema,
  changedColumn,
  columnToAdd,
  findColumn,
  needsRecordCheck,
  storedValueChecker,
} from './column-changes';
import { normalizeColumns } from './columns';

const columns: ListColumn[] = normalizeColumns([
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string', isKey: false },
  { name: 'amount', dataType: 'number', isKey: false, required: false },
]);

function added(input: unknown): ListColumn {
  const result = columnToAdd(columns, addColumnSchema.parse(input));
  if (!('column' in result)) throw new Error(result.message);
  return result.column;
}

describe('columnToAdd', () => {
  it('puts the column last, optional unless numeric, in a storage column nobody uses', () => {
    expect(added({ name: 'team', dataType: 'string' })).toMatchObject({
      position: 4,
      required: false,
      isKey: false,
      storage: 'c4',
    });
    expect(added({ name: 'level', dataType: 'integer' }).required).toBe(true);
    // A list whose storage numbers have gaps still gets a fresh one.
    const gappy = columns.map((c, i) => ({ ...c, storage: `c${i * 3 + 1}` }));
    const result = columnToAdd(gappy, addColumnSchema.parse({ name: 'x', dataType: 'string' }));
    expect('column' in result && result.column.storage).toBe('c8');
  });

  it('refuses a name in use (ignoring case) and a key column', () => {
    expect(columnToAdd(columns, addColumnSchema.parse({ name: 'NAME', dataType: 'string' }))).toEqual({
      field: 'name',
      message: 'The list already has a column named "name".',
    });
    expect(addColumnSchema.safeParse({ name: 'k', dataType: 'string', isKey: true }).success).toBe(false);
  });
});

describe('canonicalDefault', () => {
  it('reads the default in the column format and refuses one the column would not accept', () => {
    const bonus = added({ name: 'bonus', dataType: 'number', format: { decimalSeparator: ',' } });
    expect(canonicalDefault(bonus, '12,5')).toEqual({ value: '12.5' });
    const level = added({ name: 'level', dataType: 'integer' });
    const refused = canonicalDefault(level, 'high');
    expect(refused).toMatchObject({ field: 'default' });
    expect('message' in refused && refused.message).toContain('"high"');
  });
});

describe('changedColumn and needsRecordCheck', () => {
  const name = findColumn(columns, 'Name')!;

  it('renames and sets rules; null removes a rule; only tightening asks for a record check', () => {
    const result = changedColumn(columns, name, changeColumnSchema.parse({ name: 'fullName', maxLength: 20 }));
    if (!('column' in result)) throw new Error(result.message);
    expect(result.column).toMatchObject({ name: 'fullName', maxLength: 20, storage: name.storage });
    expect(needsRecordCheck(name, result.column)).toBe('values');
    const relaxed = changedColumn(columns, result.column, changeColumnSchema.parse({ maxLength: null }));
    if (!('column' in relaxed)) throw new Error(relaxed.message);
    expect(relaxed.column.maxLength).toBeUndefined();
    expect(needsRecordCheck(result.column, relaxed.column)).toBe('none');
  });

  it('refuses making a key optional, and changing type or key', () => {
    expect(changedColumn(columns, columns[0]!, changeColumnSchema.parse({ required: false }))).toMatchObject({
      field: 'required',
    });
    expect(changeColumnSchema.safeParse({ dataType: 'string' }).success).toBe(false);
    expect(changeColumnSchema.safeParse({ isKey: true }).success).toBe(false);
  });
});

describe('storedValueChecker', () => {
  it('checks canonical stored values against the rules, not the file format', () => {
    const check = storedValueChecker({ ...columns[1]!, allowedValues: ['Ann'], format: undefined });
    expect(check('Ann')).toBeUndefined();
    expect(check('Bob')).toMatch(/Bob/);
    const amount = storedValueChecker({ ...columns[2]!, format: { decimalSeparator: ',' } });
    expect(amount('1234.5')).toBeUndefined();
  });
});
