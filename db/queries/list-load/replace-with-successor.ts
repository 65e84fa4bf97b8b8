import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

import { pgErrorCode } from '../pg-errors';
import { retireListTable } from '../revisions';
import { changedExpression, keyList, quoteIdent } from '../sql-names';
import { compareAndKeepUntouched, type OtherConnection } from './keep-untouched';
import { keyJoin } from './key-sql';
import type { LoadCounts } from './load-counts';
import { lockInAttempts } from './lock-in-attempts';
import { successorName, SuccessorRefused } from './successor';

const UNIQUE_VIOLATION = '23505';

/**
 * Loads the successor's records into the list by rewriting it: records the file does not name are
 * copied over (not for `replace`), the primary key is built (a key given twice in the file fails
 * here), and the successor takes the list's table's name. Readers keep reading the old table until
 * COMMIT. With another connection (for a successor committed beforehand) the copy runs on both
 * cores. Throws SuccessorRefused when the file cannot load this way (duplicate keys, `append` with
 * keys already in the list) and ListBusy when readers held the list longer than `waitSeconds`.
 */
export async function replaceWithSuccessor(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: ImportMode,
  fileRows: number,
  { waitSeconds, other }: { waitSeconds: number; other?: OtherConnection },
): Promise<LoadCounts> {
  const successor = successorName(table);
  const [old, next] = [quoteIdent(table), quoteIdent(successor)];
  // Nobody may write to the list while its successor is built (the job lock already keeps the
  // app's writers out; this makes the swap safe by itself). Readers go on.
  await lockInAttempts(tx, table, 'exclusive', waitSeconds);
  // A list's first load has nothing to compare or keep.
  const listIsEmpty = (await tx.unsafe(`select 1 from ${old} limit 1`)).length === 0;
  const noneListed = { existing: 0, matched: 0, updated: 0 };
  const { existing, matched, updated } = listIsEmpty
    ? noneListed
    : mode === 'replace'
      ? await compareWithList(tx, table, columns)
      : await compareAndKeepUntouched(tx, table, columns, other);
  if (mode === 'append' && matched > 0) throw new SuccessorRefused('keys already in the list');
  try {
    await tx.savepoint((sp) =>
      sp.unsafe(
        `alter table ${next} add constraint ${quoteIdent(`${successor}_pkey`)} primary key (${keyList(columns)})`,
      ),
    );
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new SuccessorRefused('a key appears more than once in the file');
    throw error;
  }
  await lockInAttempts(tx, table, 'access exclusive', waitSeconds);
  // The swapped-out table is the previous revision's contents: kept, or dropped (see revisions.ts).
  await retireListTable(tx, table);
  await tx.unsafe(`alter table ${next} rename to ${old}`);
  await tx.unsafe(
    `alter table ${old} rename constraint ${quoteIdent(`${successor}_pkey`)} to ${quoteIdent(`${table}_pkey`)}`,
  );
  const inserted = fileRows - matched;
  return { inserted, updated, unchanged: matched - updated, deleted: mode === 'replace' ? existing - matched : 0 };
}

/** How the successor's records meet the list's: records listed, how many the file names, how many of those it changes. */
async function compareWithList(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const [old, next] = [quoteIdent(table), quoteIdent(successorName(table))];
  const [row] = await tx.unsafe<{ existing: string; matched: string; changed: string }[]>(
    `select count(*) as existing, count(n.ctid) as matched, count(*) filter (where n.ctid is not null and ${changedExpression(columns, 'o', 'n')}) as changed
       from ${old} o left join ${next} n on ${keyJoin(columns, 'o.', 'n.')}`,
  );
  return {
    existing: Number(row?.existing ?? 0),
    matched: Number(row?.matched ?? 0),
    updated: Number(row?.changed ?? 0),
  };
}
