import type postgres from 'postgres';

import { pgErrorCode } from '../pg-errors';
import { quoteTable } from '../sql-names';

/** Readers held the list's table longer than the load would wait for them (see lockInAttempts). */
export class ListBusy extends Error {}

const LOCK_NOT_AVAILABLE = '55P03';

/** Runs statements, in order, in a savepoint of the caller's transaction; rejects with the database's error. */
export type InSavepoint = (statements: readonly string[]) => Promise<void>;

/**
 * Takes a lock on a list's table in attempts of 2 s with pauses between them: while a request for
 * an exclusive lock waits, PostgreSQL queues every new reader of the table behind it, so one long
 * wait would stall the list's pages for as long as, say, an export runs. 2 s outlasts
 * deadlock_timeout, after which an autovacuum in the way is cancelled.
 */
export async function lockInAttempts(
  tx: postgres.TransactionSql,
  table: string,
  mode: 'exclusive' | 'access exclusive',
  waitSeconds: number,
): Promise<void> {
  const [row] = await tx.unsafe<{ superuser: boolean }[]>(IS_SUPERUSER);
  await lockTablesInAttempts(
    async (statements) => {
      await tx.savepoint(async (sp) => {
        for (const statement of statements) await sp.unsafe(statement);
      });
    },
    { tables: [table], mode, waitSeconds, superuser: row?.superuser === true },
  );
}

/** Whether the session may shorten deadlock_timeout (a column `superuser`). */
export const IS_SUPERUSER = `select current_setting('is_superuser') = 'on' as superuser`;

/** lockInAttempts for any driver, and for several tables at once (each a name for quoteTable). */
export async function lockTablesInAttempts(
  inSavepoint: InSavepoint,
  options: {
    tables: readonly string[];
    mode: 'exclusive' | 'access exclusive';
    waitSeconds: number;
    superuser: boolean;
  },
): Promise<void> {
  const { tables, mode, waitSeconds, superuser } = options;
  if (tables.length === 0) return;
  const deadline = Date.now() + waitSeconds * 1000;
  // After a big load autovacuum is usually busy with the list's table; a waiter cancels it after
  // its own deadlock_timeout (1 s by default), which superusers may shorten.
  const statements = [
    `set local lock_timeout = '2s'`,
    ...(superuser ? [`set local deadlock_timeout = '100ms'`] : []),
    `lock table ${tables.map(quoteTable).join(', ')} in ${mode} mode`,
    `set local lock_timeout to default`,
    ...(superuser ? [`set local deadlock_timeout to default`] : []),
  ];
  for (;;) {
    try {
      await inSavepoint(statements);
      return;
    } catch (error) {
      if (pgErrorCode(error) !== LOCK_NOT_AVAILABLE) throw error;
      if (Date.now() >= deadline) throw new ListBusy(`the list was being read for more than ${waitSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
