import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';

import { catalogueWorkbook, cellKindsWorkbook, workbookPartLast } from '@/lib/excel/testing/fixtures';
import { openWorkbook } from '@/lib/excel/workbook';
import type { DataType } from '@/lib/shared/data-types';

/**
 * The shared Excel reader (lib/excel) runs in a real browser's Web Worker — where the import wizard
 * reads workbooks — and gives exactly the values it gives in Node, where the server's Excel import
 * reads them. Both read the same fixture workbooks.
 */

let workerCode: string;

test.beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['lib/excel/testing/browser-worker.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    write: false,
    logLevel: 'silent',
  });
  workerCode = bundle.outputFiles[0]!.text;
});

type Reading = { sheets?: { name: string; hidden: boolean }[]; rows?: [number, string[]][]; error?: string };

async function readInNode(bytes: Uint8Array, sheet: string, target?: DataType): Promise<Reading> {
  try {
    const workbook = await openWorkbook(new Blob([bytes as BlobPart]));
    const rows: [number, string[]][] = [];
    for await (const row of workbook.rows(sheet)) {
      rows.push([
        row.number,
        Array.from(row.cells, (cell) => {
          const text = workbook.text(cell, target);
          return 'text' in text ? text.text : `!${text.excelError}`;
        }),
      ]);
    }
    await workbook.close();
    return { sheets: workbook.sheets, rows };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Reads a workbook in a Web Worker of the page, from a File as a user's drop gives it. */
async function readInBrowser(page: Page, bytes: Uint8Array, sheet: string, target?: DataType): Promise<Reading> {
  return page.evaluate(
    async ({ code, data, sheet, target }) => {
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      const file = new File([new Uint8Array(data)], 'book.xlsx');
      const answer = new Promise<Reading>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data as Reading);
        worker.onerror = (event) => reject(new Error(event.message));
      });
      worker.postMessage({ file, sheet, target });
      const result = await answer;
      worker.terminate();
      return result;
    },
    { code: workerCode, data: [...bytes], sheet, target },
  );
}

test('the shared Excel reader gives the same values in a browser Web Worker as in Node, whatever the part order', async ({
  page,
}) => {
  // A page of the app's origin without the app around it: only the worker is under test.
  await page.route('**/excel-reader-test', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Excel reader</title>' }),
  );
  await page.goto('/excel-reader-test');

  const catalogue = await catalogueWorkbook();
  const cases: [string, Uint8Array, string, DataType | undefined][] = [
    ['as written by a spreadsheet tool', catalogue, 'KA lijst', undefined],
    ['with xl/workbook.xml after the sheets', await workbookPartLast(catalogue), 'KA lijst', undefined],
    ['every kind of cell, parts reversed', await cellKindsWorkbook(), 'Data', undefined],
    ['every kind of cell, read for a date column', await cellKindsWorkbook(), 'Data', 'date'],
  ];
  for (const [label, bytes, sheet, target] of cases) {
    const inNode = await readInNode(bytes, sheet, target);
    expect(inNode.error, label).toBeUndefined();
    expect(inNode.rows!.length, label).toBeGreaterThan(2);
    expect(await readInBrowser(page, bytes, sheet, target), label).toEqual(inNode);
  }

  // A file that is not a workbook gets the same plain-words message in both.
  const notExcel = new TextEncoder().encode('id,name\n1,a\n');
  const inNode = await readInNode(notExcel, 'Sheet1');
  expect(inNode.error).toMatch(/^WorkbookError: The file is not an Excel workbook/);
  expect(await readInBrowser(page, notExcel, 'Sheet1')).toEqual(inNode);
});
