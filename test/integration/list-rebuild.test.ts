import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';

import type { OtherConnection } from '@/db/queries/list-load/keep-untouched';
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

/**
 * A large list's rewrite copies its untouched records on two connections, each taking the keys on
 * one side of a key near the list's middle: together they must come out exactly as one pass does.
 * The successor is committed first, as rewriteSideBySide commits it, so the other connection sees it.
 */
describe('rebuilding a list on two connections', () => {
  const listed = 20_000;
  // Keys (id, region): ids 1..10,000 in two regions. The file names ids 5,001..15,000 in EU:
  // 5,000 listed (every third changed, one NULL made a value) and 5,000 new.

  async function rebuildSideBySide(
    mode: 'upsert' | 'append',
    { fileDuplicate = false, onePass = false }: { fileDuplicate?: boolean; onePass?: boolean } = {},
  ) {
    const sql = postgres(inject('databaseUrl'), { max: 3, onnotice: () => {} });
    const table = `ld_halves_${Math.random().toString(36).slice(2, 10)}`;
    const successor = `${table}_next`;
    try {
      await sql.unsafe(`create table "${table}" (c1 bigint, c2 text, c3 numeric, c4 text, primary key (c1, c2))`);
      await sql.unsafe(
        `insert into "${table}" select (i + 1) / 2, case when i % 2 = 0 then 'EU' else 'US' end, ((i + 1) / 2) * 10,
                case when i % 7 = 0 then null else 'n' || i end
           from generate_series(1, ${listed}) i order by random()`,
      );
      await sql.begin(async (tx) => {
        await createSuccessor(tx, table, COLUMNS);
        await tx.unsafe(
          `insert into "${successor}" select id, 'EU', case when id % 3 = 0 then id * 10 + 1 else id * 10 end, 'file'
             from generate_series(5001, 15000) id`,
        );
        if (fileDuplicate) await tx.unsafe(`insert into "${successor}" values (9000, 'EU', 1, 'again')`);
      });
      let otherTransactions = 0;
      const other: OtherConnection = (work) => {
        otherTransactions++;
        return sql.begin((otherTx) => work(otherTx));
      };
      const outcome = await sql
        .begin((tx) =>
          replaceWithSuccessor(tx, table, COLUMNS, mode, 10_000, { waitSeconds: 5, ...(!onePass && { other }) }),
        )
        .catch((error: unknown) => error);
      const [contents] = await sql.unsafe<{ records: string; from_file: string; digest: string }[]>(
        `select count(*) as records, count(*) filter (where c4 = 'file') as from_file,
                md5(string_agg(c1 || c2 || coalesce(c3::text, '-') || coalesce(c4, '-'), ',' order by c1, c2)) as digest
           from "${table}"`,
      );
      return { outcome, contents, otherTransactions };
    } finally {
      await sql.unsafe(`drop table if exists "${table}"`);
      await sql.unsafe(`drop table if exists "${successor}"`);
      await sql.end();
    }
  }

  it('upsert: counts and records come out exactly as one pass', async () => {
    const { outcome, contents, otherTransactions } = await rebuildSideBySide('upsert');
    expect(otherTransactions).toBe(1);
    // Listed EU records 5,001..10,000 named by the file; the file changes ids divisible by 3 (1,666)
    // and every note (listed notes are 'n…' or NULL, the file's 'file'): all 5,000 differ.
    expect(outcome).toEqual({ inserted: 5_000, updated: 5_000, unchanged: 0, deleted: 0 });
    expect(contents).toMatchObject({ records: String(listed + 5_000), from_file: '10000' });
  });

  it('upsert: counts unchanged records the file names as they are', async () => {
    const sql = postgres(inject('databaseUrl'), { max: 3, onnotice: () => {} });
    const table = `ld_halves_${Math.random().toString(36).slice(2, 10)}`;
    try {
      await sql.unsafe(`create table "${table}" (c1 bigint, c2 text, c3 numeric, c4 text, primary key (c1, c2))`);
      await sql.unsafe(
        `insert into "${table}" select i, 'EU', i, 'same' from generate_series(1, ${listed}) i order by random()`,
      );
      await sql.begin(async (tx) => {
        await createSuccessor(tx, table, COLUMNS);
        // Every even id as listed, every odd one changed, and 100 new ones.
        await tx.unsafe(
          `insert into "${table}_next" select i, 'EU', case when i % 2 = 0 then i else i + 1 end, 'same'
             from generate_series(1, ${listed + 100}) i`,
        );
      });
      const other: OtherConnection = (work) => sql.begin((otherTx) => work(otherTx));
      const outcome = await sql.begin((tx) =>
        replaceWithSuccessor(tx, table, COLUMNS, 'upsert', listed + 100, { waitSeconds: 5, other }),
      );
      expect(outcome).toEqual({ inserted: 100, updated: listed / 2, unchanged: listed / 2, deleted: 0 });
      const [row] = await sql.unsafe<{ n: string; wrong: string }[]>(
        `select count(*) as n, count(*) filter (where c3 <> case when c1 % 2 = 0 then c1 else c1 + 1 end) as wrong from "${table}"`,
      );
      expect(row).toEqual({ n: String(listed + 100), wrong: '0' });
    } finally {
      await sql.unsafe(`drop table if exists "${table}"`);
      await sql.unsafe(`drop table if exists "${table}_next"`);
      await sql.end();
    }
  });

  it('keeps every untouched record: the same list and counts as a rebuild in one pass', async () => {
    const halves = await rebuildSideBySide('upsert');
    const onePass = await rebuildSideBySide('upsert', { onePass: true });
    expect(onePass.otherTransactions).toBe(0);
    expect(halves.outcome).toEqual(onePass.outcome);
    expect(halves.contents).toEqual(onePass.contents);
    // Untouched: all 10,000 US records and EU ids 1..5,000; from the file: 10,000.
    expect(Number(halves.contents?.records) - Number(halves.contents?.from_file)).toBe(15_000);
  });

  it('append: refuses a file naming listed records, whichever half names them', async () => {
    const { outcome } = await rebuildSideBySide('append');
    expect(outcome).toBeInstanceOf(SuccessorRefused);
  });

  it('refuses a key given twice in the file', async () => {
    const { outcome } = await rebuildSideBySide('upsert', { fileDuplicate: true });
    expect(outcome).toBeInstanceOf(SuccessorRefused);
  });
});
