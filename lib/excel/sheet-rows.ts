import { attribute, createXmlParser } from './xml';
import type { ZipArchive } from './zip-archive';

/** A cell as the sheet stores it (formulas give their cached result). */
export type RawCell =
  | { type: 'number'; value: number; numFmt: string | undefined }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'error'; value: string }
  | { type: 'date'; value: Date };

/** A row of a sheet: its number as the sheet shows it, and its cells (index 0 is column A; gaps are empty cells). */
export type SheetRow = { number: number; cells: (RawCell | undefined)[] };

/** "C" → 2, "AA" → 26. */
export function columnIndex(letters: string): number {
  let index = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** 2 → "C", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function rawCell(
  type: string | undefined,
  text: string,
  hasValue: boolean,
  style: string | undefined,
  strings: readonly string[],
  formats: readonly (string | undefined)[],
): RawCell | undefined {
  switch (type) {
    case 's': {
      if (!hasValue) return undefined;
      const value = strings[Number(text)];
      return value === undefined ? undefined : { type: 'string', value };
    }
    case 'inlineStr':
    case 'str':
      return hasValue ? { type: 'string', value: text } : undefined;
    case 'b':
      return hasValue ? { type: 'boolean', value: text.trim() === '1' || text.trim() === 'true' } : undefined;
    case 'e':
      return hasValue ? { type: 'error', value: text.trim() } : undefined;
    case 'd': {
      const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.trim()}Z`);
      return hasValue && !Number.isNaN(date.getTime()) ? { type: 'date', value: date } : undefined;
    }
    default: {
      if (!hasValue || text.trim() === '') return undefined;
      const value = Number(text);
      if (Number.isNaN(value)) return { type: 'string', value: text };
      return { type: 'number', value, numFmt: style === undefined ? undefined : formats[Number(style)] };
    }
  }
}

/**
 * The rows of one sheet, streamed from its XML as it is unpacked: a sheet of any size is read with
 * only the current chunk's rows in memory. Rows without cells are left out (they are blank).
 */
export async function* readSheetXmlRows(
  zip: ZipArchive,
  path: string,
  strings: readonly string[],
  formats: readonly (string | undefined)[],
  onProgress?: (done: number, total: number) => void,
): AsyncGenerator<SheetRow> {
  let ready: SheetRow[] = [];
  let row: SheetRow | undefined;
  let lastRow = 0;
  let column = -1;
  let type: string | undefined;
  let style: string | undefined;
  let text = '';
  let hasValue = false;
  // Where text counts: in <v>, or in <t> of an inline string (not in a phonetic guide, not in <f>).
  let capture = false;
  let inInline = false;
  let phonetic = 0;

  const parser = createXmlParser(
    {
      open(name, attributes) {
        switch (name) {
          case 'row': {
            const r = Number(attribute(attributes, 'r'));
            lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
            row = { number: lastRow, cells: [] };
            column = -1;
            break;
          }
          case 'c': {
            const ref = attribute(attributes, 'r');
            column = ref ? columnIndex(ref.toUpperCase()) : column + 1;
            type = attribute(attributes, 't');
            style = attribute(attributes, 's');
            text = '';
            hasValue = false;
            break;
          }
          case 'v':
            capture = true;
            hasValue = true;
            break;
          case 'is':
            inInline = true;
            hasValue = true;
            break;
          case 'rPh':
            phonetic++;
            break;
          case 't':
            if (inInline && phonetic === 0) capture = true;
            break;
        }
      },
      close(name) {
        switch (name) {
          case 'v':
          case 't':
            capture = false;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'c':
            if (row && column >= 0) {
              const cell = rawCell(type, text, hasValue, style, strings, formats);
              if (cell) row.cells[column] = cell;
            }
            break;
          case 'row':
            if (row && row.cells.length > 0) ready.push(row);
            row = undefined;
            break;
        }
      },
      text(chunk) {
        if (capture) text += chunk;
      },
    },
    path,
  );
  for await (const chunk of zip.textChunks(path, onProgress)) {
    parser.write(chunk);
    if (ready.length > 0) {
      const rows = ready;
      ready = [];
      yield* rows;
    }
  }
  parser.end();
  yield* ready;
}
