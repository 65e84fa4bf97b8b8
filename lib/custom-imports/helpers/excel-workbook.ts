import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Reads .xlsx workbooks with ExcelJS's streaming reader: rows are handed out one at a time, so a
 * large sheet never sits in memory as a whole (only the workbook's shared strings do).
 */

export class WorkbookError extends Error {}

export type SheetInfo = { name: string; hidden: boolean };
export type SheetRow = { number: number; cells: { raw: unknown; numFmt: string | undefined }[] };

type StreamWorksheet = AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };
type StreamWorkbook = AsyncIterable<StreamWorksheet> & { properties?: { model?: { date1904?: boolean } } };

function openReader(path: string): StreamWorkbook {
  return new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as StreamWorkbook;
}

function explain(error: unknown): WorkbookError {
  if (error instanceof WorkbookError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new WorkbookError(
    `The file cannot be read as an Excel workbook (.xlsx): ${detail}. Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)"; older .xls files and CSV files renamed to .xlsx cannot be read.`,
  );
}

/**
 * The workbook's sheets in workbook order, read from xl/workbook.xml alone: no sheet is parsed,
 * so listing the sheets of a large workbook is quick.
 */
export async function listSheets(path: string): Promise<SheetInfo[]> {
  let xml: string | undefined;
  try {
    const zip = await JSZip.loadAsync(await fs.readFile(path));
    xml = await zip.file('xl/workbook.xml')?.async('string');
  } catch (error) {
    throw explain(error);
  }
  if (xml === undefined) throw explain(new Error('it has no xl/workbook.xml'));
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)].map((match) => {
    const attributes = match[1]!;
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1] ?? '';
    const state = /\bstate="([^"]*)"/.exec(attributes)?.[1];
    return { name: decodeXml(name), hidden: state === 'hidden' || state === 'veryHidden' };
  });
  if (sheets.length === 0) throw new WorkbookError('The workbook has no sheets. Check that you chose the right file.');
  return sheets;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[entity.toLowerCase()]) return named[entity.toLowerCase()]!;
    return String.fromCodePoint(
      entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
    );
  });
}

/**
 * The non-empty rows of one sheet, in order, with each cell's raw ExcelJS value and number format.
 * Cell arrays are 0-based (column A is index 0). `date1904` is known once the first row arrives.
 */
export async function* readSheetRows(
  path: string,
  sheetName: string,
  state: { date1904: boolean } = { date1904: false },
): AsyncGenerator<SheetRow> {
  const reader = openReader(path);
  let found = false;
  try {
    for await (const sheet of reader) {
      if (sheet.name !== sheetName) {
        // Another sheet is read through, not skipped: ExcelJS may have parked it in a temporary
        // file that it deletes once the sheet is passed, and a sheet left unread would then fail.
        for await (const _row of sheet) void _row;
        continue;
      }
      found = true;
      state.date1904 = Boolean(reader.properties?.model?.date1904);
      for await (const row of sheet) {
        const cells: SheetRow['cells'] = [];
        const count = row.cellCount;
        for (let col = 1; col <= count; col++) {
          const cell = row.getCell(col);
          cells.push({ raw: cell.value, numFmt: cell.numFmt });
        }
        yield { number: row.number, cells };
      }
      break;
    }
  } catch (error) {
    throw explain(error);
  }
  if (!found) throw new WorkbookError(`The workbook has no sheet named "${sheetName}". Choose one of its sheets.`);
}
