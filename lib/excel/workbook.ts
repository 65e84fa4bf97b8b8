import { cellText, type CellText } from './cells';
import { sheetSize, type SheetSize } from './sheet-dimension';
import { readSheetXmlRows, type SheetRow } from './sheet-rows';
import { WorkbookError } from './workbook-error';
import { readCellFormats, readSharedStrings, readWorkbookInfo, type SheetInfo } from './workbook-parts';
import { openZip, type ZipArchive } from './zip-archive';

export { WorkbookError } from './workbook-error';
export { cellText, type CellText } from './cells';
export { columnLetter, type RawCell, type SheetRow } from './sheet-rows';
export type { SheetSize } from './sheet-dimension';

/**
 * An .xlsx workbook, read the same way in a browser Web Worker (from the File the user dropped)
 * and on the server (from fs.openAsBlob of the upload): parts are found through the zip's central
 * directory, so their order inside the file does not matter; sheets are streamed row by row.
 */
export type Workbook = {
  sheets: { name: string; hidden: boolean }[];
  /** Whether dates count from 1904 (old Mac workbooks) rather than 1900. */
  date1904: boolean;
  /**
   * The rows of a sheet, numbered as the sheet shows them; rows without cells are left out.
   * `onProgress` gets the sheet's bytes (unpacked) read so far and in all.
   */
  rows(sheet: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<SheetRow>;
  /** How many rows and columns a sheet's used range spans, from its <dimension> (cheap: the start of the sheet); undefined if not said. */
  size(sheet: string): Promise<SheetSize | undefined>;
  /** What a list column of this type receives from a cell (see cells.ts). */
  text(cell: SheetRow['cells'][number], target?: Parameters<typeof cellText>[1]): CellText;
  close(): Promise<void>;
};

export async function openWorkbook(blob: Blob): Promise<Workbook> {
  const zip = await openZip(blob);
  try {
    const info = await readWorkbookInfo(zip);
    if (info.sheets.length === 0)
      throw new WorkbookError('The workbook has no sheets with cells. Check that you chose the right file.');
    // Shared strings and styles are read once, on the first sheet read: listing sheets stays cheap.
    let shared: Promise<{ strings: string[]; formats: (string | undefined)[] }> | undefined;
    const sharedParts = () =>
      (shared ??= Promise.all([
        readSharedStrings(zip, info.sharedStringsPath),
        readCellFormats(zip, info.stylesPath),
      ]).then(([strings, formats]) => ({ strings, formats })));
    return {
      sheets: info.sheets.map(({ name, hidden }) => ({ name, hidden })),
      date1904: info.date1904,
      rows: (name, onProgress) => sheetRows(zip, info.sheets, name, sharedParts, onProgress),
      size: async (name) => {
        const sheet = info.sheets.find((s) => s.name === name);
        return sheet ? sheetSize(zip, sheet.path) : undefined;
      },
      text: (cell, target) => cellText(cell, target, info.date1904),
      close: () => zip.close(),
    };
  } catch (error) {
    await zip.close();
    throw error;
  }
}

async function* sheetRows(
  zip: ZipArchive,
  sheets: SheetInfo[],
  name: string,
  sharedParts: () => Promise<{ strings: string[]; formats: (string | undefined)[] }>,
  onProgress?: (done: number, total: number) => void,
): AsyncGenerator<SheetRow> {
  const sheet = sheets.find((s) => s.name === name);
  if (!sheet) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ');
    throw new WorkbookError(`The workbook has no sheet named "${name}". Its sheets are ${names}: choose one of them.`);
  }
  const { strings, formats } = await sharedParts();
  yield* readSheetXmlRows(zip, sheet.path, strings, formats, onProgress);
}
