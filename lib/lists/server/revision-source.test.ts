import { describe, expect, it } from 'vitest';

import { columnsChangeBlocking } from '@/lib/lists/server/revision-source';
import type { ListColumn } from '@/lib/shared/list-column';

function column(name: string, dataType: ListColumn['dataType'], storage: string, isKey = false): ListColumn {
  return { name, dataType, storage, isKey, keyPosition: isKey ? 1 : 0, position: 1, required: isKey } as ListColumn;
}

const THEN = [column('id', 'integer', 'c1', true), column('name', 'string', 'c2')];

describe('columnsChangeBlocking: may a revision be restored under the columns of today', () => {
  it('allows the same columns, added non-key columns, and a column whose storage moved', () => {
    expect(columnsChangeBlocking(THEN, THEN)).toBeUndefined();
    expect(columnsChangeBlocking(THEN, [...THEN, column('note', 'string', 'c3')])).toBeUndefined();
    expect(
      columnsChangeBlocking(THEN, [
        column('id', 'integer', 'c1', true),
        column('x', 'date', 'c2'),
        column('name', 'string', 'c3'),
      ]),
    ).toBeUndefined();
  });

  it('names what blocks: a removed column, a retyped one, a change of key, an added key column', () => {
    expect(columnsChangeBlocking(THEN, [THEN[0]!])).toBe('the column "name" was removed');
    expect(columnsChangeBlocking(THEN, [THEN[0]!, column('name', 'integer', 'c2')])).toBe(
      'the column "name" changed from string to integer',
    );
    expect(columnsChangeBlocking(THEN, [THEN[0]!, column('name', 'string', 'c2', true)])).toBe(
      'the column "name" became part of the key',
    );
    expect(columnsChangeBlocking(THEN, [...THEN, column('region', 'string', 'c3', true)])).toBe(
      'the key column "region" was added',
    );
  });
});
