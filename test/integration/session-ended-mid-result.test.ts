import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * A session the server ends while a result is arriving (a failover, pg_terminate_backend, a load
 * cancelled with its session) must not leave that result's rows to the next query its connection
 * runs. postgres.js 3.4.9 did: scripts/patch-postgres-js.mjs empties the result on close. Without
 * it, 2 of 3 rounds here answered a one-row query with 2,000 rows of nulls first.
 */
describe('a query after a session ended mid-result', () => {
  const sql = postgres(inject('databaseUrl'), { max: 2, onnotice: () => {} });
  const killer = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await killer.end({ timeout: 5 });
  });

  it('gets its own rows only, or an error', async () => {
    for (let round = 0; round < 6; round++) {
      const ended = sql.begin(async (tx) => {
        const [backend] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        let read = 0;
        for await (const rows of tx`select g from generate_series(1, 1000000) g`.cursor(2000)) {
          read += rows.length;
          if (read !== 4000) continue;
          await killer`select pg_terminate_backend(${backend!.pid})`;
          // The session's end reaches the connection while its cursor waits for the next fetch.
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      });
      await expect(ended).rejects.toThrow();
      const answers = await Promise.allSettled(
        [0, 1, 2, 3].map((i) =>
          sql<{ p: number; i: number }[]>`select pg_backend_pid() as p, ${i}::int as i`.then((rows) => [...rows]),
        ),
      );
      answers.forEach((answer, i) => {
        if (answer.status === 'fulfilled') expect(answer.value).toEqual([{ p: expect.any(Number), i }]);
      });
      expect(answers.some((answer) => answer.status === 'fulfilled')).toBe(true);
    }
  }, 60_000);

  it("leaves no error of the ended session to the next queries (the pool's cursor, as a CSV export reads)", async () => {
    // postgres.js kept the session's FATAL 57P01 and its cursor query past the close: once the
    // connection reopened, the next query on it failed with that error (a 503 for some other user's
    // request, found after a cut-short export). scripts/patch-postgres-js.mjs clears both on close.
    for (let round = 0; round < 4; round++) {
      let read = 0;
      const cursor = (async () => {
        for await (const rows of sql`select g from generate_series(1, 1000000) g`.cursor(2000)) {
          read += rows.length;
          if (read !== 4000) continue;
          const [backend] = await killer<{ pid: number }[]>`
            select pid from pg_stat_activity where query like 'select g from generate_series%' and pid <> pg_backend_pid()`;
          await killer`select pg_terminate_backend(${backend!.pid})`;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      })();
      // The loop may end quietly (postgres.js ends a cursor so) or with the session's error.
      await cursor.catch(() => undefined);
      expect(read).toBeLessThan(1_000_000);
      const answers = await Promise.allSettled(
        [0, 1, 2, 3, 4, 5].map((i) => sql<{ i: number }[]>`select ${i}::int as i`.then((rows) => [...rows])),
      );
      answers.forEach((answer, i) => {
        if (answer.status === 'rejected') throw answer.reason;
        expect(answer.value).toEqual([{ i }]);
      });
    }
  }, 60_000);
});
