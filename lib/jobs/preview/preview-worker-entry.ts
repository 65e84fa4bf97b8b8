import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import postgres from 'postgres';

import { connectionOptions, databaseUrl } from '@/db/client';

import { previewCsv } from '../load/preview-csv';
import type { PreviewReply, PreviewTask } from './preview-protocol';

/**
 * Runs one import preview in its own thread with its own connection, so parsing and validating a
 * large file never holds the HTTP process's event loop (or its pool) while other requests wait.
 */
async function main(task: PreviewTask): Promise<PreviewReply> {
  const sql = postgres(databaseUrl(), connectionOptions(1));
  try {
    const result = await previewCsv(sql, {
      // A function, not a stream: a bad byte is then located by reading the file a second time.
      source: () => createReadStream(task.path, { highWaterMark: 1024 * 1024 }),
      table: task.table,
      columns: task.columns,
      mode: task.mode,
      delimiter: task.delimiter,
      errorThreshold: task.errorThreshold,
      unescapeFormulas: task.unescapeFormulas,
      ...(task.encoding && { encoding: task.encoding }),
    });
    return { ok: true, result };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && { stack: error.stack }),
      ...(typeof (error as { code?: unknown }).code === 'string' && { code: (error as { code: string }).code }),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

void main((workerData as { task: PreviewTask }).task).then((reply) => parentPort?.postMessage(reply));
