import type postgres from 'postgres';

import { backendPid, settleForBulkWork } from './bulk-work';

/**
 * A transaction of a load: set up for bulk work, and tied to its job. Once `stopped` aborts (Cancel,
 * or the job ended elsewhere) the statements of the transaction are cancelled, so that the load
 * stops mid-statement — a key build, the rewrite's join, a wait for readers of the list — and rolls
 * back, instead of first running that statement to its end (tens of seconds at 10M rows).
 */
export async function loadTransaction<T>(
  sql: postgres.Sql,
  stopped: AbortSignal | undefined,
  work: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  return (await sql.begin(async (tx) => {
    await settleForBulkWork(tx);
    const release = stopped ? await cancelWhenStopped(sql, tx, stopped) : undefined;
    try {
      return await work(tx);
    } finally {
      await release?.();
    }
  })) as T;
}

/** How often a stopped load's statements are cancelled again (PostgreSQL ignores a cancel that finds none running). */
const CANCEL_AGAIN_MS = 250;

/**
 * Cancels the transaction's statements from the moment `stopped` aborts until the release, which is
 * awaited before the transaction ends: past it the connection goes back to the pool, where a cancel
 * sent late would hit someone else's statement. (Ending the session instead would also catch the
 * moments between statements, but postgres.js 3.4.9 can then write to the closed socket and crash
 * the process.)
 */
async function cancelWhenStopped(
  sql: postgres.Sql,
  tx: postgres.TransactionSql,
  stopped: AbortSignal,
): Promise<() => Promise<void>> {
  const pid = await backendPid(tx);
  let sent: Promise<unknown> = Promise.resolve();
  let again: NodeJS.Timeout | undefined;
  const cancel = () => {
    const next = sql
      .unsafe(`select pg_cancel_backend($1)`, [pid])
      .catch((error) => console.error(`[jobs] could not cancel a stopped load's statement (${pid}):`, error));
    sent = Promise.all([sent, next]);
  };
  const start = () => {
    cancel();
    again = setInterval(cancel, CANCEL_AGAIN_MS);
  };
  if (stopped.aborted) start();
  else stopped.addEventListener('abort', start, { once: true });
  return async () => {
    stopped.removeEventListener('abort', start);
    clearInterval(again);
    await sent;
  };
}
