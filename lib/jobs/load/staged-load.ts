import type postgres from 'postgres';

import type { LoadCounts } from '@/db/queries/list-load/load-counts';
import { mergeStage } from '@/db/queries/list-load/merge-stage';
import { createStage } from '@/db/queries/list-load/stage';

import { checkFile, type CheckOptions } from './check-file';
import type { ImportRequest } from './import-request';
import { collectKeyProblems } from './key-problems';
import { ValidationFailed } from './load-failures';

/**
 * The checking path, for every file the direct load did not take: validated, canonical values go
 * to a temporary stage, where duplicate keys are looked for. Returns the records staged; throws
 * ValidationFailed with the problems (in row order, up to the threshold) when there are any.
 */
export async function stageAndCheck(
  tx: postgres.TransactionSql,
  request: Omit<ImportRequest, 'beforeCommit'>,
  options: Pick<CheckOptions, 'rereading'> = {},
): Promise<number> {
  await createStage(tx, request.columns);
  const { rowsRead, problems } = await checkFile(tx, request, options);
  request.progress?.phase('keys', rowsRead);
  // Duplicate keys are found in the stage, so they are reported next to value problems (up to the threshold).
  // (ON CONFLICT cannot be trusted to refuse them: it skips an unchanged first occurrence and lets the second update.)
  await collectKeyProblems(tx, request, problems);
  if (problems.length > 0) {
    const ordered = problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, request.errorThreshold);
    throw new ValidationFailed(ordered, rowsRead, problems.length >= request.errorThreshold);
  }
  return rowsRead;
}

/** The checking path to the end: every record staged and checked, then merged into the list. */
export async function loadThroughStage(
  tx: postgres.TransactionSql,
  request: ImportRequest,
  { rereading }: { rereading: boolean },
): Promise<{ ok: true; counts: LoadCounts; rowsRead: number }> {
  const rowsRead = await stageAndCheck(tx, request, { rereading });
  request.progress?.phase('merging', rowsRead);
  const counts = await mergeStage(tx, request.table, request.columns, request.mode, rowsRead);
  await request.beforeCommit?.(tx, counts, rowsRead);
  return { ok: true, counts, rowsRead };
}
