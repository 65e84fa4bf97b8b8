import type postgres from 'postgres';

import { findDuplicateKeys, findExistingKeys } from '@/db/queries/list-load/key-problems';
import { PROBLEM_CODES, type Problem } from '@/lib/csv/problem';

import type { ImportRequest } from './import-request';

/** Adds the staged file's key problems: keys given more than once, and for `append` keys already listed. */
export async function collectKeyProblems(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
  problems: Problem[],
): Promise<void> {
  const keyNames = request.columns
    .filter((c) => c.isKey)
    .map((c) => c.name)
    .join(' + ');
  for (const duplicate of await findDuplicateKeys(tx, request.columns, request.errorThreshold)) {
    const rows = duplicate.rows.map(Number);
    const more = Number(duplicate.occurrences) - rows.length;
    problems.push({
      errorCode: PROBLEM_CODES.duplicateKey,
      row: rows[1],
      column: keyNames,
      value: duplicate.key,
      message: `The key ${keyNames} = "${duplicate.key}" appears more than once in the file (rows ${rows.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}).`,
      remediation: 'Keep one row per key: remove or merge the duplicates, then import again.',
    });
  }
  if (request.mode !== 'append' || problems.length >= request.errorThreshold) return;
  for (const existing of await findExistingKeys(
    tx,
    request.table,
    request.columns,
    request.errorThreshold - problems.length,
  )) {
    problems.push({
      errorCode: PROBLEM_CODES.keyExists,
      row: Number(existing.row_no),
      column: keyNames,
      value: existing.key,
      message: `Row ${existing.row_no}: the key ${keyNames} = "${existing.key}" is already in the list, and mode "append" only adds new records.`,
      remediation: 'Use mode "upsert" to update existing records, or remove this row.',
    });
  }
}
