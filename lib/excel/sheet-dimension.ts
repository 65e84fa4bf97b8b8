import { columnIndex } from './sheet-rows';
import { attribute, createXmlParser } from './xml';
import type { ZipArchive } from './zip-archive';

/** How many rows and columns a sheet's used range spans. */
export type SheetSize = { rows: number; columns: number };

/**
 * How many rows and columns a sheet's used range spans, as its <dimension ref="A1:E250"/> says —
 * written before the cells, so only the first chunk of the sheet is unpacked. 0 rows for a sheet with
 * no value at all: Excel writes "A1" for an empty sheet as for a sheet of one cell, so a range of one
 * row is told apart by reading on to the first value (or the end of an empty <sheetData/>). Undefined when the sheet does not
 * say and has values (some tools leave it out): counting would mean reading the whole sheet.
 */
export async function sheetSize(zip: ZipArchive, path: string): Promise<SheetSize | undefined> {
  let ref: string | undefined;
  let inCells = false;
  let cellsEnded = false;
  let hasValue = false;
  const parser = createXmlParser(
    {
      open(name, attributes) {
        if (name === 'dimension') ref = attribute(attributes, 'ref');
        else if (name === 'sheetData') inCells = true;
        // A cell's value (<v>) or inline text (<is>); a styled cell without either is empty.
        else if (inCells && (name === 'v' || name === 'is')) hasValue = true;
      },
      close(name) {
        if (name === 'sheetData') cellsEnded = true;
      },
    },
    path,
  );
  const known = () => {
    const size = sizeOfRange(ref);
    return hasValue || cellsEnded || (size !== undefined && size.rows > 1);
  };
  for await (const chunk of zip.textChunks(path)) {
    parser.write(chunk);
    if (known()) break; // leaving the loop stops the unpacking
  }
  if (!hasValue && cellsEnded) return { rows: 0, columns: 0 };
  return sizeOfRange(ref);
}

/** "A1:E250" → 250 rows of 5 columns, "B3:C7" → 5 of 2, "A1" → 1 of 1. */
export function sizeOfRange(ref: string | undefined): SheetSize | undefined {
  const match = ref?.toUpperCase().match(/^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/);
  if (!match) return undefined;
  const [firstRow, lastRow] = [Number(match[2]), Number(match[4] ?? match[2])];
  const [firstColumn, lastColumn] = [columnIndex(match[1]!), columnIndex(match[3] ?? match[1]!)];
  if (lastRow < firstRow || lastColumn < firstColumn) return undefined;
  return { rows: lastRow - firstRow + 1, columns: lastColumn - firstColumn + 1 };
}
