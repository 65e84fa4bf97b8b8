import { FileReadError } from '@/lib/csv/decode';
import { locateByte } from '@/lib/csv/locate-byte';
import type { Problem } from '@/lib/csv/problem';
import { RecordTooLongError } from '@/lib/csv/record-stream';

import type { ImportRequest } from './import-request';
import { ValidationFailed } from './load-failures';

/** Runs a load or preview; a file that failed its checks, or could not be read, becomes its problems. */
export async function explainFailures<T>(
  request: Omit<ImportRequest, 'beforeCommit'>,
  run: () => Promise<T>,
): Promise<T | { ok: false; problems: Problem[]; rowsRead: number; stoppedAtThreshold: boolean }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationFailed) {
      return {
        ok: false,
        problems: error.problems,
        rowsRead: error.rowsRead,
        stoppedAtThreshold: error.stoppedAtThreshold,
      };
    }
    if (error instanceof FileReadError || error instanceof RecordTooLongError) {
      const problem = error instanceof FileReadError ? await locateReadError(request, error) : error.problem;
      return { ok: false, problems: [problem], rowsRead: 0, stoppedAtThreshold: false };
    }
    throw error;
  }
}

/** Text that is not valid in its encoding: named by row and column, found by reading the file again up to the bad byte. */
async function locateReadError(request: Omit<ImportRequest, 'beforeCommit'>, error: FileReadError): Promise<Problem> {
  if (error.byteOffset === undefined || typeof request.source !== 'function') return error.problem;
  const { row, column, columnName } = await locateByte(request.source(), error.byteOffset, request.delimiter);
  const where = `Row ${row}, ${columnName ? `column "${columnName}"` : `column ${column}`}`;
  return {
    ...error.problem,
    row,
    ...(columnName && { column: columnName }),
    message: `${where}: ${error.problem.message.replace(/^The file is/, 'the file is')}`,
  };
}
