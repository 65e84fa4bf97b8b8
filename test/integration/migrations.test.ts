import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { runMigrations } from '../../db/migrate';
import { createDatabase } from '../support/databases';
import { ROOT } from '../support/processes';

/**
 * Migrations that move data: a database at an earlier migration, holding data in the earlier shape,
 * is migrated to the current one and keeps its data. Each case migrates a fresh database up to the
 * migration it tests (the migrations folder cut there), writes old-shape rows, then runs every migration.
 */
async function migrateUpToBefore(url: string, tagEnding: string): Promise<void> {
  const source = path.join(ROOT, 'db', 'migrations');
  const cut = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-migrations-'));
  try {
    const journal = JSON.parse(await fs.readFile(path.join(source, 'meta', '_journal.json'), 'utf8'));
    // By the end of its tag, so that renumbering the migrations when branches merge changes nothing here.
    const next = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith(tagEnding));
    if (next < 1) throw new Error(`No migration ending in ${tagEnding} after another`);
    journal.entries = journal.entries.slice(0, next);
    await fs.mkdir(path.join(cut, 'meta'));
    await fs.writeFile(path.join(cut, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const entry of journal.entries)
      await fs.copyFile(path.join(source, `${entry.tag}.sql`), path.join(cut, `${entry.tag}.sql`));
    await runMigrations(url, cut);
  } finally {
    await fs.rm(cut, { recursive: true, force: true });
  }
}

describe('migrations keep existing data', () => {
  let database: { url: string; drop: () => Promise<void> };
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await createDatabase(inject('serverUrl'), 'listport_migrations');
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  it("moves every job's errors from its jsonb array into job_errors, in order, bounded", async () => {
    await migrateUpToBefore(database.url, '_job_errors_table');
    const [workspace] = await sql`insert into workspaces (name) values ('W') returning id`;
    const error = (row: number, value: string) => ({
      message: `Row ${row}: bad.`,
      id: `00000000-0000-4000-8000-${String(row).padStart(12, '0')}`,
      errorCode: 1002,
      httpStatusCode: 400,
      details: [`row: ${row}`],
      remediation: 'Fix it.',
      version: 2,
      row,
      value,
    });
    const errors = [error(2, 'x'), error(3, 'y'.repeat(5_000)), error(4, 'z')];
    const [failed] = await sql`
      insert into jobs (kind, workspace_id, state, created_by_email, total_errors, errors)
      values ('import', ${workspace!.id}, 'failed', 'a@example.com', 3, ${sql.json(errors)}) returning id`;
    const [completed] = await sql`
      insert into jobs (kind, workspace_id, state, created_by_email)
      values ('import', ${workspace!.id}, 'completed', 'a@example.com') returning id`;

    await runMigrations(database.url, path.join(ROOT, 'db', 'migrations'));

    const moved = await sql`select job_id, position, error from job_errors order by job_id, position`;
    expect(moved.map((r) => [r.job_id, r.position, r.error.row])).toEqual([
      [failed!.id, 0, 2],
      [failed!.id, 1, 3],
      [failed!.id, 2, 4],
    ]);
    expect(moved[0]!.error).toEqual(errors[0]);
    expect(moved[1]!.error.value).toBe(`${'y'.repeat(1_000)}…`);
    const jobs = await sql`select id, total_errors from jobs order by total_errors desc`;
    expect(jobs.map((j) => [j.id, j.total_errors])).toEqual([
      [failed!.id, 3],
      [completed!.id, 0],
    ]);
    const [column] =
      await sql`select 1 from information_schema.columns where table_name = 'jobs' and column_name = 'errors'`;
    expect(column).toBeUndefined();
  });
});
