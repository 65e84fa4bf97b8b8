import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import { ReviewDataset } from './dataset';
import { compileFileValueReaders, proposeFileFormats } from './file-formats';

const column = (name: string, dataType: ListColumn['dataType'], extra: Partial<ListColumn> = {}): ListColumn =>
  ({ name, dataType, isKey: false, required: false, position: 1, keyPosition: null, ...extra }) as ListColumn;

const COLUMNS = [
  column('id', 'integer', { isKey: true, required: true }),
  column('ordered', 'date'),
  column('amount', 'number'),
  column('paid', 'boolean'),
  column('note', 'string'),
];

describe('proposeFileFormats', () => {
  it('proposes day/month when a day past 12 settles it, decimal commas and ja/nein, nothing for text', () => {
    const records = [
      ['1', '31/12/2024', '1.234,50', 'ja', 'x'],
      ['2', '01/02/2024', '-7,5', 'nein', 'y'],
      ['3', '2024-03-04', '', 'ja', 'z'],
    ];
    const [id, ordered, amount, paid, note] = proposeFileFormats(COLUMNS, records, [0, 1, 2, 3, 4]);
    expect(id).toBeNull();
    expect(note).toBeNull();
    expect(ordered!.values).toBe(3);
    expect(ordered!.listReads).toBe(1);
    expect(ordered!.ambiguous).toBeUndefined();
    expect(ordered!.options[ordered!.proposed!]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 3 });
    expect(amount!.values).toBe(2);
    expect(amount!.options[amount!.proposed!]!.format).toMatchObject({ decimalSeparator: ',' });
    expect(paid!.options[paid!.proposed!]).toMatchObject({ format: { trueWords: ['ja'], falseWords: ['nein'] } });
  });

  it('asks when every date reads both ways, with values read both ways', () => {
    const [, ordered] = proposeFileFormats(
      COLUMNS,
      [
        ['1', '01/02/2024'],
        ['2', '03/04/2024'],
      ],
      [0, 1, null, null, null],
    );
    expect(ordered!.proposed).toBeUndefined();
    const { first, second, examples } = ordered!.ambiguous!;
    const patterns = [ordered!.options[first]!.format, ordered!.options[second]!.format].map((f) =>
      f && 'pattern' in f ? f.pattern : undefined,
    );
    expect(patterns.sort()).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(examples[0]!.value).toBe('01/02/2024');
    expect([examples[0]!.first, examples[0]!.second].sort()).toEqual(['2024-01-02', '2024-02-01']);
  });

  it('says nothing when the list reads every value, or the column is not in the file', () => {
    expect(proposeFileFormats(COLUMNS, [['1', '2024-01-02', '1.5', 'true', '']], [0, 1, 2, 3, null])).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(proposeFileFormats(COLUMNS, [['1', '31/12/2024']], [0, null, null, null, null])[1]).toBeNull();
  });

  it('offers a way that reads most values even when a few are wrong, without calling it complete', () => {
    const records = Array.from({ length: 10 }, (_, i) => [String(i), i === 9 ? 'soon' : `${13 + i}/01/2024`]);
    const [, ordered] = proposeFileFormats(COLUMNS, records, [0, 1, null, null, null]);
    expect(ordered!.proposed).toBeUndefined();
    expect(ordered!.options[0]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 9 });
  });

  it('shows the first value each way cannot read, so the person sees what would be left to fix', () => {
    const records = Array.from({ length: 10 }, (_, i) => [
      String(i),
      i === 7 ? 'n/a' : i === 8 ? 'soon' : `${13 + i}/01/2024`,
    ]);
    const [, ordered] = proposeFileFormats(COLUMNS, records, [0, 1, null, null, null]);
    expect(ordered).toMatchObject({ values: 10, listReads: 0, listUnread: '13/01/2024' });
    expect(ordered!.options[0]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 8, unread: 'n/a' });
  });

  it('has no value to show for a way that reads them all', () => {
    const records = Array.from({ length: 5 }, (_, i) => [String(i), `${13 + i}/01/2024`]);
    const [, ordered] = proposeFileFormats(COLUMNS, records, [0, 1, null, null, null]);
    expect(ordered!.options[ordered!.proposed!]!.unread).toBeUndefined();
  });

  it('offers nothing for words no way reads ("N/A"), and still offers a way when one such value is readable', () => {
    const amounts = Array.from({ length: 2000 }, (_, i) => [String(i), '', i % 10 === 9 ? 'N/A' : `${i}.25`]);
    expect(proposeFileFormats(COLUMNS, amounts, [0, null, 2, null, null])[2]).toBeNull();
    const commas = amounts.map(([id, , amount], i) => [id!, '', i % 10 === 9 ? 'N/A' : amount!.replace('.', ',')]);
    const [, , amount] = proposeFileFormats(COLUMNS, commas, [0, null, 2, null, null]);
    expect(amount!.options[0]).toMatchObject({ format: { decimalSeparator: ',' }, reads: 1800 });
  });
});

describe('reading the file in the chosen ways', () => {
  it('writes values canonically for review and upload, keeps unreadable ones as written', () => {
    const readers = compileFileValueReaders(COLUMNS, [
      null,
      { pattern: 'DD/MM/YYYY' },
      { decimalSeparator: ',', thousandsSeparator: '.' },
      { trueWords: ['x'], falseWords: [''] },
    ]);
    // The list's own way needs no reader: its values go to review as written.
    expect(readers[0]).toBeUndefined();
    expect(readers[4]).toBeUndefined();
    expect([readers[1]!('31/12/2024'), readers[2]!('1.234,5'), readers[3]!('x')]).toEqual([
      '2024-12-31',
      '1234.5',
      'true',
    ]);
    expect(readers[1]!('31.12.2024')).toBe('31.12.2024');
    expect(readers[2]!('')).toBe('');
    expect(readers[3]!('')).toBe('false');
  });

  it('gives the review dataset canonical values, so the server’s own checks pass', () => {
    const raw = {
      headers: ['id', 'ordered'],
      records: [
        ['1', '31/12/2024'],
        ['2', '13/01/2024'],
      ],
      firstFileRows: Int32Array.from([2, 3]),
    };
    const columns = COLUMNS.slice(0, 2);
    const plain = new ReviewDataset(columns, raw, [0, 1]);
    expect(plain.stats().errorRowCount).toBe(2);
    const read = new ReviewDataset(columns, raw, [0, 1], [null, { pattern: 'DD/MM/YYYY' }]);
    expect(read.stats().errorRowCount).toBe(0);
    expect(read.getRows(0, 2, false).map((r) => r.values[1])).toEqual(['2024-12-31', '2024-01-13']);
  });
});

describe('what the person types, in a column written another way', () => {
  const columns = [column('id', 'integer', { isKey: true, required: true }), column('joined', 'date')];
  const raw = () => ({
    headers: ['id', 'joined'],
    records: [
      ['1', '31/12/2024'],
      ['2', '13/13/2024'],
      ['3', '32/01/2024'],
    ],
    firstFileRows: Int32Array.from([2, 3, 4]),
  });
  const make = () => new ReviewDataset(columns, raw(), [0, 1], [null, { pattern: 'DD/MM/YYYY' }]);
  const joined = (d: ReviewDataset) => d.getRows(0, 3, false).map((r) => r.values[1]);
  const upload = (d: ReviewDataset) => [...d.toCsvParts()].join('');

  it('explains an impossible date in the column’s own way, and offers no other way of reading it', () => {
    const dataset = make();
    const [, bad, badDay] = dataset.getRows(0, 3, false);
    expect(bad!.problems[0]).toMatchObject({
      message: '"13/13/2024" is not a real calendar date: there is no month 13.',
      remediation: 'Check the day and month: months go from 1 to 12.',
    });
    expect(badDay!.problems[0]!.remediation).toBe('Check the day and month: this day does not exist.');
    const [group] = dataset.problemGroups();
    expect(group!.explanation).toBe(
      '“joined” holds DD/MM/YYYY, like 31/12/2024. Check the day and month: months go from 1 to 12.',
    );
    expect(group!.formats).toEqual([]);
  });

  it('reads an edit as the file’s values are read, uploads the canonical date, and undoes back to the typo', () => {
    const dataset = make();
    dataset.editCell(1, 1, '13/12/2024');
    expect(joined(dataset)).toEqual(['2024-12-31', '2024-12-13', '32/01/2024']);
    expect(dataset.getRows(1, 1, false)[0]!.problems).toEqual([]);
    expect(upload(dataset)).toContain('2,2024-12-13');
    // Written canonically it reads the same (every way reads YYYY-MM-DD); a typo stays as typed, explained.
    dataset.editCell(2, 1, '2024-01-31');
    dataset.editCell(0, 1, '31/02/2024');
    expect(joined(dataset)).toEqual(['31/02/2024', '2024-12-13', '2024-01-31']);
    expect(dataset.getRows(0, 1, false)[0]!.problems[0]!.remediation).toBe(
      'Check the day and month: this day does not exist.',
    );
    dataset.undo();
    dataset.undo();
    dataset.undo();
    expect(joined(dataset)).toEqual(['2024-12-31', '13/13/2024', '32/01/2024']);
    dataset.redo();
    expect(joined(dataset)).toEqual(['2024-12-31', '2024-12-13', '32/01/2024']);
    expect(dataset.stats().errorRowCount).toBe(1);
  });

  it('reads find & replace results and a group’s one value the same way', () => {
    const dataset = make();
    expect(dataset.replaceAll('13/13', '13/11', { column: 1 })).toBe(1);
    expect(joined(dataset)[1]).toBe('2024-11-13');
    expect(dataset.historyState().undo).toBe('replace “13/13”');
    const [group] = dataset.problemGroups();
    dataset.applyGroupFix({ group: group!.id, action: 'replace', value: '01/02/2024' });
    expect(joined(dataset)).toEqual(['2024-12-31', '2024-11-13', '2024-02-01']);
    expect(dataset.stats().errorRowCount).toBe(0);
    expect(dataset.historyState().undo).toBe('replace problem cells in “joined” with “01/02/2024”');
    expect(upload(dataset)).toBe('id,joined\r\n1,2024-12-31\r\n2,2024-11-13\r\n3,2024-02-01\r\n');
  });
});

describe('a workbook’s date and number cells among text written another way', () => {
  // As the worker reads a sheet for the list's types: date cells as YYYY-MM-DD, number cells as
  // numbers, and the cells Excel kept as text as they were typed.
  const records = [
    ['1', '2024-03-04', '31/12/2024', '0.125'],
    ['2', '2024-03-05', '01/02/2024', '2.5'],
    ['3', '13/01/2024', '2024-06-07', '1.234,5'],
    ['4', '2024-03-06', '2024-06-08', '7'],
  ];
  const typedCells = new Map([
    [1, Uint8Array.from([1, 1, 0, 1])],
    [2, Uint8Array.from([0, 0, 1, 1])],
    [3, Uint8Array.from([1, 1, 0, 1])],
  ]);
  const columns = [
    column('id', 'integer', { isKey: true, required: true }),
    column('ordered', 'date'),
    column('shipped', 'date'),
    column('amount', 'number'),
  ];
  const mapping = [0, 1, 2, 3];
  const source = () => ({
    headers: ['id', 'ordered', 'shipped', 'amount'],
    records,
    firstFileRows: Int32Array.from([2, 3, 4, 5]),
    typedCells,
  });

  it('offers the way the text cells are written, reading every value, as for a CSV file', () => {
    const [, ordered, shipped, amount] = proposeFileFormats(columns, records, mapping, typedCells);
    expect(ordered).toMatchObject({ values: 4, listReads: 3, listUnread: '13/01/2024' });
    expect(ordered!.options[ordered!.proposed!]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 4 });
    // "01/02/2024" alone reads both ways; "31/12/2024" beside it says day/month.
    expect(shipped!.ambiguous).toBeUndefined();
    expect(shipped!.options[shipped!.proposed!]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, reads: 4 });
    expect(amount!.options[amount!.proposed!]).toMatchObject({
      format: { decimalSeparator: ',', thousandsSeparator: '.' },
      reads: 4,
    });
  });

  it('asks when the text cells read both ways', () => {
    const ambiguous = records.map((r, i) => [r[0]!, i === 2 ? '01/02/2024' : r[1]!]);
    const [, ordered] = proposeFileFormats(columns.slice(0, 2), ambiguous, [0, 1], typedCells);
    expect(ordered!.proposed).toBeUndefined();
    expect(ordered!.ambiguous!.examples[0]!.value).toBe('01/02/2024');
    const { first, second } = ordered!.ambiguous!;
    const patterns = [ordered!.options[first]!, ordered!.options[second]!].map((o) =>
      o.format && 'pattern' in o.format ? `${o.format.pattern} ${o.reads}` : undefined,
    );
    expect(patterns.sort()).toEqual(['DD/MM/YYYY 4', 'MM/DD/YYYY 4']);
  });

  it('reads the text cells the chosen way for review and leaves the cells’ own values alone', () => {
    const plain = new ReviewDataset(columns, source(), mapping);
    expect(plain.stats().errorRowCount).toBe(3);
    const read = new ReviewDataset(columns, source(), mapping, [
      null,
      { pattern: 'DD/MM/YYYY' },
      { pattern: 'DD/MM/YYYY' },
      { decimalSeparator: ',', thousandsSeparator: '.' },
    ]);
    expect(read.stats().errorRowCount).toBe(0);
    expect(read.getRows(0, 4, false).map((r) => r.values)).toEqual([
      ['1', '2024-03-04', '2024-12-31', '0.125'],
      ['2', '2024-03-05', '2024-02-01', '2.5'],
      ['3', '2024-01-13', '2024-06-07', '1234.5'],
      ['4', '2024-03-06', '2024-06-08', '7'],
    ]);
  });
});
