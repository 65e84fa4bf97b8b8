import { describe, expect, it } from 'vitest';

import { columnsInputSchema, normalizeColumns } from '@/lib/lists/columns';
import { fileColumnLabels } from '@/lib/lists/file-columns';
import { autoMap } from '@/lib/lists/mapping';

import { ReviewDataset } from './dataset';
import { proposeFileFormats } from './file-formats';

/** A file that heads two columns "City" (C and F), and a list with one City. */
const HEADERS = ['id', 'name', 'City', 'zip', 'since', 'City'];
const RECORDS = [
  ['1', 'Ann', 'Lyon', '69001', '2024-01-31', 'Paris'],
  ['2', 'Bo', 'Nice', '06000', '2024-02-29', 'Lille'],
];
const COLUMNS = normalizeColumns(
  columnsInputSchema.parse([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
    { name: 'City', dataType: 'string' },
  ]),
);

function dataset(mapping: (number | null)[]): ReviewDataset {
  const firstFileRows = Int32Array.from(RECORDS.map((_, r) => r + 2));
  return new ReviewDataset(COLUMNS, { headers: HEADERS, records: RECORDS, firstFileRows }, mapping);
}

describe('a file with two columns named alike', () => {
  it('maps the later columns of a repeated name to the list columns New list proposed for them ("id 2")', () => {
    // frictionless-py data/duplicate-headers.csv; New list proposes id, name, id 2, age, id 3.
    const headers = ['id', 'name', 'id', 'age', 'id'];
    const columns = normalizeColumns(
      columnsInputSchema.parse(
        ['id', 'name', 'id 2', 'age', 'id 3'].map((name, i) => ({ name, dataType: 'string', isKey: i === 0 })),
      ),
    );

    expect(autoMap(headers, columns)).toEqual({ mapping: [0, 1, 2, 3, 4], kinds: Array(5).fill('exact') });
  });

  it('maps the first "City" by name, and the second one when the person chooses it by its label', () => {
    expect(autoMap(HEADERS, COLUMNS).mapping).toEqual([0, 1, 2]);
    const second = fileColumnLabels(HEADERS).indexOf('City (column F)');
    expect(second).toBe(5);

    const reviewed = dataset([0, 1, second]);
    expect(reviewed.getRows(0, 2, false).map((r) => r.values)).toEqual([
      ['1', 'Ann', 'Paris'],
      ['2', 'Bo', 'Lille'],
    ]);
    // What is uploaded is the second column's values, under the list's one "City".
    expect([...reviewed.toCsvParts()].join('')).toBe('id,name,City\r\n1,Ann,Paris\r\n2,Bo,Lille\r\n');
  });

  it('writes an edit of the second "City" back to it in the left-out rows, the first one untouched', () => {
    const reviewed = dataset([0, 1, 5]);
    reviewed.beginChange();
    reviewed.editCell(0, 0, 'x');
    reviewed.editCell(0, 2, 'Marseille');
    reviewed.endChange();
    expect([...reviewed.leftOutCsvParts()].join('')).toMatch(
      /^id,name,City,zip,since,City,Problems\r\nx,Ann,Lyon,69001,2024-01-31,Marseille,/,
    );
  });

  it('judges how the file writes the column mapped, not the first of its name', () => {
    // A file headed id, since, since: the list's dates are in the second "since".
    const dates = normalizeColumns(
      columnsInputSchema.parse([
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'since', dataType: 'date' },
      ]),
    );
    const records = [['1', '31/01/2024', '2024-01-31']];
    expect(proposeFileFormats(dates, records, [0, 2])).toEqual([null, null]);
    expect(proposeFileFormats(dates, records, [0, 1])[1]).toMatchObject({ values: 1, listReads: 0 });
  });
});
