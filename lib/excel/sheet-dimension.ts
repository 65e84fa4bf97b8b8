import { attribute, createXmlParser } from './xml';
import type { ZipArchive } from './zip-archive';

/**
 * How many rows a sheet's used range spans, as its <dimension ref="A1:E250"/> says — written before
 * the cells, so only the first chunk of the sheet is unpacked. 0 for a sheet with no value at all: Excel
 * writes "A1" for an empty sheet as for a sheet of one cell, so a range of one row is told apart by
 * reading on to the first value (or the end of an empty <sheetData/>). Undefined when the sheet does not
 * say and has values (some tools leave it out): counting would mean reading the whole sheet.
 */
export async function sheetRowCount(zip: ZipArchive, path: string): Promise<number | undefined> {
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
    const rows = rowsOfRange(ref);
    return hasValue || cellsEnded || (rows !== undefined && rows > 1);
  };
  for await (const chunk of zip.textChunks(path)) {
    parser.write(chunk);
    if (known()) break; // leaving the loop stops the unpacking
  }
  if (!hasValue && cellsEnded) return 0;
  return rowsOfRange(ref);
}

/** "A1:E250" → 250, "B3:C7" → 5, "A1" → 1. */
export function rowsOfRange(ref: string | undefined): number | undefined {
  const match = ref?.toUpperCase().match(/^\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  return last >= first ? last - first + 1 : undefined;
}
