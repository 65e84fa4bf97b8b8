import ExcelJS from 'exceljs';

import { handWrittenWorkbook, reversedParts, unzipParts, zipParts } from './build-xlsx';

/**
 * Workbooks every reader of Listport is tested against — the shared reader in Node (unit tests),
 * in a browser Web Worker (e2e) and behind the server's Excel import (integration) — so that all
 * of them are shown to give the same values for the same cells.
 */

/** A workbook as spreadsheet tools write it (ExcelJS): a title row, a blank row, a hidden sheet, an error cell. */
export async function catalogueWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['Read me first']);
  wb.addWorksheet('Hidden', { state: 'hidden' }).addRow(['x']);
  const sheet = wb.addWorksheet('KA lijst');
  sheet.getCell('A1').value = 'Catalogue';
  sheet.getRow(3).values = ['sku', 'price', 'launched', 'active', 'qty'];
  sheet.getRow(4).values = ['A-1', 0.1 + 0.2, new Date(Date.UTC(2024, 0, 15)), true, { formula: '2+3', result: 5 }];
  sheet.getRow(6).values = ['A-2', -12.5, new Date(Date.UTC(2024, 1, 29, 13, 30)), false, { error: '#N/A' }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The same workbook with its relationships and shared strings first, then the sheets, then
 * xl/workbook.xml: the order ExcelJS's streaming reader failed on ("Cannot read properties of
 * undefined (reading 'sheets')").
 */
export async function workbookPartLast(bytes: Uint8Array): Promise<Uint8Array> {
  const parts = await unzipParts(bytes);
  const early = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
  return zipParts([
    ...parts.filter(([path]) => early.includes(path)),
    ...parts.filter(([path]) => path.startsWith('xl/worksheets/')),
    ...parts.filter(([path]) => !early.includes(path) && !path.startsWith('xl/worksheets/')),
  ]);
}

export { reversedParts };

/** Cells of every kind, written by hand: shared, rich, inline and formula strings, date styles, errors, gaps. */
export function cellKindsWorkbook(): Promise<Uint8Array> {
  const rows = `
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>inline</t></is></c></row>
    <row r="2"><c r="A2"><v>0.30000000000000004</v></c><c r="B2" s="1"><v>45292</v></c><c r="C2" s="2"><v>45292.5</v></c><c r="D2" t="b"><v>1</v></c></row>
    <row r="4"><c r="A4" t="str"><f>A1&amp;"!"</f><v>text &amp; "quotes"</v></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" t="d"><v>2024-03-31T14:05:00</v></c><c r="AA4"><v>-0</v></c></row>
    <row><c><v>1E+21</v></c><c><v>123456789012345678</v></c></row>
    <row r="9"/>`;
  return zipParts(
    handWrittenWorkbook({
      sheets: [{ name: 'Data', rows }],
      sharedStrings: [
        'plain',
        '<r><t>rich </t></r><r><rPr/><t xml:space="preserve">text</t></r><rPh><t>ルビ</t></rPh>',
      ],
      styles: [0, 14, 'dd/mm/yyyy hh:mm'],
    }),
  ).then((bytes) => reversedParts(bytes));
}
