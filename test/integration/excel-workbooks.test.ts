import { beforeAll, describe, expect, it } from 'vitest';

import { handWrittenWorkbook, zipParts, type Part } from '@/lib/excel/testing/build-xlsx';
import { catalogueWorkbook, reversedParts, workbookPartLast } from '@/lib/excel/testing/fixtures';
import { openWorkbook } from '@/lib/excel/workbook';

import { adminApi, Api, baseUrl, createList, createWorkspace } from '../support/api';
import { healthWhile } from '../support/health';
import { allContents, type JobBody } from '../support/list-helpers';

/**
 * Workbooks real people have, through the server's Excel import over HTTP: parts in any order
 * inside the zip, values equal to what the shared reader gives (the wizard's worker runs the same
 * code), rows and columns named as the sheet shows them, unreadable files explained in plain words.
 */

const EXCEL = '0.0.1-excel-sheet';
const COLUMNS = [
  { name: 'sku', dataType: 'string', isKey: true },
  { name: 'price', dataType: 'number' },
  { name: 'launched', dataType: 'datetime', required: false },
  { name: 'active', dataType: 'boolean' },
  { name: 'qty', dataType: 'integer', required: false },
];

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

function values(bytes: Uint8Array, listId: string, sheet = 'KA lijst', headerRow = 3) {
  return [
    {
      type: 'file',
      name: 'file',
      value: {
        name: 'catalogue.xlsx',
        size: bytes.length,
        type: 'application/octet-stream',
        data: Buffer.from(bytes).toString('base64'),
      },
    },
    { type: 'string', name: 'sheet', value: sheet },
    { type: 'number', name: 'headerRow', value: headerRow },
    { type: 'string', name: 'list', value: listId },
  ];
}

async function submit(bytes: Uint8Array, listId: string, sheet?: string): Promise<JobBody> {
  const response = await admin.post(`/api/v1/view/${workspaceId}/custom-import/${EXCEL}/submit-job`, {
    values: values(bytes, listId, sheet),
  });
  expect(response.status, response.text).toBe(200);
  return (await admin.waitForJob(listId, response.body.payload.jobId)) as JobBody;
}

/** What the shared reader gives each list column, read in this process (as the wizard's worker reads it). */
async function sharedReaderRecords(bytes: Uint8Array) {
  const workbook = await openWorkbook(new Blob([bytes as BlobPart]));
  const records: string[][] = [];
  for await (const row of workbook.rows('KA lijst')) {
    if (row.number <= 3) continue;
    records.push(
      COLUMNS.map((column, i) => {
        const text = workbook.text(row.cells[i], column.dataType as 'string');
        return 'text' in text ? text.text : `!${text.excelError}`;
      }),
    );
  }
  await workbook.close();
  return records;
}

describe('the Excel import reads workbooks whatever the order of their parts', () => {
  it('offers the sheets and loads a workbook whose xl/workbook.xml comes after the sheets, or before', async () => {
    const original = await catalogueWorkbook();
    for (const bytes of [await workbookPartLast(original), await reversedParts(await workbookPartLast(original))]) {
      const list = await createList(admin, workspaceId, COLUMNS);
      const validated = await admin.post(`/api/v1/view/${workspaceId}/custom-import/${EXCEL}/validate-input`, {
        values: values(bytes, list.id),
      });
      expect(validated.status, validated.text).toBe(200);
      expect(validated.body.payload.options.sheet.options.map((o: { value: string }) => o.value)).toEqual([
        'Notes',
        'Hidden',
        'KA lijst',
      ]);
      // The error cell (#N/A in qty) fails the job with the cell named as the sheet shows it.
      const failed = await submit(bytes, list.id);
      expect(failed.state).toBe('failed');
      expect(failed.errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
        [6, 'qty', '#N/A', 'Sheet KA lijst, row 6, column E ("qty") shows the Excel error #N/A.'],
      ]);
    }
  });

  it('loads the values the shared reader gives (numbers as Excel shows them, date cells as dates)', async () => {
    const list = await createList(admin, workspaceId, COLUMNS.slice(0, 4));
    const bytes = await workbookPartLast(await catalogueWorkbook());
    const job = await submit(bytes, list.id);
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    const loaded = await allContents(admin, list.id);
    expect(loaded).toEqual([
      { sku: 'A-1', price: 0.3, launched: '2024-01-15T00:00:00.000Z', active: true },
      { sku: 'A-2', price: -12.5, launched: '2024-02-29T13:30:00.000Z', active: false },
    ]);
    // The same cells through the shared reader, as the wizard reads them.
    expect((await sharedReaderRecords(bytes)).map((r) => r.slice(0, 4))).toEqual([
      ['A-1', '0.3', '2024-01-15T00:00:00Z', 'true'],
      ['A-2', '-12.5', '2024-02-29T13:30:00Z', 'false'],
    ]);
  });

  it('explains a file that is not a workbook in plain words, without any program error text', async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const response = await admin.post(`/api/v1/view/${workspaceId}/custom-import/${EXCEL}/validate-input`, {
      values: values(new TextEncoder().encode('sku,price\nA,1\n'), list.id, 'Sheet1', 1),
    });
    expect(response.status, response.text).toBe(200);
    const messages = response.body.payload.messages as { status: string; message: string; input?: string }[];
    const file = messages.find((m) => m.input === 'file');
    expect(file?.message).toMatch(/^The file is not an Excel workbook \(\.xlsx\) that can be read/);
    expect(JSON.stringify(messages)).not.toMatch(/undefined|TypeError|Cannot read|properties of/);
  });

  it('refuses a workbook whose shared texts unpack to millions (a zip bomb) in plain words; the server goes on', async () => {
    // 7 million empty shared texts: 110 MB of XML in a zip of a few hundred KB. Read whole, such a
    // table filled the custom import's worker thread inside the text decoder, and V8 ended the
    // whole server process (seen: an 8 MB file of 200 million texts).
    const bomb = await zipParts(
      handWrittenWorkbook({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] }).map(
        ([path, content]): Part => [
          path,
          path === 'xl/sharedStrings.xml'
            ? `<?xml version="1.0"?><sst>${'<si><t/></si>'.repeat(7_000_000)}</sst>`
            : content,
        ],
      ),
    );
    const list = await createList(admin, workspaceId, COLUMNS);
    const { result: response, slowest } = await healthWhile(
      baseUrl(),
      admin.post(`/api/v1/view/${workspaceId}/custom-import/${EXCEL}/validate-input`, {
        values: values(bomb, list.id, 'S', 1),
      }),
    );
    expect(response.status, response.text).toBe(200);
    const messages = response.body.payload.messages as { status: string; message: string; input?: string }[];
    expect(messages.find((m) => m.input === 'file')?.message).toMatch(
      /^The workbook holds more text than can be read from a workbook here .* save the sheet as "CSV UTF-8"/,
    );
    expect(slowest, `/api/health took ${Math.round(slowest)} ms meanwhile`).toBeLessThan(2_000);
    expect((await fetch(`${baseUrl()}/api/health`)).status).toBe(200);
  });
});
