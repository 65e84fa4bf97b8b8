import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

import { SQL_TYPES } from '../db/queries/sql-names';
import { BENCH_COLUMNS } from './data';

/** The bench list's columns typed as a list's table stores them (see db/queries/sql-names). */
const TABLE_COLUMNS = BENCH_COLUMNS.map((c, i) => `c${i + 1} ${SQL_TYPES[c.dataType]}`).join(', ');

/**
 * The physical anchor: postgres.js `COPY … FROM STDIN (FORMAT csv)` of the file's bytes, in one
 * transaction, into an existing table shaped like a list's contents (typed columns, primary key) —
 * what psql's \copy does, without psql's process in between.
 */
export async function copyBaseline(sql: postgres.Sql, file: string): Promise<number> {
  await sql.unsafe(`drop table if exists bench_baseline`);
  await sql.unsafe(`create table bench_baseline (${TABLE_COLUMNS}, primary key (c1))`);
  const started = performance.now();
  await sql.begin(async (tx) => {
    const writable = await tx.unsafe(`copy bench_baseline from stdin with (format csv, header true)`).writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.unsafe(`drop table bench_baseline`);
  return seconds;
}

/**
 * The same COPY into a table created in its transaction, key built after. Where wal_level=minimal
 * (the embedded server) such a table skips the write-ahead log, which the baseline's cannot: the
 * reference shows how much of a load's lead over the baseline is that, not Listport's own work.
 */
export async function copyIntoNewTable(sql: postgres.Sql, file: string): Promise<number> {
  await sql.unsafe(`drop table if exists bench_fresh`);
  const started = performance.now();
  await sql.begin(async (tx) => {
    await tx.unsafe(`create table bench_fresh (${TABLE_COLUMNS})`);
    const writable = await tx.unsafe(`copy bench_fresh from stdin with (format csv, header true)`).writable();
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    await tx.unsafe(`alter table bench_fresh add primary key (c1)`);
  });
  const seconds = (performance.now() - started) / 1000;
  await sql.unsafe(`drop table bench_fresh`);
  return seconds;
}
