import {
  BlobReader,
  TextReader,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js/index-native.js';

/** Test helpers: workbooks made part by part, in any order inside the zip. */

export type Part = [path: string, content: string | Uint8Array];

/** A zip of these parts, in exactly this order. */
export async function zipParts(parts: Part[]): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [path, content] of parts)
    await writer.add(path, typeof content === 'string' ? new TextReader(content) : new Uint8ArrayReader(content));
  return writer.close();
}

/** The parts of a zip, in the order they are stored. */
export async function unzipParts(bytes: Uint8Array): Promise<Part[]> {
  const reader = new ZipReader(new BlobReader(new Blob([bytes as BlobPart])));
  const parts: Part[] = [];
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    parts.push([entry.filename, await entry.getData(new Uint8ArrayWriter())]);
  }
  await reader.close();
  return parts;
}

/** The same workbook with its parts stored in reverse order: sheets first, xl/workbook.xml and [Content_Types].xml last. */
export async function reversedParts(bytes: Uint8Array): Promise<Uint8Array> {
  return zipParts((await unzipParts(bytes)).reverse());
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A minimal workbook written by hand: each sheet's <sheetData> rows as given, plus shared strings and styles. */
export function handWrittenWorkbook(options: {
  sheets: {
    name: string;
    rows: string;
    state?: 'hidden';
    /** Its used range, as <dimension ref=…/> says. */ dimension?: string;
  }[];
  sharedStrings?: string[];
  /** Number format codes of the cell styles 0, 1, 2… (built-in ids as numbers, custom codes as text). */
  styles?: (number | string)[];
  date1904?: boolean;
  /** Element prefix, e.g. "x:" as some tools write every element. */
  prefix?: string;
}): Part[] {
  const p = options.prefix ?? '';
  const xmlns = p ? `xmlns:${p.slice(0, -1)}="${NS}"` : `xmlns="${NS}"`;
  const custom = (options.styles ?? []).filter((s): s is string => typeof s === 'string');
  const parts: Part[] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0"?><${p}workbook ${xmlns} xmlns:r="${REL}">${options.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets>${options.sheets
        .map(
          (s, i) =>
            `<${p}sheet name="${s.name.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rIdS${i + 1}"/>`,
        )
        .join('')}</${p}sheets></${p}workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="${PKG}">${options.sheets
        .map(
          (_, i) => `<Relationship Id="rIdS${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rIdSS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdST" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
    ],
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><${p}sst ${xmlns}>${(options.sharedStrings ?? []).map((s) => (s.startsWith('<') ? `<${p}si>${s}</${p}si>` : `<${p}si><${p}t>${s}</${p}t></${p}si>`)).join('')}</${p}sst>`,
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0"?><${p}styleSheet ${xmlns}><${p}numFmts>${custom.map((code, i) => `<${p}numFmt numFmtId="${164 + i}" formatCode="${code}"/>`).join('')}</${p}numFmts><${p}cellXfs>${(
        options.styles ?? [0]
      )
        .map((s) => `<${p}xf numFmtId="${typeof s === 'number' ? s : 164 + custom.indexOf(s)}"/>`)
        .join('')}</${p}cellXfs></${p}styleSheet>`,
    ],
    ...options.sheets.map((s, i): Part => [
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0"?><${p}worksheet ${xmlns}>${s.dimension ? `<${p}dimension ref="${s.dimension}"/>` : ''}${s.rows ? `<${p}sheetData>${s.rows}</${p}sheetData>` : `<${p}sheetData/>`}</${p}worksheet>`,
    ]),
  ];
  return parts;
}
