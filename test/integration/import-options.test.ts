import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace } from '../support/api';
import { allContents, csv, expectApiError, importJob } from '../support/list-helpers';

/** The import's `encoding` and `delimiter=auto` options, and the messages a mis-read file gets. */

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

const STATION_COLUMNS = [
  { name: 'id_station', dataType: 'string', isKey: true },
  { name: 'nom', dataType: 'string' },
  { name: 'puissance', dataType: 'number', format: { decimalSeparator: ',' } },
];

/** The French charging-points export's shape: ';', every value quoted, a decimal comma. */
function stations(count: number): string {
  return csv([
    '"id_station";"nom";"puissance"',
    ...Array.from({ length: count }, (_, i) => `"FR*${i}";"Station ""${i}"" Besançon";"22,${i % 10}"`),
  ]);
}

describe('delimiter=auto and header hints', () => {
  it('detects the delimiter and says on the job which one it used', async () => {
    const list = await createList(admin, workspaceId, STATION_COLUMNS);
    const job = await importJob(admin, list.id, stations(5), { delimiter: 'auto' });
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
    expect(job).toMatchObject({ delimiter: ';', results: { rowsRead: 5 } });
    expect((await allContents(admin, list.id))[0]).toEqual({
      id_station: 'FR*0',
      nom: 'Station "0" Besançon',
      puissance: 22,
    });
  });

  it('says "looks separated by ;" instead of a false "the file is empty", however long the file', async () => {
    for (const rows of [50, 882]) {
      const list = await createList(admin, workspaceId, STATION_COLUMNS);
      const job = await importJob(admin, list.id, stations(rows));
      expect(job.state).toBe('failed');
      expect(job.errors).toHaveLength(1);
      expect(job.errors[0]!.message).toMatch(
        /^The file looks separated by semicolon \(;\), not comma \(,\): the file's header/,
      );
      expect(job.errors[0]!.remediation).toBe(
        'Send delimiter=; with the import (or delimiter=auto to detect it), or import in the browser, which detects it.',
      );
    }
  });

  it('refuses a delimiter that is neither one character nor auto', async () => {
    const list = await createList(admin, workspaceId, STATION_COLUMNS);
    expectApiError(await admin.upload(list.id, stations(1), { delimiter: 'semicolon' }), 400);
  });
});

describe('encoding', () => {
  const text = 'id_station;nom;puissance\r\nFR*1;Élodie à Besançon;7,5\r\nFR*2;Nîmes;11\r\n';

  it('reads Windows-1252, ISO-8859-1 and UTF-16 files when told (BOMs honoured)', async () => {
    const encodings: [string, Uint8Array][] = [
      ['windows-1252', Buffer.from(text, 'latin1')],
      ['iso-8859-1', Buffer.from(text, 'latin1')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ];
    for (const [encoding, bytes] of encodings) {
      const list = await createList(admin, workspaceId, STATION_COLUMNS);
      const job = await importJob(admin, list.id, bytes, { encoding, delimiter: ';' });
      expect(job.state, `${encoding}: ${JSON.stringify(job.errors)}`).toBe('completed');
      expect(job).toMatchObject({ encoding });
      expect((await allContents(admin, list.id)).map((r) => r.nom)).toEqual(['Élodie à Besançon', 'Nîmes']);
    }
    // A UTF-16 file with its byte-order mark needs no option.
    const list = await createList(admin, workspaceId, STATION_COLUMNS);
    const job = await importJob(admin, list.id, encodings[2]![1], { delimiter: ';' });
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
  });

  it('names the row and column of the first byte that is not UTF-8, and the encoding option', async () => {
    const list = await createList(admin, workspaceId, STATION_COLUMNS);
    const job = await importJob(admin, list.id, Buffer.from(text, 'latin1'), { delimiter: ';' });
    expect(job.state).toBe('failed');
    expect(job.errors[0]).toMatchObject({ row: 2, column: 'nom' });
    expect(job.errors[0]!.message).toMatch(/^Row 2, column "nom": the file is not valid UTF-8 text/);
    expect(job.errors[0]!.remediation).toMatch(/encoding=windows-1252/);
  });

  it('refuses an encoding it does not know', async () => {
    const list = await createList(admin, workspaceId, STATION_COLUMNS);
    const refused = await admin.upload(list.id, text, { encoding: 'klingon' });
    expectApiError(refused, 400);
    expect(JSON.stringify(refused.body)).toMatch(
      /encoding must be one of utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1/,
    );
  });
});

describe('lists of rows say "and N more"', () => {
  it('gives the first 20 rows of a repeated key and how many more', async () => {
    const list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'n', dataType: 'integer' },
    ]);
    const job = await importJob(
      admin,
      list.id,
      csv(['id,n', ...Array.from({ length: 25 }, (_, i) => `7,${i}`), '8,1']),
    );
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => e.message)).toEqual([
      `The key id = "7" appears more than once in the file (rows ${Array.from({ length: 20 }, (_, i) => i + 2).join(', ')} and 5 more).`,
    ]);
  });
});
