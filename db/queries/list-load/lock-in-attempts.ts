import type postgres from 'postgres';

import { pgErrorCode } from '../pg-errors';
import { quoteIdent } from '../sql-names';

/** Readers held the list's table longer than the load would wait for them (see lockInAttempts). */
export class ListBusy extends Error {}

const LOCK_NOT_AVAILABLE = '55P03';

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
  const deadline = Date.now() + waitSeconds * 1000;
  // After a big load autovacuum is usually busy with the list's table; a waiter cancels it after
  // its own deadlock_timeout (1 s by default), which superusers may shorten.
  const mayShortenDeadlockTimeout = await isSuperuser(tx);
  for (;;) {
    try {
      await tx.savepoint(async (sp) => {
        await sp.unsafe(`set local lock_timeout = '2s'`);
        if (mayShortenDeadlockTimeout) await sp.unsafe(`set local deadlock_timeout = '100ms'`);
        await sp.unsafe(`lock table ${quoteIdent(table)} in ${mode} mode`);
        await sp.unsafe(`set local lock_timeout to default`);
        if (mayShortenDeadlockTimeout) await sp.unsafe(`set local deadlock_timeout to default`);
      });
      return;
    } catch (error) {
      if (pgErrorCode(error) !== LOCK_NOT_AVAILABLE) throw error;
      if (Date.now() >= deadline) throw new ListBusy(`the list was being read for more than ${waitSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function isSuperuser(tx: postgres.TransactionSql): Promise<boolean> {
  const [row] = await tx.unsafe<{ superuser: boolean }[]>(`select current_setting('is_superuser') = 'on' as superuser`);
  return row?.superuser === true;
}
