import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { allContents, csv, getBytes, importJob, type Row } from '../support/list-helpers';

/**
 * Exports and error reports round-trip exactly: what Listport writes, edited in a spreadsheet or
 * not, loads back as the very same values. Formula-like values are neutralised with an apostrophe
 * on the way out and the apostrophe is taken away on the way in; numbers are never touched.
 */

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

const EVIL_COLUMN = '=HYPERLINK("http://evil.example","x")';
const COLUMNS = [
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'text', dataType: 'string' },
  { name: EVIL_COLUMN, dataType: 'string' },
  { name: 'amount', dataType: 'number', required: false },
  { name: 'active', dataType: 'boolean' },
  { name: 'day', dataType: 'date' },
  { name: 'at', dataType: 'datetime' },
];

/** Text values a spreadsheet might take for formulas, numbers that must stay numbers, and look-alikes. */
const TEXTS = [
  '-5',
  '+355',
  '-11.2027',
  '-',
  '+',
  '1e5',
  '=1+1',
  '@x',
  ' =1+1',
  '\u200b=1+1',
  '\uff1d1+1',
  '\t=cmd',
  "'=already escaped",
  "''-5",
  "O'Brien",
  '+49 30 1234',
  '-cmd',
  'plain',
];

async function exportOf(listId: string, query = ''): Promise<string> {
  const exported = await getBytes(admin, `/api/v1/lists/${listId}/contents.csv${query}`);
  expect(exported.status).toBe(200);
  return exported.bytes.toString('utf8');
}

function cellsOf(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('contents.csv → import', () => {
  it('loads its own export back exactly, header and formula-like values included', async () => {
    const source = await createList(admin, workspaceId, COLUMNS);
    const items = TEXTS.map((text, i) => ({
      id: i + 1,
      text,
      [EVIL_COLUMN]: `@SUM(${i})`,
      amount: i % 3 === 0 ? null : (-i * 1.25).toString(),
      active: i % 2 === 0,
      day: `2024-01-${String(i + 1).padStart(2, '0')}`,
      at: `2024-03-31T10:00:00.${String(i).padStart(6, '0')}Z`,
    }));
    const edit = await admin.put(`/api/v1/lists/${source.id}/contents?op=upsert`, { items });
    expect(edit.status, edit.text).toBe(200);
    const before = await allContents(admin, source.id);

    const exported = await exportOf(source.id);
    const [header, ...rows] = cellsOf(exported);
    // The header is neutralised like values; numbers and plain text are left alone.
    expect(header).toEqual(['id', 'text', `'${EVIL_COLUMN}`, 'amount', 'active', 'day', 'at']);
    const texts = rows.map((r) => r[1]);
    expect(texts).toEqual([
      '-5',
      '+355',
      '-11.2027',
      '-',
      '+',
      '1e5',
      "'=1+1",
      "'@x",
      "' =1+1",
      "'\u200b=1+1",
      "'\uff1d1+1",
      "'\t=cmd",
      "''=already escaped",
      "'''-5",
      "O'Brien",
      // Not a plain number: a spreadsheet would try it as a formula (and show #NULL!).
      "'+49 30 1234",
      "'-cmd",
      'plain',
    ]);
    expect(rows.map((r) => r[3]).slice(0, 3)).toEqual(['', '-1.25', '-2.5']);
    expect(rows[1]![6]).toBe('2024-03-31T10:00:00.000001Z');

    const copy = await createList(admin, workspaceId, COLUMNS);
    const job = await importJob(admin, copy.id, exported);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, copy.id)).toEqual(before);
    expect((await allContents(admin, copy.id)).map((r) => r.text)).toEqual(TEXTS);
  });

  it('keeps every apostrophe with unescapeFormulas=false', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'text', dataType: 'string' },
    ]);
    const file = csv(['id,text', "1,'=1+1", "2,'-5", "3,'plain"]);
    expect((await importJob(admin, list.id, file, { unescapeFormulas: 'false' })).state).toBe('completed');
    expect((await allContents(admin, list.id)).map((r) => r.text)).toEqual(["'=1+1", "'-5", "'plain"]);
    // The default takes the exports' apostrophe away (an older export's "'-5" included), never another one.
    expect((await importJob(admin, list.id, file)).state).toBe('completed');
    expect((await allContents(admin, list.id)).map((r) => r.text)).toEqual(['=1+1', '-5', "'plain"]);
  });

  it('loads an export written in the columns’ formats (?format=list) back into the same formatted list', async () => {
    const columns = [
      { name: 'sku', dataType: 'string', isKey: true },
      { name: 'price', dataType: 'number', format: { decimalSeparator: ',', thousandsSeparator: '.' } },
      { name: 'since', dataType: 'date', format: { pattern: 'DD.MM.YYYY' } },
      { name: 'seen', dataType: 'datetime', format: { pattern: 'DD.MM.YYYY HH:MM:SS', timeZone: 'Europe/Berlin' } },
      { name: 'ok', dataType: 'boolean', format: { trueWords: ['ja'], falseWords: ['nein'] } },
    ];
    const source = await createList(admin, workspaceId, columns);
    const loaded = await importJob(
      admin,
      source.id,
      csv([
        'sku;price;since;seen;ok',
        'A;1.234,5;31.12.2024;31.12.2024 23:30;ja',
        'B;-0,25;01.02.2025;01.07.2025 08:00;nein',
      ]),
      { delimiter: ';' },
    );
    expect(loaded.state, JSON.stringify(loaded.errors)).toBe('completed');
    const before = await allContents(admin, source.id);

    const listFormat = await exportOf(source.id, '?format=list');
    expect(cellsOf(listFormat).slice(1)).toEqual([
      ['A', '1.234,5', '31.12.2024', '31.12.2024 23:30:00', 'ja'],
      ['B', '-0,25', '01.02.2025', '01.07.2025 08:00:00', 'nein'],
    ]);
    const canonical = await exportOf(source.id);
    expect(cellsOf(canonical)[1]).toEqual(['A', '1234.5', '2024-12-31', '2024-12-31T22:30:00Z', 'true']);

    for (const exported of [listFormat, canonical]) {
      const copy = await createList(admin, workspaceId, columns);
      const job = await importJob(admin, copy.id, exported);
      expect(job.state, JSON.stringify(job.errors)).toBe('completed');
      expect(await allContents(admin, copy.id)).toEqual(before);
    }
    const refused = await admin.get(`/api/v1/lists/${source.id}/contents.csv?format=pretty`);
    expect(refused.status).toBe(400);
  });
});

describe('error report → fix → import', () => {
  it('gives back the file’s values exactly: numbers not prefixed, text not changed, formulas neutralised', async () => {
    const columns = [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'phone', dataType: 'string' },
      { name: 'delta', dataType: 'integer' },
      { name: 'note', dataType: 'string', required: false },
    ];
    const list = await createList(admin, workspaceId, columns);
    const file = csv([
      'id,phone,delta,note',
      '1,+4930123,-5,=1+1',
      "2,-,+7,'=from an export",
      '3,+44 20 7946,12,plain',
      'x,+1,3,bad key',
    ]);
    const failed = await importJob(admin, list.id, file);
    expect(failed.state).toBe('failed');
    const report = await getBytes(admin, `/api/v1/lists/${list.id}/importJobs/${failed.id}/errorReport`);
    expect(report.status).toBe(200);
    const [header, ...rows] = cellsOf(report.bytes.toString('utf8'));
    expect(header).toEqual(['id', 'phone', 'delta', 'note', 'Import errors']);
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['1', '+4930123', '-5', "'=1+1"],
      ['2', '-', '+7', "'=from an export"],
      ['3', "'+44 20 7946", '12', 'plain'],
      ['x', '+1', '3', 'bad key'],
    ]);
    expect(rows[3]![4]).toMatch(/Row 5: "id" "x" is not a whole number/);

    // Fix the bad row in "a spreadsheet": drop the errors column, correct the key, import.
    const fixed = Papa.unparse([header!.slice(0, 4), ...rows.map((r) => r.slice(0, 4))]).replace('\r\nx,', '\r\n4,');
    const job = await importJob(admin, list.id, fixed);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual<Row[]>([
      { id: 1, phone: '+4930123', delta: -5, note: '=1+1' },
      { id: 2, phone: '-', delta: 7, note: '=from an export' },
      { id: 3, phone: '+44 20 7946', delta: 12, note: 'plain' },
      { id: 4, phone: '+1', delta: 3, note: 'bad key' },
    ]);
  });
});
