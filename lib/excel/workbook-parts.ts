import { noWorkbookPart, tooMuchSharedText } from './workbook-error';
import { attribute, createXmlParser, parseXml } from './xml';
import type { ZipArchive } from './zip-archive';

/**
 * The parts of an .xlsx package Listport reads, found through the package's relationships rather
 * than by fixed names (most tools write xl/workbook.xml, not all do).
 */

export type SheetInfo = { name: string; hidden: boolean; path: string };
export type WorkbookInfo = {
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStringsPath?: string;
  stylesPath?: string;
};

type Relationship = { type: string; target: string };

/** "worksheets/sheet1.xml" next to "xl/workbook.xml" is "xl/worksheets/sheet1.xml"; "/xl/…" is absolute. */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

async function readRelationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const path = relsPathOf(part);
  const relationships = new Map<string, Relationship>();
  if (!zip.has(path)) return relationships;
  parseXml(
    await zip.text(path),
    {
      open(name, attributes) {
        if (name !== 'Relationship') return;
        const id = attribute(attributes, 'Id');
        const target = attribute(attributes, 'Target');
        if (id && target && attribute(attributes, 'TargetMode') !== 'External')
          relationships.set(id, { type: attribute(attributes, 'Type') ?? '', target: resolvePart(part, target) });
      },
    },
    path,
  );
  return relationships;
}

const endsWith = (type: string, suffix: string) => type.endsWith(`/${suffix}`);

export async function readWorkbookInfo(zip: ZipArchive): Promise<WorkbookInfo> {
  const root = await readRelationships(zip, '');
  const office = [...root.values()].find((r) => endsWith(r.type, 'officeDocument'));
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw noWorkbookPart();
  const relationships = await readRelationships(zip, workbookPath);
  const sheets: SheetInfo[] = [];
  let date1904 = false;
  parseXml(
    await zip.text(workbookPath),
    {
      open(name, attributes) {
        if (name === 'workbookPr') {
          // Excel 2013's own <x15:workbookPr defaultImageDpi> (in an extension after the sheets) has
          // the same local name and no date1904: it must not undo the workbook's 1904 dates.
          const value = attribute(attributes, 'date1904');
          if (value !== undefined) date1904 = value === '1' || value === 'true';
        } else if (name === 'sheet') {
          const target = relationships.get(attribute(attributes, 'id') ?? '');
          const state = attribute(attributes, 'state');
          // Chart sheets and dialog sheets hold no cells: only worksheets are offered.
          if (!target || !endsWith(target.type, 'worksheet')) return;
          sheets.push({
            name: attribute(attributes, 'name') ?? '',
            hidden: state === 'hidden' || state === 'veryHidden',
            path: target.target,
          });
        }
      },
    },
    workbookPath,
  );
  const byType = (suffix: string) => [...relationships.values()].find((r) => endsWith(r.type, suffix))?.target;
  const sharedStringsPath = byType('sharedStrings');
  const stylesPath = byType('styles');
  return {
    sheets,
    date1904,
    ...(sharedStringsPath && zip.has(sharedStringsPath) && { sharedStringsPath }),
    ...(stylesPath && zip.has(stylesPath) && { stylesPath }),
  };
}

/** Excel's built-in number formats that show dates or times (the others show numbers). */
const BUILT_IN_DATE_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};
// East Asian built-in date formats (27–36, 50–58) differ by locale; any date code marks them as dates.
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58])
  BUILT_IN_DATE_FORMATS[id] = 'yyyy-mm-dd';

/** The number format code of every cell style (a cell's s="n" is an index into this list). */
export async function readCellFormats(zip: ZipArchive, path: string | undefined): Promise<(string | undefined)[]> {
  if (!path) return [];
  const custom = new Map<number, string>();
  const formats: (string | undefined)[] = [];
  let inCellXfs = false;
  parseXml(
    await zip.text(path),
    {
      open(name, attributes) {
        if (name === 'numFmt') {
          const id = Number(attribute(attributes, 'numFmtId'));
          const code = attribute(attributes, 'formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attribute(attributes, 'numFmtId') ?? 0);
          formats.push(custom.get(id) ?? BUILT_IN_DATE_FORMATS[id]);
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    path,
  );
  return formats;
}

/**
 * The shared-text table is held whole while a sheet is read. A few kilobytes of zip can unpack to
 * hundreds of millions of entries; reading them all filled the 512 MB of a custom import's worker
 * thread inside the text decoder, where V8 ends the whole process rather than the thread. So the
 * table is bounded well below that: 256 MB, estimated at 40 bytes per entry (array slot and string
 * header) plus its characters, over 5 million short texts — more than real workbooks hold.
 */
const MAX_SHARED_TEXT_BYTES = 256 * 1024 * 1024;
const BYTES_PER_SHARED_STRING = 40;

/**
 * The shared strings table, streamed: rich text runs are joined, phonetic guides (rPh) left out.
 * It is held whole, as every cell may refer to any string.
 */
export async function readSharedStrings(zip: ZipArchive, path: string | undefined): Promise<string[]> {
  if (!path) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  let heldBytes = 0;
  const parser = createXmlParser(
    {
      open(name) {
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) inText = true;
      },
      close(name) {
        if (name === 'si') {
          heldBytes += BYTES_PER_SHARED_STRING + current.length;
          if (heldBytes > MAX_SHARED_TEXT_BYTES) throw tooMuchSharedText();
          strings.push(current);
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text(text) {
        if (inText) current += text;
      },
    },
    path,
  );
  for await (const chunk of zip.textChunks(path)) parser.write(chunk);
  parser.end();
  return strings;
}
