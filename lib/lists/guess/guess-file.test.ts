import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { PROBLEM_CODES } from '@/lib/csv/problem';
import { compileValueReader, describeFormat } from '@/lib/formats/column-format';

import { columnsInputSchema } from '../columns';
import { guessFile } from './guess-file';

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'real-world');

async function guessOf(file: string, options = {}) {
  return guessFile(() => createReadStream(path.join(FIXTURES, file)), options);
}

function text(content: string) {
  return async function* () {
    yield new TextEncoder().encode(content);
  };
}

describe('guessFile over the real-world corpus', () => {
  it('proposes valid columns for every file, with a complete and unique key', async () => {
    const files = (await fs.readdir(FIXTURES)).filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'));
    expect(files).toHaveLength(32);
    for (const file of files) {
      const guess = await guessOf(file);
      expect(columnsInputSchema.safeParse(guess.columns).success, file).toBe(true);
      expect(guess.notes, file).toEqual([]);
      expect(guess.keyCandidates[0], file).toEqual(guess.columns.filter((c) => c.isKey).map((c) => c.name));
    }
  });

  it('reads encodings, delimiters and line ends as the file has them', async () => {
    expect(await guessOf('09-utf16-products.txt')).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      rowsRead: 30,
    });
    expect(await guessOf('26-windows-1252.csv')).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(await guessOf('23-pipe-separated.txt')).toMatchObject({ delimiter: '|', rowsRead: 30 });
    expect(await guessOf('10-cr-only.csv')).toMatchObject({ delimiter: ',', rowsRead: 25 });
    expect((await guessOf('25-quoted-multiline.csv')).rowsRead).toBe(30);
  });

  it('keeps ids that only look like numbers as text, and judges numbers on every row', async () => {
    const types = async (file: string) => (await guessOf(file)).columns.map((c) => c.dataType);
    expect(await types('01-country-codes.csv')).toEqual(['string', 'string', 'string', 'string']);
    expect(await types('18-plus-sign-codes.csv')).toEqual(['string', 'string']);
    expect(await types('20-scientific-looking-codes.csv')).toEqual(['string', 'string']);
    expect(await types('27-long-ids.csv')).toEqual(['string', 'string']);
    expect(await types('31-percent-and-currency.csv')).toEqual(['string', 'string', 'string']);
    expect((await guessOf('17-decimals-start-late.csv')).columns[1]!.dataType).toBe('number');
    const earthquakes = await guessOf('06-usgs-earthquakes.csv');
    expect(earthquakes.columns.find((c) => c.name === 'gap')).toMatchObject({ dataType: 'integer', required: false });
    expect(earthquakes.columns.find((c) => c.name === 'time')).toMatchObject({ dataType: 'datetime' });
  });

  it('proposes formats: decimal commas, day.month dates, ja/nein, Excel days in a date column, US amounts', async () => {
    const formats = async (file: string) => (await guessOf(file)).columns.map((c) => c.format ?? null);
    expect(await formats('12-preisliste-de.csv')).toEqual([
      null,
      null,
      { decimalSeparator: ',', thousandsSeparator: '.' },
      { pattern: 'DD.MM.YYYY' },
      { trueWords: ['ja'], falseWords: ['nein'] },
    ]);
    expect((await formats('14-excel-serial-dates.csv'))[1]).toEqual({ pattern: 'excel-serial' });
    expect((await formats('13-us-sales.csv')).slice(1)).toEqual([
      { pattern: 'MM/DD/YYYY' },
      null,
      { decimalSeparator: '.', thousandsSeparator: ',' },
    ]);
    expect((await formats('22-ja-nein-x.csv'))[2]).toEqual({ trueWords: ['x'], falseWords: [''] });
  });

  it('prefers a named key, takes a pair when no column is unique, and never a measurement', async () => {
    expect((await guessOf('32-customers.csv')).keyCandidates[0]).toEqual(['Customer ID']);
    expect((await guessOf('04-population.csv')).keyCandidates[0]).toEqual(['Country Code', 'Year']);
    expect((await guessOf('05-exchange-rates.csv')).keyCandidates[0]).toEqual(['Date', 'Country']);
    expect((await guessOf('28-stations.csv')).keyCandidates[0]).toEqual(['station', 'reading_time']);
  });
});

describe('guessFile on small inputs', () => {
  it('reads plain numbers as dates only where a word of the name says dates, not "consolidated"', async () => {
    // Columns of data.gouv.fr's charging points file (IRVE), as csv-detective keeps it:
    // https://github.com/datagouv/csv-detective/blob/d10c5d5931853c388989c2a606c03d5afd167266/test_files/irve.csv
    const irve = [
      'id_pdc_itinerance,date_mise_en_service,consolidated_code_postal,consolidated_commune',
      'DKMONE3785709,2024-11-28,32390,Montestruc-sur-Gers',
      'DKMONE4353290,2024-11-27,31670,Labège',
      'DKMONE4388412,2024-12-04,30190,Sainte-Anastasie',
      'DKMONE4388415,2024-12-04,,',
    ];
    const guess = await guessFile(text(irve.join('\n') + '\n'));
    expect(guess.columns[1]).toMatchObject({ dataType: 'date' });
    expect(guess.columns[2]).toMatchObject({ name: 'consolidated_code_postal', dataType: 'integer' });
    expect(guess.columns[2]!.format).toBeUndefined();
    // A name that does say dates still reads Excel's day numbers.
    const invoices = await guessFile(text('invoice,InvoiceDate,Kandidaten\nA-1,45657,3\nA-2,45658,4\n'));
    expect(invoices.columns[1]).toMatchObject({ dataType: 'date', format: { pattern: 'excel-serial' } });
    expect(invoices.columns[2]).toMatchObject({ dataType: 'integer' });
  });

  it('says so when no column or pair is a key, and proposes the first column', async () => {
    // (Rows repeated in full are another case, below: their key is judged on the other rows.)
    const guess = await guessFile(text('a,b\n1,\n1,x\n'));
    expect(guess.repeatedRows).toBe(0);
    expect(guess.columns[0]).toMatchObject({ name: 'a', isKey: true, keyPosition: 1 });
    expect(guess.notes[0]).toMatch(/No column, nor pair of columns/);
  });

  it('never proposes as the key a column empty on every row (the French land-values file)', async () => {
    // The first lines of DVF 2025 (data.gouv.fr's "Demandes de valeurs foncières"), as csv-detective keeps them:
    // https://github.com/datagouv/csv-detective/blob/d10c5d5931853c388989c2a606c03d5afd167266/test_files/ValeursFoncieres-2025-S1.txt
    const dvf = [
      'Identifiant de document|Reference document|1 Articles CGI|2 Articles CGI|3 Articles CGI|4 Articles CGI|5 Articles CGI|No disposition|Date mutation|Nature mutation|Valeur fonciere|No voie|B/T/Q|Type de voie|Code voie|Voie|Code postal|Commune|Code departement|Code commune|Prefixe de section|Section|No plan|No Volume|1er lot|Surface Carrez du 1er lot|2eme lot|Surface Carrez du 2eme lot|3eme lot|Surface Carrez du 3eme lot|4eme lot|Surface Carrez du 4eme lot|5eme lot|Surface Carrez du 5eme lot|Nombre de lots|Code type local|Type local|Identifiant local|Surface reelle bati|Nombre pieces principales|Nature culture|Nature culture speciale|Surface terrain',
      '|||||||000001|07/01/2025|Vente|468000,00||||B078|FARGES|1550|FARGES|01|158||B|815||||||||||||0||||||J||78',
      '|||||||000001|07/01/2025|Vente|468000,00|454||RUE|0090|DE LA REPUBLIQUE|1550|FARGES|01|158||B|910||||||||||||0|1|Maison||111|5|S||133',
      '|||||||000001|07/01/2025|Vente|468000,00|454||RUE|0090|DE LA REPUBLIQUE|1550|FARGES|01|158||B|910||||||||||||0|3|Dépendance||0|0|S||133',
      '|||||||000001|06/01/2025|Vente|180000,00||||B158|LE VILLAGE|1200|MONTANGES|01|257||AC|334||||||||||||0||||||S||46',
    ];
    const guess = await guessFile(text(dvf.join('\n') + '\n'));
    expect(guess.columns[0]).toMatchObject({ name: 'Identifiant de document', isKey: false, emptyValues: 4 });
    const key = guess.columns.find((c) => c.isKey)!;
    expect(key).toMatchObject({ name: 'No disposition', emptyValues: 0 });
    expect(guess.notes.at(-1)).toContain('"No disposition" is proposed as the key');
  });

  it('says when the first line looks like a title above the header (a Destatis GENESIS export)', async () => {
    // The top of table 46251-0021 (cars by district), its first 9 columns, as jvalue/jayvee quotes it:
    // https://github.com/jvalue/jayvee/blob/b4d8003590f7f64b3dcb4a72e4666fe0a54ffb3e/rfc/0001-cell-ranges/README.md
    const genesis = [
      'GENESIS-Tabelle: 46251-0021',
      'Personenkraftwagen: Kreise, Stichtag, Kraftstoffarten,;;;;;;;;',
      'Emissionsgruppen;;;;;;;;',
      ';;;Benzin;Benzin;Benzin;Benzin;Benzin;Benzin',
      ';;;Euro 1;Euro 2;Euro 3;Euro 4;Euro 5;Euro 6 (ohne 6d und 6d-temp)',
      '01.01.2022;01001;Flensburg, kreisfreie Stadt;259;1190;1208;7640;5700;6173',
    ];
    const guess = await guessFile(text(genesis.join('\r\n') + '\r\n'), { delimiter: ';' });
    expect(guess.notes[0]).toBe(
      'The first line names one column only ("GENESIS-Tabelle: 46251-0021"), but the rows below it fill 9 columns: it looks like a title above the header. The first line of a file is its header: delete the lines above the header (in a spreadsheet or a text editor), then choose the file again.',
    );
    // A file of one column, or a header with an empty name beside named ones, is no title.
    expect((await guessFile(text('email\na@example.com\nb@example.com\n'))).notes).toEqual([]);
    expect((await guessFile(text('id,,name\n1,x,Ann\n2,y,Bo\n'))).notes).toEqual([]);
  });

  it('leaves out lines of delimiters only', async () => {
    const guess = await guessFile(text('sku;price;note\nA-1;1,50;x\n;;\nA-2;2,50;\n;;\n;;\n'));
    expect(guess.rowsRead).toBe(2);
    expect(guess.columns[0]).toMatchObject({ name: 'sku', isKey: true, required: true, emptyValues: 0 });
    expect(guess.columns[1]).toMatchObject({ dataType: 'number', required: true, emptyValues: 0 });
    expect(guess.columns[2]).toMatchObject({ required: false, emptyValues: 1 });
  });

  it('does not propose columns with no name and no value (the reported file)', async () => {
    const guess = await guessFile(
      text('sku;price;qty;valid_from;note;;\nA-1;1,50;2;31/12/2024;x;;\nA-2;2,50;3;01/01/2025;;;\n;;;;;;\n;;;;;;\n'),
    );
    expect(guess.columns.map((c) => c.name)).toEqual(['sku', 'price', 'qty', 'valid_from', 'note']);
    expect(guess.rowsRead).toBe(2);
    expect(guess.columns[0]).toMatchObject({ isKey: true, required: true, emptyValues: 0 });
    expect(guess.columns[4]).toMatchObject({ required: false, emptyValues: 1 });
    expect(guess.keyCandidates[0]).toEqual(['sku']);
  });

  it('proposes an unnamed column that has a value, and one of spaces (an import would refuse them otherwise)', async () => {
    const guess = await guessFile(text('a,,b,,\n1,x,2,,\n2,,3, ,\n'));
    expect(guess.columns.map((c) => c.name)).toEqual(['a', 'Column 2', 'b', 'Column 4']);
  });

  it('proposes a name the header repeats once, then numbered, so the list can be created (frictionless-py data)', async () => {
    const guess = await guessFile(text('id,name,id,age,ID,id 2\n1101,John,0,30,001101,a\n1102,Julie,0,26,001102,b\n'));
    expect(guess.columns.map((c) => c.name)).toEqual(['id', 'name', 'id 3', 'age', 'ID 4', 'id 2']);
    expect(columnsInputSchema.safeParse(guess.columns).success).toBe(true);
    expect(guess.notes).toContainEqual(expect.stringMatching(/"id" to more than one column.*import steps/));
    expect(guess.repeatedNames).toEqual(['id']);
  });

  it('judges the key on the rows a file does not repeat in full, and says how many it repeats', async () => {
    // Shaped like csvkit's ks_1033_data.csv: "state" is KS on every row, whole rows repeat, and only
    // three columns together tell the other rows apart.
    const copy = 'KS,ALLEN,1005-00-073-9421,RIFLE,1,5/19/2006';
    const file = [
      'state,county,nsn,item_name,quantity,ship_date',
      copy,
      copy,
      copy,
      copy,
      'KS,ALLEN,1005-00-073-9421,RIFLE,1,6/1/2007',
      'KS,ANDERSON,1005-00-073-9421,RIFLE,1,5/19/2006',
      'KS,ANDERSON,2320-01-107-7155,TRUCK,1,5/19/2006',
      copy,
    ].join('\n');
    const guess = await guessFile(text(file));
    expect(guess.repeatedRows).toBe(4);
    expect(guess.keyCandidates[0]).toEqual(['county', 'nsn', 'ship_date']);
    expect(guess.columns.filter((c) => c.isKey).map((c) => [c.name, c.keyPosition])).toEqual([
      ['county', 1],
      ['nsn', 2],
      ['ship_date', 3],
    ]);
    expect(columnsInputSchema.safeParse(guess.columns).success).toBe(true);
    expect(guess.notes).toEqual([
      '4 rows repeat another row in full: a list keeps one record per key, so they are imported through the import steps, which show the copies and delete the later ones in one go (the first of each stays). Together, "county", "nsn", "ship_date" tell the 4 different rows apart: proposed as the key.',
    ]);
  });

  it('proposes a wider key of text columns before a narrower one with a price in it', async () => {
    const row1 = 'A,s1,north,red,1.5';
    const file = [
      'sku,shop,region,color,price',
      row1,
      'A,s1,north,blue,2.5',
      'A,s1,south,red,3.5',
      'B,s1,north,red,4.5',
      row1,
    ];
    const guess = await guessFile(text(file.join('\n')));
    expect(guess.repeatedRows).toBe(1);
    // sku + price would tell the rows apart too, but a price is a measure, not a name for a record.
    expect(guess.keyCandidates[0]).toEqual(['sku', 'region', 'color']);
    // Only a price tells these apart: then it is proposed.
    const priced = await guessFile(text('shop,price\ns1,1.5\ns1,2.5\ns1,1.5\n'));
    expect(priced.keyCandidates[0]).toEqual(['shop', 'price']);
  });

  it('proposes a single column that is unique but for rows repeated in full', async () => {
    const guess = await guessFile(text('id,name\n1,Ada\n2,Grace\n1,Ada\n'));
    expect(guess.keyCandidates[0]).toEqual(['id']);
    expect(guess.repeatedRows).toBe(1);
    expect(guess.notes[0]).toMatch(/^1 row repeats another row in full: .* "id" tells the 2 different rows apart/);
    const same = await guessFile(text('id,name\n1,Ada\n1,Ada\n'));
    expect(same.notes[0]).toMatch(/ \(the first of each stays\)\. "id" is proposed as the key\.$/);
  });

  it('finds a pair among the rows not repeated in full, or says there is no key', async () => {
    const guess = await guessFile(text('a,b\nx,1\nx,1\nx,2\ny,1\n'));
    expect(guess.repeatedRows).toBe(1);
    expect(guess.keyCandidates[0]).toEqual(['a', 'b']);
    // A blank in the only column: no key, and both things said.
    const none = await guessFile(text('a,b\nx,\nx,\nx,1\n'));
    expect(none.repeatedRows).toBe(1);
    expect(none.keyCandidates).toEqual([]);
    expect(none.notes).toEqual([
      expect.stringMatching(/^1 row repeats another row in full: .*the first of each stays\)\.$/),
      expect.stringMatching(/^No column, nor pair of columns/),
    ]);
  });

  it('names the repeated header names when no single column is a key and pairs are checked again', async () => {
    const guess = await guessFile(text('city,city,n\nA,x,1\nA,y,1\nB,x,1\n'));
    expect(guess.keyCandidates[0]).toEqual(['city', 'city 2']);
    expect(guess.repeatedNames).toEqual(['city']);
    expect(guess.notes).toContainEqual(expect.stringMatching(/"city" to more than one column/));
  });

  it('honours a given delimiter and encoding', async () => {
    const guess = await guessFile(text('a;b\n1;2\n'), { delimiter: ',', encoding: 'iso-8859-1' });
    expect(guess).toMatchObject({ delimiter: ',', encoding: 'iso-8859-1' });
    expect(guess.columns.map((c) => c.name)).toEqual(['a;b']);
  });

  it('refuses an empty file in plain words', async () => {
    await expect(guessFile(text(''))).rejects.toMatchObject({ problem: { message: expect.stringMatching(/empty/) } });
  });

  it('takes a header of 500 columns and refuses one of 501 before profiling any column', async () => {
    const wide = (n: number) => {
      const names = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
      const row = Array.from({ length: n }, () => '0').join(',');
      return text(`${names}\n${row}\n${row}\n`);
    };
    expect((await guessFile(wide(500))).columns).toHaveLength(500);
    await expect(guessFile(wide(501))).rejects.toMatchObject({
      problem: {
        errorCode: PROBLEM_CODES.tooManyColumns,
        message: 'The file has 501 columns; a list can have at most 500.',
        remediation: expect.stringMatching(/delimiter/),
      },
    });
  });
});

describe('guessFile: ISO dates mixed with ISO dates and times', () => {
  it('names the ISO layout the file uses, a time optional, not a day/month layout', async () => {
    const values = ['2024-03-01', '2024-03-01T10:00:00', '2024-03-02 08:30', '2024-03-03'];
    const guess = await guessFile(text(`id,changed\n${values.map((v, i) => `${i + 1},${v}`).join('\n')}\n`));
    const changed = guess.columns.find((c) => c.name === 'changed')!;
    expect(changed).toMatchObject({ dataType: 'datetime', format: { pattern: 'YYYY-MM-DD HH:MM:SS' } });
    expect(changed.ambiguity).toBeUndefined();
    expect(describeFormat('datetime', changed.format)).toMatch(/^YYYY-MM-DD HH:MM:SS, like 2024-12-31 14:05:00/);
    expect(columnsInputSchema.safeParse(guess.columns).success).toBe(true);
    // Read as before (a day is its midnight, a time without a zone is UTC): only the name changed.
    const read = compileValueReader('datetime', changed.format);
    expect(values.map((v) => read(v))).toEqual([
      { ok: true, value: '2024-03-01T00:00:00Z' },
      { ok: true, value: '2024-03-01T10:00:00Z' },
      { ok: true, value: '2024-03-02T08:30:00Z' },
      { ok: true, value: '2024-03-03T00:00:00Z' },
    ]);
  });

  it('still proposes no format for ISO dates and times that all have a time', async () => {
    const guess = await guessFile(text('id,changed\n1,2024-03-01T10:00:00Z\n2,2024-03-02 08:30:00\n'));
    expect(guess.columns[1]).toMatchObject({ dataType: 'datetime' });
    expect(guess.columns[1]!.format).toBeUndefined();
  });
});

describe('guessFile: 1.000 in a column of whole numbers', () => {
  it('reads it as a thousand where the file writes decimals with a comma, and says it could be 1', async () => {
    const guess = await guessFile(
      text('sku;price;qty;valid_from\nB-1;1.234,56;12;31/12/2024\nB-2;7,50;1.000;01/02/2025\nB-3;2,00;3;15/03/2025\n'),
    );
    const qty = guess.columns.find((c) => c.name === 'qty');
    expect(qty).toMatchObject({
      dataType: 'number',
      format: { decimalSeparator: ',', thousandsSeparator: '.' },
      ambiguity: { alternative: undefined, examples: [{ value: '1.000', proposed: '1000', alternative: '1' }] },
    });
  });

  it('reads it as a decimal where nothing says otherwise, and says it could be a thousand', async () => {
    const guess = await guessFile(text('sku,qty\nB-1,12\nB-2,1.000\nB-3,3\n'));
    const qty = guess.columns.find((c) => c.name === 'qty');
    expect(qty).toMatchObject({
      dataType: 'number',
      ambiguity: {
        alternative: { decimalSeparator: ',', thousandsSeparator: '.' },
        examples: [{ value: '1.000', proposed: '1', alternative: '1000' }],
      },
    });
    expect(qty?.format).toBeUndefined();
  });
});

describe('guessFile: a value late in a long file that does not fit its column', () => {
  /** 5,000 rows of whole numbers, decimals, ISO dates and ambiguous day/month dates; the last row as given. */
  function fileEndingWith(last: string) {
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `${i + 1};${i}.25;2024-03-${String(1 + (i % 28)).padStart(2, '0')};0${1 + (i % 9)}/0${1 + ((i * 7) % 9)}/2021`,
    );
    return text(`n;amount;day;when\n${rows.join('\n')}\n${last}\n`);
  }
  const typesOf = async (last: string) =>
    (await guessFile(fileEndingWith(last))).columns.map((c) => [c.dataType, c.format ?? null]);

  it('judges every column on every row, the last one included', async () => {
    expect(await typesOf('5001;1.5;2024-03-01;01/02/2021')).toEqual([
      ['integer', null],
      ['number', null],
      ['date', null],
      ['date', { pattern: 'DD/MM/YYYY' }],
    ]);
    expect(await typesOf('n/a;n/a;soon;later')).toEqual([
      ['string', null],
      ['string', null],
      ['string', null],
      ['string', null],
    ]);
    // The formats that read the earlier values are still weighed over the whole column.
    expect(await typesOf('1,5;7,25;2024-02-30;31/12/2021')).toEqual([
      ['number', { decimalSeparator: ',' }],
      ['number', { decimalSeparator: ',' }],
      ['string', null],
      ['date', { pattern: 'DD/MM/YYYY' }],
    ]);
    const [, , day, when] = await typesOf('5001;1.5;2024-03-01 10:00:00;12/31/2021');
    expect(day).toEqual(['datetime', { pattern: 'YYYY-MM-DD HH:MM:SS', timeZone: 'Etc/UTC' }]);
    expect(when).toEqual(['date', { pattern: 'MM/DD/YYYY' }]);
  });
});
