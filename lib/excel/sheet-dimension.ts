import { attribute, createXmlParser } from './xml';
import type { ZipArchive } from './zip-archive';

/**
 * How many rows a sheet's used range spans, as its <dimension ref="A1:E250"/> says — written before
 * the cells, so only the first chunk of the sheet is unpacked. Undefined when the sheet does not
 * say (some tools leave it out): counting would mean reading the whole sheet.
 */
export async function sheetRowCount(zip: ZipArchive, path: string): Promise<number | undefined> {
  let ref: string | undefined;
  let reachedCells = false;
  const parser = createXmlParser(
    {
      open(name, attributes) {
        if (name === 'dimension') ref = attribute(attributes, 'ref');
        else if (name === 'sheetData') reachedCells = true;
      },
    },
    path,
  );
  for await (const chunk of zip.textChunks(path)) {
    parser.write(chunk);
    if (reachedCells || ref !== undefined) break; // leaving the loop stops the unpacking
  }
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
