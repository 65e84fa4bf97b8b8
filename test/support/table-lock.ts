import type postgres from 'postgres';

/**
 * Takes a lock on a table (access exclusive unless `mode` says otherwise) in a transaction of its
 * own and holds it until the returned function is called; `atRelease` runs in that transaction just
 * before it ends (to drop the table, say). Requests that meet the table meanwhile wait, which a test can see in
 * pg_stat_activity (queriesWaitingForLock).
 */
export async function lockTable(
  sql: postgres.Sql,
  table: string,
  {
    mode = 'access exclusive',
    atRelease,
  }: {
    mode?: 'exclusive' | 'access exclusive';
    atRelease?: (tx: postgres.TransactionSql) => Promise<unknown>;
  } = {},
): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const held = sql.begin(async (tx) => {
    await tx.unsafe(`lock table "${table}" in ${mode} mode`);
    locked();
    await released;
    await atRelease?.(tx);
  });
  await Promise.race([isLocked, held]);
  return async () => {
    release();
    await held;
  };
}

/** How many queries wait for a lock on the table; with `alsoContaining`, only those whose text has it too. */
export async function queriesWaitingForLock(sql: postgres.Sql, table: string, alsoContaining = ''): Promise<number> {
  const [row] = await sql.unsafe<{ n: string }[]>(
    `select count(*) as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
        and query like $1 and query like $2`,
    [`%${table}%`, `%${alsoContaining}%`],
  );
  return Number(row!.n);
}
