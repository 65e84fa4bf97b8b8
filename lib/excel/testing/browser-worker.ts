/// <reference lib="webworker" />
import type { DataType } from '@/lib/shared/data-types';

import { openWorkbook } from '../workbook';

/**
 * A Web Worker that reads a workbook with the shared reader, for the e2e test that runs it in a
 * real browser: {file, sheet, target} in, {sheets, rows} or {error} out.
 */
self.onmessage = async (event: MessageEvent<{ file: File; sheet: string; target?: DataType }>) => {
  try {
    const workbook = await openWorkbook(event.data.file);
    const rows: [number, string[]][] = [];
    for await (const row of workbook.rows(event.data.sheet)) {
      rows.push([
        row.number,
        Array.from(row.cells, (cell) => {
          const text = workbook.text(cell, event.data.target);
          return 'text' in text ? text.text : `!${text.excelError}`;
        }),
      ]);
    }
    await workbook.close();
    self.postMessage({ sheets: workbook.sheets, rows });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
