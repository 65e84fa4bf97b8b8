import type postgres from 'postgres';

import { countStageEffect } from '@/db/queries/list-load/stage-effect';
import type { Problem } from '@/lib/csv/problem';

import { settleForBulkWork } from './bulk-work';
import { explainFailures } from './explain-failures';
import type { ImportRequest } from './import-request';
import { stageAndCheck } from './staged-load';

export type PreviewResult =
  | {
      ok: true;
      rowsRead: number;
      newRecords: number;
      updatedRecords: number;
      unchangedRecords: number;
      removedByReplace: number;
    }
  | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean };

class PreviewComputed extends Error {
  constructor(readonly result: PreviewResult) {
    super('preview computed');
  }
}

/**
 * Everything an import would check, plus what it would change (new / updated / unchanged records,
 * and what `replace` removes) — then rolled back: nothing is loaded.
 */
export async function previewCsv(
  sql: postgres.Sql,
  request: Omit<ImportRequest, 'beforeCommit'>,
): Promise<PreviewResult> {
  try {
    return await explainFailures(request, () =>
      sql.begin(async (tx) => {
        await settleForBulkWork(tx);
        const rowsRead = await stageAndCheck(tx, request);
        const effect = await countStageEffect(tx, request.table, request.columns);
        // Throwing rolls the transaction back: the stage disappears, the list was never touched.
        throw new PreviewComputed({ ok: true, rowsRead, ...effect });
      }),
    );
  } catch (error) {
    if (error instanceof PreviewComputed) return error.result;
    throw error;
  }
}
