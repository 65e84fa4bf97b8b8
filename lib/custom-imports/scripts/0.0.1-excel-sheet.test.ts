import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { checkScriptModule } from '../declaration';
import { listValue, runTask, tempFile } from '../testing/harness';
import type { ScriptModule } from '../types';
import * as excel from './0.0.1-excel-sheet';

const script = excel as unknown as ScriptModule;

const PRODUCTS = listValue([
  { name: 'sku', isKey: true },
  { name: 'name', required: true },
  { name: 'price', dataType: 'number' },
  { name: 'launched', dataType: 'datetime' },
  { name: 'serial', dataType: 'date' },
  { name: 'active', dataType: 'boolean' },
  { name: 'qty', dataType: 'integer' },
]);

/** A real workbook written by ExcelJS: a notes sheet, a hidden one, and products under a title row. */
async function workbook(extra?: (sheet: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['Read me first']);
  wb.addWorksheet('Secret', { state: 'hidden' }).addRow(['x']);
  const sheet = wb.addWorksheet('Products');
  sheet.getCell('A1').value = 'Product catalogue';
  sheet.getRow(3).values = ['sku', 'Name', 'price', 'launched', 'serial', 'active', 'qty', 'notes'];
  sheet.getRow(4).values = [
    'A-1',
    'Widget',
    0.1 + 0.2,
    new Date(Date.UTC(2024, 0, 15)),
    45292,
    true,
    { formula: '2+3', result: 5 } as ExcelJS.CellFormulaValue,
    'ignored',
  ];
  sheet.getRow(5).values = [
    'A-2',
    { richText: [{ text: 'Big ' }, { text: 'Gadget' }] },
    12.5,
    new Date(Date.UTC(2024, 1, 29, 13, 30)),
    1,
    false,
    { formula: 'G4+2', result: 7 } as ExcelJS.CellFormulaValue,
  ];
  // Row 6 is left blank on purpose.
  sheet.getRow(7).values = ['A-3', 'Thing', 3];
  extra?.(sheet);
  return tempFile('catalogue.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
}

describe('0.0.1-excel-sheet: declaration and dynamic sheet options', () => {
  it('declares valid inputs, the sheet select filled from the file', async () => {
    expect(checkScriptModule(excel).ok).toBe(true);
    const file = await workbook();
    const options = await excel.options({ file, list: PRODUCTS });
    expect(options.sheet?.options).toEqual([
      { value: 'Notes', label: 'Notes' },
      { value: 'Secret', label: 'Secret (hidden)' },
      { value: 'Products', label: 'Products' },
    ]);
    expect(options.sheet?.default).toBe('Notes');
    expect(await excel.options({ file: null })).toEqual({});
  });
});

describe('0.0.1-excel-sheet: validate', () => {
  it('accepts a header that names the list columns, telling which source columns are not loaded', async () => {
    const outcome = await runTask(script, 'validate', {
      file: await workbook(),
      sheet: 'Products',
      headerRow: 3,
      list: PRODUCTS,
    });
    expect(outcome.validation.valid).toBe(true);
    expect(outcome.validation.messages).toContainEqual(
      expect.objectContaining({ status: 'INFO', message: expect.stringContaining('"notes"') }),
    );
  });

  it('explains an empty header row, a missing required column, an unknown sheet and a file that is not a workbook', async () => {
    const file = await workbook();
    const empty = await runTask(script, 'validate', { file, sheet: 'Products', headerRow: 2, list: PRODUCTS });
    expect(empty.validation).toMatchObject({
      valid: false,
      messages: [
        expect.objectContaining({
          input: 'headerRow',
          message: expect.stringContaining('Row 2 of sheet "Products" is empty'),
        }),
      ],
    });

    const needsCode = listValue([{ name: 'code', isKey: true }, { name: 'name' }]);
    const missing = await runTask(script, 'validate', { file, sheet: 'Products', headerRow: 3, list: needsCode });
    expect(missing.validation.valid).toBe(false);
    expect(missing.validation.messages[0]!.message).toMatch(/needs "code"/);

    const unknown = await runTask(script, 'validate', { file, sheet: 'Nope', headerRow: 1, list: PRODUCTS });
    expect(unknown.validation.valid).toBe(false);
    expect(unknown.options.sheet?.options.map((o) => o.value)).not.toContain('Nope');
    expect(unknown.validation.messages[0]).toMatchObject({
      input: 'sheet',
      message: expect.stringContaining('"Nope" is not one of the choices'),
    });

    const notExcel = await tempFile('data.xlsx', 'id,name\n1,a\n');
    const bad = await runTask(script, 'validate', { file: notExcel, sheet: 'Sheet1', headerRow: 1, list: PRODUCTS });
    expect(bad.options.sheet).toBeUndefined();
    expect(bad.validation.messages).toEqual([
      expect.objectContaining({ input: 'file', message: expect.stringMatching(/^The file is not an Excel workbook/) }),
    ]);
  });

  it('reports a file that is not a workbook on the file input', async () => {
    const notExcel = await tempFile('data.xlsx', 'id,name\n1,a\n');
    const messages = await excel.validate({ file: notExcel, sheet: 'Sheet1', headerRow: 1, list: PRODUCTS });
    expect(messages).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        input: 'file',
        message: expect.stringContaining('is not an Excel workbook (.xlsx) that can be read'),
      }),
    ]);
  });
});

describe('0.0.1-excel-sheet: preview and run', () => {
  it('previews sheet rows as the list will receive them, with the total', async () => {
    const outcome = await runTask(script, 'preview', {
      file: await workbook(),
      sheet: 'Products',
      headerRow: 3,
      list: PRODUCTS,
    });
    const preview = outcome.preview!;
    expect(preview.columns).toEqual(['Sheet row', 'sku', 'name', 'price', 'launched', 'serial', 'active', 'qty']);
    expect(preview.totalRows).toBe(3);
    expect(preview.rows[0]).toEqual(['4', 'A-1', 'Widget', '0.3', '2024-01-15T00:00:00Z', '2024-01-01', 'true', '5']);
    expect(preview.rows[2]).toEqual(['7', 'A-3', 'Thing', '3', '', '', '', '']);
    expect(preview.messages).toContainEqual(
      expect.objectContaining({ title: 'Row numbers', message: expect.stringContaining('sheet row = row + 2') }),
    );
  });

  it('yields records with Excel numbers, dates and formula results; blank sheet rows stay blank lines', async () => {
    const outcome = await runTask(script, 'run', {
      file: await workbook(),
      sheet: 'Products',
      headerRow: 3,
      list: PRODUCTS,
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.rows).toEqual([
      ['A-1', 'Widget', '0.3', '2024-01-15T00:00:00Z', '2024-01-01', 'true', '5'],
      ['A-2', 'Big Gadget', '12.5', '2024-02-29T13:30:00Z', '1900-01-01', 'false', '7'],
      [],
      ['A-3', 'Thing', '3', '', '', '', ''],
    ]);
    expect(outcome.recordCount).toBe(4);
  });

  it('reports an Excel error cell as a source problem with the sheet, row and column as the sheet numbers them', async () => {
    const file = await workbook((sheet) => {
      sheet.getCell('C7').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    });
    const outcome = await runTask(script, 'run', { file, sheet: 'Products', headerRow: 3, list: PRODUCTS });
    expect(outcome.problems).toEqual([
      expect.objectContaining({
        row: 7,
        column: 'price',
        value: '#DIV/0!',
        message: 'Sheet Products, row 7, column C ("price") shows the Excel error #DIV/0!.',
      }),
    ]);
  });

  it('previews every error cell with its sheet cell, and counts the rows that have one in the total', async () => {
    const file = await workbook((sheet) => {
      sheet.getCell('C7').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      sheet.getRow(9).values = ['A-9', 'Late', 1];
      sheet.getCell('B9').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    });
    const outcome = await runTask(script, 'preview', { file, sheet: 'Products', headerRow: 3, list: PRODUCTS });
    const preview = outcome.preview!;
    // Rows 4 and 5 are records; 7 and 9 have error cells: 2 of 4, not 2 of 2.
    expect(preview.rows.map((r) => r[0])).toEqual(['4', '5']);
    expect(preview.totalRows).toBe(4);
    const errors = preview.messages.filter((m) => m.status === 'ERROR');
    expect(errors).toEqual([
      expect.objectContaining({ title: 'Cell C7', cell: 'C7', skippable: true }),
      expect.objectContaining({ title: 'Cell B9', cell: 'B9', skippable: true }),
    ]);
  });
});
