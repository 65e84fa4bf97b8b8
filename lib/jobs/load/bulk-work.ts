import type postgres from 'postgres';

/** The database backend running the load, for the job's progress (see ImportProgress.atBackend). */
export async function backendPid(tx: postgres.TransactionSql): Promise<number> {
  const [row] = await tx.unsafe<{ pid: number }[]>(`select pg_backend_pid() as pid`);
  return Number(row?.pid);
}

/**
 * A load may run for minutes (no statement timeout), and its joins, duplicate search and key build
 * need memory: PostgreSQL's defaults (4 MB) would spill 1M-row hash tables to disk in many batches.
 * JIT compilation is off: a load's statements are planned for millions of rows, so a server built
 * with LLVM compiles them fully, and on the rewrite's join that cost more than it saved (PG 15, 5M
 * rows: 13.6 s of backend CPU without, 16.0 s with, means of three and four runs).
 */
export async function settleForBulkWork(tx: postgres.TransactionSql): Promise<void> {
  await tx.unsafe(`set local statement_timeout = 0`);
  await tx.unsafe(`set local work_mem = '256MB'`);
  await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
  await tx.unsafe(`set local jit = off`);
}
