import type postgres from 'postgres';

import type { ImportMode } from '@/lib/shared/import-mode';
import type { ListColumn } from '@/lib/shared/list-column';

import { keepCopyOfListTable } from '../revisions';
import { changedExpression, columnList, keyList, quoteIdent } from '../sql-names';
import { keyJoin } from './key-sql';
import type { LoadCounts } from './load-counts';
import { STAGE } from './stage';

/** Merges staged records into the list in place (from the stage, or from a successor: see createSuccessor). */
export async function mergeStage(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  mode: ImportMode,
  stagedRows: number,
  stage = STAGE,
): Promise<LoadCounts> {
  const source = quoteIdent(stage);
  const target = quoteIdent(table);
  // The list is about to change in place: its current contents are kept as a copy first.
  await keepCopyOfListTable(tx, table);
  let deleted = 0;
  if (mode === 'replace') {
    const result = await tx.unsafe(
      `delete from ${target} d where not exists (select 1 from ${source} s where ${keyJoin(columns)})`,
    );
    deleted = result.count;
  }
  const names = columnList(columns);
  const nonKey = columns.filter((c) => !c.isKey).map((c) => quoteIdent(c.storage));
  const conflict =
    nonKey.length === 0
      ? 'do nothing'
      : `do update set ${nonKey.map((n) => `${n} = excluded.${n}`).join(', ')} where ${changedExpression(columns, target, 'excluded')}`;
  const [row] = await tx.unsafe<{ inserted: string; updated: string }[]>(
    `with merged as (
       insert into ${target} (${names}) select ${names} from ${source}
       on conflict (${keyList(columns)}) ${conflict}
       returning (xmax = 0) as inserted
     ) select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from merged`,
  );
  const inserted = Number(row?.inserted ?? 0);
  const updated = Number(row?.updated ?? 0);
  return { inserted, updated, unchanged: stagedRows - inserted - updated, deleted };
}
