import type postgres from 'postgres';

import { env } from '@/lib/env';

import { getSql } from '../client';
import { pgErrorCode } from './pg-errors';

/**
 * Runs a request's reads of records (a page of contents and its count, a comparison of two
 * revisions) in one short read-only transaction whose statements PostgreSQL stops after
 * API_READ_TIMEOUT_SECONDS. Sorting a large list by a column without an index, or paging deep
 * into it, costs seconds a statement at millions of records: without a bound, a few such requests
 * from one viewer held the pool's connections as long as they liked, and /api/health and every
 * other user's request waited. A stopped statement throws ReadTooLong (answered 503, readTooLong);
 * the transaction is rolled back and its connection goes back to the pool as it was.
 *
 * Only the API's reads come here: loads, jobs, CSV exports (admitted and stall-bounded instead) and
 * migrations keep PostgreSQL's default (no limit).
 */
export async function boundedRead<T>(work: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const seconds = env().API_READ_TIMEOUT_SECONDS;
  try {
    return (await getSql().begin('read only', async (tx) => {
      await tx.unsafe(`set local statement_timeout = ${Math.max(1, Math.round(seconds * 1000))}`);
      return work(tx);
    })) as T;
  } catch (error) {
    if (pgErrorCode(error) === QUERY_CANCELED) throw new ReadTooLong(seconds);
    throw error;
  }
}

/** A bounded read that PostgreSQL stopped at API_READ_TIMEOUT_SECONDS. */
export class ReadTooLong extends Error {
  constructor(readonly seconds: number) {
    super(`The read ran longer than ${seconds} s and was stopped.`);
    this.name = 'ReadTooLong';
  }
}

/** query_canceled: what statement_timeout raises (nothing else cancels these statements). */
const QUERY_CANCELED = '57014';
