import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';

import { replaceWithSuccessor } from '@/db/queries/list-load/replace-with-successor';
import { createSuccessor, SuccessorRefused } from '@/db/queries/list-load/successor';
import type { ListColumn } from '@/lib/shared/list-column';

/**
 * A list's rebuild keeps the untouched records and counts the changed ones in one pass over the
 * list (a sequence ticked from the INSERT's WHERE clause does the counting), and `replace` counts
 * in a join of its own: the counts and the list must come out exact either way.
 */
const COLUMNS: ListColumn[] = [
  { name: 'id', dataType: 'integer', isKey: true, keyPosition: 1, required: false, position: 1, storage: 'c1' },
  { name: 'region', dataType: 'string', isKey: true, keyPosition: 2, required: false, position: 2, storage: 'c2' },
  { name: 'amount', dataType: 'number', isKey: false, keyPosition: 0, required: false, position: 3, storage: 'c3' },
  { name: 'note', dataType: 'string', isKey: false, keyPosition: 0, required: false, position: 4, storage: 'c4' },
];
type Row = [number, string, string | null, string | null];
const LISTED: Row[] = [
  [1, 'EU', '10', 'a'],
  [1, 'US', '11', null],
  [2, 'EU', '20', 'b'],
  [3, 'EU', null, 'c'],
  [4, 'EU', '40', 'd'],
];
// (1,EU) unchanged, (1,US) note null → 'x' (changed), (3,EU) amount null → 30 (changed), (2,EU) 20 → 20.0 (equal as numbers), (5,EU) new.
const FILE: Row[] = [
  [1, 'EU', '10', 'a'],
  [1, 'US', '11', 'x'],
  [3, 'EU', '30', 'c'],
  [2, 'EU', '20.0', 'b'],
  [5, 'EU', '50', 'e'],
];
async function rebuild(mode: 'upsert' | 'append' | 'replace', file: Row[] = FILE) {
  const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  const table = `ld_rebuild_${Math.random().toString(36).slice(2, 10)}`;
  try {
    await sql.unsafe(`create table "${table}" (c1 bigint, c2 text, c3 numeric, c4 text, primary key (c1, c2))`);
    await sql.unsafe(
      `insert into "${table}" values ${LISTED.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ')}`,
      LISTED.flat(),
    );
    const outcome = await sql
      .begin(async (tx) => {
        await createSuccessor(tx, table, COLUMNS);
        await tx.unsafe(
          `insert into "${table}_next" values ${file.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ')}`,
          file.flat(),
        );
        return replaceWithSuccessor(tx, table, COLUMNS, mode, file.length, { waitSeconds: 5 });
      })
      .catch((error: unknown) => error);
    const rows = await sql.unsafe<{ c1: string; c2: string; c3: string | null; c4: string | null }[]>(
      `select c1::text, c2, c3::float8::text as c3, c4 from "${table}" order by c1, c2`,
    );
    const leftovers = await sql.unsafe(`select 1 from pg_class where relname = '${table}_next'`);
    return { outcome, rows: rows.map((r) => [Number(r.c1), r.c2, r.c3, r.c4]), leftovers: leftovers.length };
  } finally {
    await sql.unsafe(`drop table if exists "${table}"`);
    await sql.end();
  }
}

describe('rebuilding a list', () => {
  it('upsert: counts new, changed (NULLs included) and unchanged records exactly, keeps the untouched one', async () => {
    const { outcome, rows, leftovers } = await rebuild('upsert');
    expect(outcome).toEqual({ inserted: 1, updated: 2, unchanged: 2, deleted: 0 });
    expect(rows).toEqual([
      [1, 'EU', '10', 'a'],
      [1, 'US', '11', 'x'],
      [2, 'EU', '20', 'b'],
      [3, 'EU', '30', 'c'],
      [4, 'EU', '40', 'd'],
      [5, 'EU', '50', 'e'],
    ]);
    expect(leftovers).toBe(0);
  });

  it('append: refuses a file naming listed records and leaves the list as it was', async () => {
    const { outcome, rows } = await rebuild('append');
    expect(outcome).toBeInstanceOf(SuccessorRefused);
    expect(rows).toEqual(LISTED.map(([a, b, c, d]) => [a, b, c === null ? null : String(Number(c)), d]));
  });

  it('append: adds a file of new records to the listed ones', async () => {
    const { outcome, rows } = await rebuild('append', [[6, 'EU', '60', 'f']]);
    expect(outcome).toEqual({ inserted: 1, updated: 0, unchanged: 0, deleted: 0 });
    expect(rows).toHaveLength(6);
  });

  it('replace: the list becomes the file, with what was removed counted', async () => {
    const { outcome, rows } = await rebuild('replace');
    expect(outcome).toEqual({ inserted: 1, updated: 2, unchanged: 2, deleted: 1 });
    expect(rows.map((r) => `${r[0]}${r[1]}`)).toEqual(['1EU', '1US', '2EU', '3EU', '5EU']);
  });

  it('refuses a key given twice in the file', async () => {
    const { outcome, rows } = await rebuild('upsert', [...FILE, [5, 'EU', '51', 'again']]);
    expect(outcome).toBeInstanceOf(SuccessorRefused);
    expect(rows).toHaveLength(LISTED.length);
  });
});
