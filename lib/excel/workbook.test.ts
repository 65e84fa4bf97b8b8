import { describe, expect, it } from 'vitest';

import type { DataType } from '@/lib/shared/data-types';

import { handWrittenWorkbook, reversedParts, unzipParts, zipParts, type Part } from './testing/build-xlsx';
import { catalogueWorkbook, cellKindsWorkbook, workbookPartLast } from './testing/fixtures';
import { openWorkbook, WorkbookError, type SheetSize } from './workbook';

async function open(bytes: Uint8Array) {
  return openWorkbook(new Blob([bytes as BlobPart]));
}

/** Every row of a sheet as [sheet row, cell texts]; an Excel error cell as "!#N/A". */
async function readRows(bytes: Uint8Array, sheet: string, target?: DataType) {
  const workbook = await open(bytes);
  const rows: [number, string[]][] = [];
  for await (const row of workbook.rows(sheet)) {
    rows.push([
      row.number,
      Array.from(row.cells, (cell) => {
        const text = workbook.text(cell, target);
        return 'text' in text ? text.text : `!${text.excelError}`;
      }),
    ]);
  }
  await workbook.close();
  return rows;
}

async function errorOf(promise: Promise<unknown>): Promise<WorkbookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkbookError);
  const message = (error as Error).message;
  // Plain words only: never a library's or JavaScript's own error text.
  expect(message).not.toMatch(/undefined|null|TypeError|Cannot read|properties of|zip\.js|saxes|Error:/);
  return error as WorkbookError;
}

describe('openWorkbook: parts in any order', () => {
  it('reads a workbook whose xl/workbook.xml comes after the sheets, and the same reversed', async () => {
    const sheetsFirst = await workbookPartLast(await catalogueWorkbook());
    expect((await unzipParts(sheetsFirst)).at(-1)?.[0]).toBe('xl/workbook.xml');
    const reversed = await reversedParts(sheetsFirst);
    expect((await unzipParts(reversed))[0]?.[0]).toBe('xl/workbook.xml');

    for (const bytes of [sheetsFirst, reversed]) {
      const workbook = await open(bytes);
      expect(workbook.sheets).toEqual([
        { name: 'Notes', hidden: false },
        { name: 'Hidden', hidden: true },
        { name: 'KA lijst', hidden: false },
      ]);
      await workbook.close();
      expect(await readRows(bytes, 'KA lijst')).toEqual([
        [1, ['Catalogue']],
        [3, ['sku', 'price', 'launched', 'active', 'qty']],
        [4, ['A-1', '0.3', '2024-01-15', 'true', '5']],
        [6, ['A-2', '-12.5', '2024-02-29 13:30:00', 'false', '!#N/A']],
      ]);
    }
  });

  it('reads every order of the parts the same way', async () => {
    const parts = await unzipParts(await catalogueWorkbook());
    const expected = await readRows(await zipParts(parts), 'KA lijst');
    // A few shuffles, deterministic: each part moved to the front in turn.
    for (let i = 0; i < parts.length; i++) {
      const shuffled: Part[] = [parts[i]!, ...parts.filter((_, j) => j !== i)];
      expect(await readRows(await zipParts(shuffled), 'KA lijst')).toEqual(expected);
    }
  });
});

describe('openWorkbook: cells as Excel shows them', () => {
  const workbook = cellKindsWorkbook;

  it('reads shared, rich and inline strings, numbers, dates, booleans, formulas and errors', async () => {
    const [first, second, fourth, fifth] = await readRows(await workbook(), 'Data');
    expect(first).toEqual([1, ['plain', 'rich text', '', 'inline']]);
    expect(second).toEqual([2, ['0.3', '2024-01-01', '2024-01-01 12:00:00', 'true']]);
    expect(fourth![0]).toBe(4);
    expect(fourth![1].slice(0, 3)).toEqual(['text & "quotes"', '!#DIV/0!', '2024-03-31 14:05:00']);
    expect(fourth![1][26]).toBe('0');
    expect(fourth![1]).toHaveLength(27);
    // A row without r follows the previous one; cells without r follow each other.
    expect(fifth).toEqual([5, ['1e+21', '123456789012346000']]);
  });

  it('gives a list column what its type expects: serial days become dates in date columns', async () => {
    const rows = await readRows(await workbook(), 'Data', 'date');
    expect(rows[1]).toEqual([2, ['1899-12-31T07:12:00Z', '2024-01-01', '2024-01-01T12:00:00Z', 'true']]);
    // A number past Excel's last day stays a number (the column's check then refuses it as a date).
    expect(rows[3]).toEqual([5, ['1e+21', '123456789012346000']]);
  });

  it('reads prefixed elements, 1904 dates and a workbook found through the package relationships', async () => {
    const parts = handWrittenWorkbook({
      sheets: [{ name: 'Mac & Co', rows: '<x:row r="3"><x:c r="B3" s="1"><x:v>0</x:v></x:c></x:row>' }],
      styles: [0, 14],
      date1904: true,
      prefix: 'x:',
    });
    // Some tools store the workbook under another name: only _rels/.rels says where.
    const renamed = parts.map(([path, content]): Part => {
      const text = typeof content === 'string' ? content : '';
      if (path === 'xl/workbook.xml') return ['xl/book.xml', content];
      if (path === 'xl/_rels/workbook.xml.rels') return ['xl/_rels/book.xml.rels', content];
      if (path === '_rels/.rels') return [path, text.replace('xl/workbook.xml', 'xl/book.xml')];
      return [path, content];
    });
    const bytes = await zipParts(renamed.reverse());
    const workbook = await open(bytes);
    expect(workbook.date1904).toBe(true);
    expect(workbook.sheets).toEqual([{ name: 'Mac & Co', hidden: false }]);
    await workbook.close();
    expect(await readRows(bytes, 'Mac & Co')).toEqual([[3, ['', '1904-01-01']]]);
  });

  it("keeps 1904 dates when Excel's x15 extension repeats workbookPr without them (csvkit examples/sheets.xlsx)", async () => {
    const parts = handWrittenWorkbook({
      sheets: [{ name: 'data', rows: '<row r="2"><c r="B2" s="1"><v>24472</v></c></row>' }],
      styles: [0, 14],
      date1904: true,
    }).map(([path, content]): Part => {
      if (path !== 'xl/workbook.xml' || typeof content !== 'string') return [path, content];
      // As Excel for Mac 2016 saved it: <extLst><ext><x15:workbookPr defaultImageDpi="32767"/></ext></extLst>.
      const extension =
        '<extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr defaultImageDpi="32767"/></ext></extLst>';
      return [path, content.replace('</workbook>', `${extension}</workbook>`)];
    });
    const bytes = await zipParts(parts);
    // 1971-01-01 as Excel shows it; the 1900 system would make it 1966-12-31.
    expect(await readRows(bytes, 'data')).toEqual([[2, ['', '1971-01-01']]]);
  });

  it('stops reading when the caller does (only the rows it asked for are unpacked)', async () => {
    const many = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>r${i + 1}</t></is></c></row>`,
    );
    const bytes = await zipParts(handWrittenWorkbook({ sheets: [{ name: 'Big', rows: many.join('') }] }));
    const workbook = await open(bytes);
    const seen: number[] = [];
    for await (const row of workbook.rows('Big')) {
      seen.push(row.number);
      if (seen.length === 3) break;
    }
    await workbook.close();
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('openWorkbook: how many rows a sheet has', () => {
  it('counts an empty sheet as 0 rows, though Excel gives it the range "A1" as it does a sheet of one row', async () => {
    const header =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>';
    const bytes = await zipParts(
      handWrittenWorkbook({
        sheets: [
          { name: 'Sheet1', rows: '', dimension: 'A1' },
          // A styled cell with no value is empty too.
          { name: 'Styled', rows: '<row r="1"><c r="A1" s="0"/></row>', dimension: 'A1' },
          { name: 'Header only', rows: header, dimension: 'A1:B1' },
          { name: 'One cell', rows: '<row r="1"><c r="A1"><v>7</v></c></row>', dimension: 'A1' },
          { name: 'Data', rows: `${header}<row r="2"><c r="A2"><v>1</v></c></row>`, dimension: 'A1:B2' },
          { name: 'No range', rows: '' },
          { name: 'No range, values', rows: header },
        ],
      }),
    );
    const workbook = await open(bytes);
    const sizes: Record<string, SheetSize | undefined> = {};
    for (const { name } of workbook.sheets) sizes[name] = await workbook.size(name);
    await workbook.close();
    expect(sizes).toEqual({
      Sheet1: { rows: 0, columns: 0 },
      Styled: { rows: 0, columns: 0 },
      'Header only': { rows: 1, columns: 2 },
      // A note alone on its sheet: one row of one column, told apart from a header row.
      'One cell': { rows: 1, columns: 1 },
      Data: { rows: 2, columns: 2 },
      'No range': { rows: 0, columns: 0 },
      'No range, values': undefined,
    });
  });
});

describe('openWorkbook: files that cannot be read say why in plain words', () => {
  it('a CSV renamed to .xlsx', async () => {
    const error = await errorOf(open(new TextEncoder().encode('id,name\n1,a\n')));
    expect(error.message).toMatch(/not an Excel workbook \(\.xlsx\).*save it as "Excel Workbook \(\.xlsx\)"/);
  });

  it('a password-protected workbook (an OLE file, like an old .xls)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect((await errorOf(open(ole))).message).toMatch(/protected with a password/);
  });

  it('a zip that is not a workbook', async () => {
    const error = await errorOf(open(await zipParts([['readme.txt', 'hello']])));
    expect(error.message).toBe(
      'The file is a zip archive but not an Excel workbook: it has no workbook part (xl/workbook.xml). Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)", then choose that file.',
    );
  });

  it('a sheet that is not there, naming the sheets that are', async () => {
    const bytes = await catalogueWorkbook();
    const workbook = await open(bytes);
    const error = await errorOf(workbook.rows('Products').next());
    expect(error.message).toBe(
      'The workbook has no sheet named "Products". Its sheets are "Notes", "Hidden", "KA lijst": choose one of them.',
    );
    await workbook.close();
  });

  it('damaged sheet XML and damaged compressed data', async () => {
    const broken = await zipParts(
      handWrittenWorkbook({ sheets: [{ name: 'S', rows: '<row r="1"><c><v>1</v></row>' }] }),
    );
    expect((await errorOf(readRows(broken, 'S'))).message).toMatch(
      /damaged: its part xl\/worksheets\/sheet1\.xml is not well-formed XML/,
    );
    const good = await zipParts(
      handWrittenWorkbook({ sheets: [{ name: 'S', rows: '<row r="1"><c><v>1</v></c></row>'.repeat(2000) }] }),
    );
    // Flip bytes in the middle of the archive: inside the compressed sheet.
    const corrupted = good.slice();
    const sheetStart = findBytes(corrupted, 'xl/worksheets/sheet1.xml') + 60;
    for (let i = sheetStart; i < sheetStart + 40; i++) corrupted[i] = corrupted[i]! ^ 0xa5;
    expect((await errorOf(readRows(corrupted, 'S'))).message).toMatch(
      /^The workbook is damaged: its part xl\/worksheets\/sheet1\.xml (cannot be unpacked|is not well-formed XML)\. Open it in Excel/,
    );
  });
});

function findBytes(haystack: Uint8Array, text: string): number {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = 0; i < haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error(`${text} not found`);
}
