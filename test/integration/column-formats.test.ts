import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, uniqueName } from '../support/api';
import { allContents, csv, expectApiError, importJob } from '../support/list-helpers';

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

/** A German price sheet: day.month.year dates, decimal commas with dot groups, ja/nein, local times. */
const PRICE_COLUMNS = [
  { name: 'Artikel', dataType: 'string', isKey: true },
  { name: 'Preis', dataType: 'number', format: { decimalSeparator: ',', thousandsSeparator: '.' } },
  { name: 'Menge', dataType: 'integer', required: false, format: { decimalSeparator: ',', thousandsSeparator: '.' } },
  { name: 'Gültig ab', dataType: 'date', format: { pattern: 'DD.MM.YYYY' } },
  { name: 'Aktiv', dataType: 'boolean', format: { trueWords: ['ja'], falseWords: ['nein'] } },
  { name: 'Geändert', dataType: 'datetime', format: { pattern: 'DD.MM.YYYY HH:MM:SS', timeZone: 'Europe/Berlin' } },
];

describe('columns[].format through the API', () => {
  it('stores formats with the list and answers them back', async () => {
    const list = await createList(admin, workspaceId, PRICE_COLUMNS);
    const fetched = await admin.get(`/api/v1/lists/${list.id}`);
    expect(fetched.body.columns.map((c: { format?: unknown }) => c.format)).toEqual(PRICE_COLUMNS.map((c) => c.format));
  });

  it('imports a file written in the formats and stores canonical values', async () => {
    const list = await createList(admin, workspaceId, PRICE_COLUMNS);
    const job = await importJob(
      admin,
      list.id,
      csv([
        'Artikel;Preis;Menge;Gültig ab;Aktiv;Geändert',
        'A-1;1.234,56;1.000;31.12.2024;ja;31.12.2024 23:30',
        'A-2;-0,5;;1.2.2025;nein;01.07.2025 08:00:00',
        'A-3;12;7;2025-03-04;true;2025-03-04T10:00:00Z',
      ]),
      { delimiter: ';' },
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([
      {
        Artikel: 'A-1',
        Preis: 1234.56,
        Menge: 1000,
        'Gültig ab': '2024-12-31',
        Aktiv: true,
        Geändert: '2024-12-31T22:30:00.000Z',
      },
      {
        Artikel: 'A-2',
        Preis: -0.5,
        Menge: null,
        'Gültig ab': '2025-02-01',
        Aktiv: false,
        Geändert: '2025-07-01T06:00:00.000Z',
      },
      {
        Artikel: 'A-3',
        Preis: 12,
        Menge: 7,
        'Gültig ab': '2025-03-04',
        Aktiv: true,
        Geändert: '2025-03-04T10:00:00.000Z',
      },
    ]);
  });

  it('never lets PostgreSQL read a formatted file’s text itself (it would take 01/02/2024 as 2 January)', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'day', dataType: 'date', format: { pattern: 'DD/MM/YYYY' } },
      { name: 'at', dataType: 'datetime', format: { timeZone: 'America/New_York' } },
    ]);
    const job = await importJob(
      admin,
      list.id,
      csv(['id,day,at', '1,01/02/2024,2024-01-15 09:00:00', '2,03/04/2024,2024-07-15 09:00']),
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([
      { id: 1, day: '2024-02-01', at: '2024-01-15T14:00:00.000Z' },
      { id: 2, day: '2024-04-03', at: '2024-07-15T13:00:00.000Z' },
    ]);
  });

  it('reports a value that does not fit the format with its row, column and the format in plain words', async () => {
    const list = await createList(admin, workspaceId, PRICE_COLUMNS);
    const job = await importJob(
      admin,
      list.id,
      csv([
        'Artikel,Preis,Menge,Gültig ab,Aktiv,Geändert',
        'A-1,"1,5",1,12/31/2024,ja,',
        'A-2,"1.2,3",1,31.12.2024,vielleicht,',
      ]),
    );
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => [e.row, e.column, e.value, e.message, e.remediation])).toEqual([
      [
        2,
        'Gültig ab',
        '12/31/2024',
        'Row 2: "Gültig ab" "12/31/2024" is not a date written as DD.MM.YYYY.',
        'Write dates like 31.12.2024 (DD.MM.YYYY), or as YYYY-MM-DD. "Gültig ab" expects DD.MM.YYYY, like 31.12.2024.',
      ],
      [
        3,
        'Preis',
        '1.2,3',
        'Row 3: "Preis" "1.2,3" is not a number in the list’s format.',
        'This column writes numbers like 1.234.567,89 (a decimal comma, thousands grouped with dots). "Preis" expects a decimal comma, thousands grouped with dots, like 1.234.567,89.',
      ],
      [
        3,
        'Aktiv',
        'vielleicht',
        'Row 3: "Aktiv" "vielleicht" is not one of the words this column uses for yes and no.',
        'Use "ja" or "nein" (or true / false). "Aktiv" expects “ja” for yes, “nein” for no.',
      ],
    ]);
    expect(await allContents(admin, list.id)).toEqual([]);
  });

  it('reads row edits’ text in the format and JSON numbers as numbers', async () => {
    const list = await createList(admin, workspaceId, PRICE_COLUMNS);
    const edit = await admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, {
      items: [
        {
          Artikel: 'T',
          Preis: '1.234',
          Menge: '',
          'Gültig ab': '05.06.2024',
          Aktiv: 'nein',
          Geändert: '05.06.2024 12:00',
        },
        {
          Artikel: 'N',
          Preis: 1.234,
          Menge: 2,
          'Gültig ab': '2024-06-05',
          Aktiv: true,
          Geändert: '2024-06-05T10:00:00Z',
        },
      ],
    });
    expect(edit.status, edit.text).toBe(200);
    expect(
      (await allContents(admin, list.id)).map((r) => [r.Artikel, r.Preis, r.Menge, r['Gültig ab'], r.Geändert]),
    ).toEqual([
      ['N', 1.234, 2, '2024-06-05', '2024-06-05T10:00:00.000Z'],
      ['T', 1234, null, '2024-06-05', '2024-06-05T10:00:00.000Z'],
    ]);
  });

  it('refuses a format that does not fit its column with 400 and a message naming the column', async () => {
    const response = await admin.post('/api/v1/lists', {
      name: uniqueName('Bad format'),
      workspaceId,
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'when', dataType: 'date', format: { pattern: 'DD/MM' } },
        { name: 'zone', dataType: 'datetime', format: { timeZone: 'Atlantis/Capital' } },
      ],
    });
    expectApiError(response, 400);
    expect(response.body.details.join(' ')).toMatch(/Column "when": A date column's format needs a pattern/);
    expect(response.body.details.join(' ')).toMatch(/"Atlantis\/Capital" is not a time zone/);
  });

  it('lets formats change while the list is empty, and answers 409 once it has records', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'born', dataType: 'date' },
    ]);
    const columns = [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'born', dataType: 'date', format: { pattern: 'MM/DD/YYYY' } },
    ];
    const changed = await admin.put(`/api/v1/lists/${list.id}`, { columns });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.columns[1].format).toEqual({ pattern: 'MM/DD/YYYY' });
    expect((await importJob(admin, list.id, csv(['id,born', '1,12/31/2024']))).state).toBe('completed');
    // The same columns again is no change; another format is.
    expect((await admin.put(`/api/v1/lists/${list.id}`, { columns })).status).toBe(200);
    const refused = await admin.put(`/api/v1/lists/${list.id}`, {
      columns: [columns[0], { ...columns[1], format: { pattern: 'DD/MM/YYYY' } }],
    });
    expectApiError(refused, 409);
  });
});

describe('empty numbers (rule 3)', () => {
  it('refuses empty numbers in columns created without `required`, as the List Data API always did', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'amount', dataType: 'number' },
    ]);
    expect(list.columns[1].required).toBe(true);
    const job = await importJob(admin, list.id, csv(['id,amount', '1,', '2,  ']));
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => e.message)).toEqual([
      'Row 2: "amount" is empty, but it is required.',
      'Row 3: "amount" is empty, but it is required.',
    ]);
  });

  it('stores an empty value of a number column made optional as empty (null), through import and row edits', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'amount', dataType: 'number', required: false },
      { name: 'count', dataType: 'integer', required: false },
    ]);
    expect(list.columns.map((c) => c.required)).toEqual([true, false, false]);
    const job = await importJob(admin, list.id, csv(['id,amount,count', '1,,', '2,2.5,', '3, ,4']));
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(await allContents(admin, list.id)).toEqual([
      { id: 1, amount: null, count: null },
      { id: 2, amount: 2.5, count: null },
      { id: 3, amount: null, count: 4 },
    ]);
    const edit = await admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, { items: [{ id: 2, amount: '' }] });
    expect(edit.status, edit.text).toBe(200);
    expect((await allContents(admin, list.id))[1]).toEqual({ id: 2, amount: null, count: null });
  });
});
