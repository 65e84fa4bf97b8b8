import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { changedExpression, quoteIdent } from '../sql-names';
import { keyJoin } from './key-sql';
import { STAGE } from './stage';

/** What a load would do, computed without changing anything: for the summary before submit. */
export async function countStageEffect(tx: postgres.TransactionSql, table: string, columns: readonly ListColumn[]) {
  const changed = changedExpression(columns, 'd', 's');
  const [row] = await tx.unsafe<{ new_rows: string; updated: string; unchanged: string; removed: string }[]>(
    `select count(*) filter (where d.ctid is null) as new_rows,
            count(*) filter (where d.ctid is not null and ${changed}) as updated,
            count(*) filter (where d.ctid is not null and not ${changed}) as unchanged,
            (select count(*) from ${quoteIdent(table)} d2 where not exists (select 1 from ${STAGE} s2 where ${keyJoin(columns, 's2.', 'd2.')})) as removed
       from ${STAGE} s left join ${quoteIdent(table)} d on ${keyJoin(columns)}`,
  );
  return {
    newRecords: Number(row?.new_rows ?? 0),
    updatedRecords: Number(row?.updated ?? 0),
    unchangedRecords: Number(row?.unchanged ?? 0),
    removedByReplace: Number(row?.removed ?? 0),
  };
}
