import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import * as excelSheet from '@/lib/custom-imports/scripts/0.0.1-excel-sheet';
import { listValue, runTask, tempFile } from '@/lib/custom-imports/testing/harness';
import type { ScriptModule } from '@/lib/custom-imports/types';
import { readsDifferently } from '@/lib/excel/sheet-table';
import { catalogueWorkbook, cellKindsWorkbook, workbookPartLast } from '@/lib/excel/testing/fixtures';
import { autoMap } from '@/lib/lists/mapping';
import type { DataType } from '@/lib/shared/data-types';
import type { ListColumn } from '@/lib/shared/list-column';

import { ReviewDataset } from './dataset';
import { proposeFileFormats } from './file-formats';
import { looksLikeWorkbook, WorkbookSource } from './workbook-source';

/**
 * The import wizard's worker reads a workbook (from the File the user dropped) to the same values
 * the server's Excel import gives the same sheet: both are run here on the same fixtures and their
 * records compared cell by cell.
 */

const server = excelSheet as unknown as ScriptModule;

type Case = {
  label: string;
  bytes: () => Promise<Uint8Array>;
  sheet: string;
  headerRow: number;
  columns: Parameters<typeof listValue>[0];
};

const CATALOGUE: Case['columns'] = [
  { name: 'sku', isKey: true },
  { name: 'price', dataType: 'number' },
  { name: 'launched', dataType: 'datetime' },
  { name: 'active', dataType: 'boolean' },
  { name: 'qty', dataType: 'integer' },
];

const CASES: Case[] = [
  {
    label: 'catalogue as a spreadsheet tool writes it',
    bytes: catalogueWorkbook,
    sheet: 'KA lijst',
    headerRow: 3,
    columns: CATALOGUE,
  },
  {
    label: 'catalogue with xl/workbook.xml after the sheets',
    bytes: async () => workbookPartLast(await catalogueWorkbook()),
    sheet: 'KA lijst',
    headerRow: 3,
    columns: CATALOGUE,
  },
  {
    label: 'the same sheet read for date columns (a plain number becomes a serial date)',
    bytes: catalogueWorkbook,
    sheet: 'KA lijst',
    headerRow: 3,
    columns: [
      { name: 'sku', isKey: true },
      { name: 'launched', dataType: 'date' },
      { name: 'qty', dataType: 'date' },
    ],
  },
  {
    label: 'every kind of cell, read as text and as dates',
    bytes: cellKindsWorkbook,
    sheet: 'Data',
    headerRow: 1,
    columns: [{ name: 'plain', isKey: true }, { name: 'rich text', dataType: 'date' }, { name: 'inline' }],
  },
];

/** What the wizard's worker holds for review, in the list's column order: [sheet row, values]. */
async function wizardRows(bytes: Uint8Array, c: Case, columns: ListColumn[]) {
  const source = await WorkbookSource.open(new Blob([bytes as BlobPart]));
  const read = await source.readSheet(c.sheet, c.headerRow);
  const { mapping } = autoMap(read.headers, columns);
  const dataset = new ReviewDataset(columns, await source.forMapping(columns, mapping), mapping);
  await source.close();
  return dataset.getRows(0, 1000, false);
}

describe('the wizard reads a workbook to the values the server’s Excel import loads', () => {
  for (const c of CASES) {
    it(c.label, async () => {
      const bytes = await c.bytes();
      const list = listValue(c.columns);
      const columns = list.columns as unknown as ListColumn[];
      const file = await tempFile('book.xlsx', bytes);
      const outcome = await runTask(server, 'run', { file, sheet: c.sheet, headerRow: c.headerRow, list });
      const rows = await wizardRows(bytes, c, columns);

      // Rows the server loads: the wizard has them with equal values, at the same sheet rows.
      const loaded = outcome.rows.filter((r) => r.length > 0);
      const clean = rows.filter((r) => !r.problems.some((p) => p.message.includes('Excel error')));
      expect(clean.map((r) => r.values)).toEqual(loaded.map((r) => r.map((v) => v ?? '')));
      expect(loaded.length).toBeGreaterThan(0);

      // Cells the server reports as Excel errors: the wizard shows the same error at the same sheet row.
      const excelProblems = rows.flatMap((r) =>
        r.problems
          .filter((p) => p.message.includes('Excel error'))
          .map((p) => ({ row: r.fileRow, column: columns[p.column]!.name })),
      );
      expect(excelProblems).toEqual(outcome.problems.map((p) => ({ row: p.row, column: p.column })));
    });
  }
});

describe('WorkbookSource', () => {
  it('lists sheets with their sizes and guesses the header row below a title', async () => {
    const source = await WorkbookSource.open(new Blob([(await catalogueWorkbook()) as BlobPart]));
    expect(await source.sheets()).toEqual([
      { name: 'Notes', hidden: false, rows: 1, columns: 1 },
      { name: 'Hidden', hidden: true, rows: 1, columns: 1 },
      { name: 'KA lijst', hidden: false, rows: 6, columns: 5 },
    ]);
    const preview = await source.preview('KA lijst');
    expect(preview.rows.map((r) => r.number)).toEqual([1, 3, 4, 6]);
    expect(preview.rows[1]!.texts).toEqual(['sku', 'price', 'launched', 'active', 'qty']);
    expect(preview.headerRow).toBe(3);
    expect(preview.rows[3]!.texts).toEqual(['A-2', '-12.5', '2024-02-29 13:30:00', 'false', '#N/A']);
    await source.close();
  });

  it('names an Excel error cell by its sheet row and cell, and the problem goes once the cell is changed', async () => {
    const source = await WorkbookSource.open(new Blob([(await catalogueWorkbook()) as BlobPart]));
    const columns = listValue(CATALOGUE).columns as unknown as ListColumn[];
    const read = await source.readSheet('KA lijst', 3);
    expect(read.headers).toEqual(['sku', 'price', 'launched', 'active', 'qty']);
    expect(Array.from(read.firstFileRows)).toEqual([4, 6]);
    const mapping = [0, 1, 2, 3, 4];
    const dataset = new ReviewDataset(columns, await source.forMapping(columns, mapping), mapping);
    const [, bad] = dataset.getRows(0, 2, false);
    expect(bad!.values[4]).toBe('#N/A');
    expect(bad!.problems).toEqual([
      expect.objectContaining({
        column: 4,
        message: 'Row 6: "qty" shows the Excel error #N/A (cell E6 of the sheet).',
      }),
    ]);
    dataset.editCell(bad!.index, 4, '7');
    expect(dataset.stats().errorRowCount).toBe(0);
    await source.close();
  });

  it('reports its progress while reading a large sheet, by the sheet’s bytes, up to all of them', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Big');
    sheet.addRow(['id', 'name', 'amount']);
    for (let i = 1; i <= 20_000; i++) sheet.addRow([i, `Customer number ${i}`, i * 1.25]);
    const source = await WorkbookSource.open(new Blob([await book.xlsx.writeBuffer()]));
    const calls: [done: number, total: number, records: number][] = [];
    const table = await source.readSheet('Big', 1, (done, total, records) => calls.push([done, total, records]));
    expect(table.records).toHaveLength(20_000);
    expect(calls.length).toBeGreaterThan(2);
    const [done, total] = calls.at(-1)!;
    expect(done).toBe(total);
    // Rows are counted as they come, so the user sees them grow.
    expect(calls.map((c) => c[2])).toEqual([...calls.map((c) => c[2])].sort((a, b) => a - b));
    expect(calls.some(([d, t, r]) => d < t && r > 0)).toBe(true);
    await source.close();
  }, 60_000);

  it('reads a sheet again for the mapped types only when that changes a value', () => {
    const table = { dateColumns: new Set([0, 1]), timedDateColumns: new Set([1]), numberColumns: new Set([2]) };
    const asText = () => undefined;
    const types =
      (...t: (DataType | undefined)[]) =>
      (column: number) =>
        t[column];
    // Pure dates into a date column, numbers into number columns: as read.
    expect(readsDifferently(table, asText, types('date', 'string', 'number'))).toBe(false);
    expect(readsDifferently(table, asText, types('string', undefined, 'integer'))).toBe(false);
    // A time of day is written otherwise for a date column; any date for a datetime column; a number becomes a date.
    expect(readsDifferently(table, asText, types('date', 'date', 'number'))).toBe(true);
    expect(readsDifferently(table, asText, types('datetime', 'string', 'number'))).toBe(true);
    expect(readsDifferently(table, asText, types('string', 'string', 'date'))).toBe(true);
  });

  it('offers the way text cells among date and number cells are written, and review reads them that way', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Orders');
    sheet.addRow(['id', 'ordered', 'amount']);
    // Cells Excel did not take for dates or numbers stay text, as typed: "31/12/2024", "1.234,5".
    sheet.addRow([1, new Date(Date.UTC(2024, 2, 4)), 0.125]);
    sheet.addRow([2, '31/12/2024', 2.5]);
    sheet.addRow([3, '01/02/2024', '1.234,5']);
    const source = await WorkbookSource.open(new Blob([await book.xlsx.writeBuffer()]));
    const columns = listValue([
      { name: 'id', isKey: true },
      { name: 'ordered', dataType: 'date' },
      { name: 'amount', dataType: 'number' },
    ]).columns as unknown as ListColumn[];
    const { mapping } = autoMap((await source.readSheet('Orders', 1)).headers, columns);
    const table = await source.forMapping(columns, mapping);
    const [, ordered, amount] = proposeFileFormats(columns, table.records, mapping, table.typedCells);
    expect(ordered).toMatchObject({ values: 3, listReads: 1, listUnread: '31/12/2024' });
    expect(ordered!.options[ordered!.proposed!]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 3 });
    expect(amount!.options[amount!.proposed!]).toMatchObject({ format: { decimalSeparator: ',' }, reads: 3 });

    const chosen = [null, ordered!.options[ordered!.proposed!]!.format!, amount!.options[amount!.proposed!]!.format!];
    const dataset = new ReviewDataset(columns, table, mapping, chosen);
    expect(dataset.stats().errorRowCount).toBe(0);
    // The number cell 0.125 is not re-read as "0.125" written with dots between thousands.
    expect(dataset.getRows(0, 3, false).map((r) => r.values)).toEqual([
      ['1', '2024-03-04', '0.125'],
      ['2', '2024-12-31', '2.5'],
      ['3', '2024-02-01', '1234.5'],
    ]);
    await source.close();
  });

  it('takes a row that ends before the header does as empty cells, not the wrong number of values (csvkit sheets.xlsx)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    sheet.addRow(['text', 'integer', 'empty_column']);
    // A sheet stores a row up to its last cell: these rows have no C, and the last a value past the header.
    sheet.addRow(['Chicago Reader', 40]);
    sheet.addRow(['This row has blanks']);
    sheet.addRow(['Chicago Sun-Times', 63, null, 'Extra data beyond headers will be trimmed']);
    const source = await WorkbookSource.open(new Blob([await book.xlsx.writeBuffer()]));
    const columns = listValue([
      { name: 'text', isKey: true },
      { name: 'integer', dataType: 'integer', required: false },
    ]).columns as unknown as ListColumn[];
    const { mapping } = autoMap((await source.readSheet('data', 1)).headers, columns);
    const table = await source.forMapping(columns, mapping);
    expect(table.records.slice(0, 2)).toEqual([
      ['Chicago Reader', '40', ''],
      ['This row has blanks', '', ''],
    ]);

    const dataset = new ReviewDataset(columns, table, mapping);
    expect(dataset.getRows(0, 3, false).map((r) => r.problems.map((p) => p.rowSummary ?? p.message))).toEqual([
      [],
      [],
      ['Row 4: 1 value more than the header: “Extra data beyond headers will be trimme…”'],
    ]);
    await source.close();
  });

  it('tells a workbook from a CSV file by its first bytes or its name', async () => {
    const csv = new File(['Имя,Город\nА,Б\n'], 'people.csv');
    expect(await looksLikeWorkbook(csv)).toBe(false);
    expect(await looksLikeWorkbook(new File([(await catalogueWorkbook()) as BlobPart], 'export'))).toBe(true);
    expect(await looksLikeWorkbook(new File(['x'], 'old.XLS'))).toBe(true);
  });
});
