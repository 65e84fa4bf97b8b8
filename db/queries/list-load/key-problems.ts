import type postgres from 'postgres';

import type { ListColumn } from '@/lib/shared/list-column';

import { keyList, quoteIdent } from '../sql-names';
import { keyJoin, keyTextExpression } from './key-sql';
import { STAGE } from './stage';

/** Keys that occur more than once in the file, with the first 20 rows they occur on and how often they occur. */
export async function findDuplicateKeys(tx: postgres.TransactionSql, columns: readonly ListColumn[], limit: number) {
  const keys = keyList(columns);
  const keyText = keyTextExpression(columns);
  return tx.unsafe<{ key: string; rows: string[]; occurrences: string }[]>(
    `select ${keyText} as key, (array_agg(row_no order by row_no))[1:20]::text[] as rows, count(*) as occurrences
       from ${STAGE} group by ${keys} having count(*) > 1 order by min(row_no) limit ${Number(limit)}`,
  );
}

/** Rows of the file whose key is already in the list (mode append). */
export async function findExistingKeys(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly ListColumn[],
  limit: number,
) {
  return tx.unsafe<{ key: string; row_no: string }[]>(
    `select ${keyTextExpression(columns, 's.')} as key, s.row_no::text as row_no
       from ${STAGE} s join ${quoteIdent(table)} d on ${keyJoin(columns)}
      order by s.row_no limit ${Number(limit)}`,
  );
}
