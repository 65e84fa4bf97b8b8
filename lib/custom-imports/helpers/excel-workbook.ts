import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

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

/** xl/workbook.xml names the sheets; a few hundred kilobytes at most in real workbooks. */
const MAX_WORKBOOK_XML_BYTES = 8 * 1024 * 1024;
/** Entries looked at before giving up: a real .xlsx has a few dozen, a hostile archive millions. */
const MAX_ENTRIES_SCANNED = 10_000;

/**
 * The workbook's sheets in workbook order, read from xl/workbook.xml alone. The archive is read at
 * random (yauzl): its central directory, then that one entry, inflated with a size bound — never
 * the whole file, which may be a gigabyte (JSZip needed it all in memory, outside the script's
 * heap limit), nor any sheet.
 */
export async function listSheets(path: string): Promise<SheetInfo[]> {
  let xml: string | undefined;
  try {
    xml = await readEntryText(path, 'xl/workbook.xml');
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

/** One entry of a ZIP archive as text, or undefined when the archive has no such entry. */
async function readEntryText(path: string, name: string): Promise<string | undefined> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    let scanned = 0;
    for await (const entry of zip.eachEntry()) {
      if (++scanned > MAX_ENTRIES_SCANNED) throw new Error(`it has more than ${MAX_ENTRIES_SCANNED} parts`);
      if (entry.fileName !== name) continue;
      if (entry.uncompressedSize > MAX_WORKBOOK_XML_BYTES) throw new Error(`its ${name} is too large`);
      // yauzl checks the inflated size against the declared one, so a zip bomb cannot get past the bound.
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return undefined;
  } finally {
    zip.close();
  }
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
