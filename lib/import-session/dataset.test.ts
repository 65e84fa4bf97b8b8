import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { PROBLEM_CODES } from '@/lib/csv/problem';
import { columnsInputSchema, normalizeColumns, type ColumnInput } from '@/lib/lists/columns';
import { keyIdentity } from '@/lib/lists/key-identity';
import type { ColumnMapping } from '@/lib/lists/mapping';
import { compileRecordValidator } from '@/lib/lists/record-validator';
import { type ListColumn } from '@/lib/shared/list-column';

import { ReviewDataset } from './dataset';
import type { ReviewRow } from './review-types';

function listColumns(input: ColumnInput[]): ListColumn[] {
  return normalizeColumns(columnsInputSchema.parse(input));
}

/** The list most tests import into: an integer key, a required text, an optional boolean and date. */
const PEOPLE = listColumns([
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string', required: true },
  { name: 'active', dataType: 'boolean' },
  { name: 'born', dataType: 'date' },
]);
const ID = 0;
const NAME = 1;
const ACTIVE = 2;
const BORN = 3;

/** A clean record of PEOPLE, with some values changed. */
function person(id: string, changes: { name?: string; active?: string; born?: string } = {}): string[] {
  return [id, changes.name ?? `Person ${id}`, changes.active ?? 'true', changes.born ?? '1990-05-17'];
}

/**
 * A dataset of a file whose header is its row 1: record r is file row r + 2 unless `fileRows` says
 * otherwise (a quoted line break makes gaps). The file's columns are the list's unless told.
 */
function review(
  records: string[][],
  options: { columns?: ListColumn[]; headers?: string[]; mapping?: ColumnMapping; fileRows?: number[] } = {},
): ReviewDataset {
  const columns = options.columns ?? PEOPLE;
  const headers = options.headers ?? columns.map((c) => c.name);
  const mapping = options.mapping ?? columns.map((_, i) => i);
  const firstFileRows = Int32Array.from(options.fileRows ?? records.map((_, r) => r + 2));
  return new ReviewDataset(columns, { headers, records, firstFileRows }, mapping);
}

function allRows(dataset: ReviewDataset): ReviewRow[] {
  return dataset.getRows(0, dataset.size, false);
}

function problemRows(dataset: ReviewDataset): ReviewRow[] {
  return dataset.getRows(0, dataset.size, true);
}

/** The row read from file record `index` (it keeps its index after deletes). */
function row(dataset: ReviewDataset, index: number): ReviewRow {
  const found = allRows(dataset).find((r) => r.index === index);
  if (!found) throw new Error(`no visible row with index ${index}`);
  return found;
}

function problemColumns(r: ReviewRow): number[] {
  return r.problems.map((p) => p.column);
}

function sorted(numbers: readonly number[] | null): number[] | null {
  return numbers === null ? null : [...numbers].sort((a, b) => a - b);
}

/**
 * Recomputes from the visible values what every count and flag must be — cell problems with the
 * server's validator, duplicates by grouping the valid key values as PostgreSQL compares them
 * (keyIdentity of the canonical values) — and compares it with what the
 * dataset reports through stats, getRows in both modes and duplicateOf. Row-level problems
 * (column -1, a ragged row) are taken as reported: the values alone cannot tell them.
 */
function expectBookkeeping(dataset: ReviewDataset): void {
  const columns = dataset.columns;
  const validator = compileRecordValidator(columns);
  const keyIndexes = columns.flatMap((c, i) => (c.isKey ? [i] : []));
  const rows = allRows(dataset);
  expect(rows.map((r) => r.index)).toEqual([...rows.map((r) => r.index)].sort((a, b) => a - b));

  const keyOf = (r: ReviewRow) => {
    const parts: string[] = [];
    for (const k of keyIndexes) {
      const result = validator.checkValue(k, r.values[k]!, r.fileRow);
      if ('problem' in result || !result.value) return undefined;
      parts.push(keyIdentity(columns[k]!.dataType, result.value));
    }
    return JSON.stringify(parts);
  };
  const holders = new Map<string, ReviewRow[]>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key !== undefined) holders.set(key, [...(holders.get(key) ?? []), r]);
  }

  let cellErrorCount = 0;
  let duplicateKeyRows = 0;
  const errorsByColumn = columns.map(() => 0);
  const withProblems: number[] = [];
  for (const r of rows) {
    const badColumns = r.values.flatMap((value, c) =>
      'problem' in validator.checkValue(c, value, r.fileRow) ? [c] : [],
    );
    expect(
      problemColumns(r).filter((c) => c >= 0),
      `cell problems of file row ${r.fileRow}`,
    ).toEqual(badColumns);
    for (const c of badColumns) errorsByColumn[c]!++;
    cellErrorCount += r.problems.length;
    const key = keyOf(r);
    const others = key === undefined ? [] : holders.get(key)!.filter((o) => o !== r);
    expect(sorted(r.duplicateOf), `duplicateOf of file row ${r.fileRow}`).toEqual(
      others.length > 0 ? others.map((o) => o.fileRow) : null,
    );
    if (others.length > 0) duplicateKeyRows++;
    if (r.problems.length > 0 || others.length > 0) withProblems.push(r.index);
  }

  expect(dataset.stats()).toEqual({
    rowCount: rows.length,
    errorRowCount: withProblems.length,
    cellErrorCount,
    errorsByColumn,
    duplicateKeyRows,
  });
  expect(dataset.size).toBe(rows.length);
  expect(problemRows(dataset).map((r) => r.index)).toEqual(withProblems);
}

describe('ReviewDataset: reading a file', () => {
  it('finds no problem in a clean file', () => {
    const dataset = review([person('1'), person('2', { active: 'false' }), person('3', { born: '2024-02-29' })]);

    expect(dataset.size).toBe(3);
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(allRows(dataset)).toEqual([
      { index: 0, fileRow: 2, values: ['1', 'Person 1', 'true', '1990-05-17'], problems: [], duplicateOf: null },
      { index: 1, fileRow: 3, values: ['2', 'Person 2', 'false', '1990-05-17'], problems: [], duplicateOf: null },
      { index: 2, fileRow: 4, values: ['3', 'Person 3', 'true', '2024-02-29'], problems: [], duplicateOf: null },
    ]);
    expect(problemRows(dataset)).toEqual([]);
    expect(dataset.nextProblem(-1, false)).toBeNull();
    expect(dataset.nextProblem(-1, true)).toBeNull();
  });

  it('accepts values the server accepts but stores differently (spaces, YES, empty optional values)', () => {
    // None of these is valid "as is", so each row takes the per-cell path: it must find nothing either.
    const dataset = review([
      [' 7 ', 'Ann', 'YES', ' 2024-01-05 '],
      ['+8', ' ', 'n', ''],
      ['9', 'Cy', '', '   '],
    ]);

    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expectBookkeeping(dataset);
  });

  it('reports every bad cell of every row with its column, counted per column', () => {
    const dataset = review([
      person('x1'),
      person('2'),
      person('3', { active: 'maybe', born: '2024-02-30' }),
      person('', { name: '' }),
      person('5', { born: '31/12/2024' }),
    ]);

    expect(problemColumns(row(dataset, 0))).toEqual([ID]);
    expect(problemColumns(row(dataset, 1))).toEqual([]);
    expect(problemColumns(row(dataset, 2))).toEqual([ACTIVE, BORN]);
    expect(problemColumns(row(dataset, 3))).toEqual([ID, NAME]);
    expect(problemColumns(row(dataset, 4))).toEqual([BORN]);
    expect(dataset.stats()).toEqual({
      rowCount: 5,
      errorRowCount: 4,
      cellErrorCount: 6,
      errorsByColumn: [2, 1, 1, 2],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.fileRow)).toEqual([2, 4, 5, 6]);
    expectBookkeeping(dataset);
  });

  it("words each problem as the server's validator does, without the row number the grid already shows", () => {
    const dataset = review([person('1'), person('x1'), person('', { name: '' })], { fileRows: [2, 3, 7] });
    const validator = compileRecordValidator(PEOPLE);
    const serverSays = (column: number, value: string, fileRow: number) => {
      const result = validator.checkValue(column, value, fileRow);
      if (!('problem' in result)) throw new Error('expected a problem');
      return result.problem;
    };

    expect(row(dataset, 1).problems).toEqual([
      {
        column: ID,
        code: serverSays(ID, 'x1', 3).errorCode,
        message: serverSays(ID, 'x1', 3).message.replace('Row 3: "id" ', ''),
        remediation: expect.any(String),
      },
    ]);
    expect(row(dataset, 2).fileRow).toBe(7);
    expect(row(dataset, 2).problems[0]!.message).toBe('"id" is empty, but it is a key column.');
    expect(row(dataset, 2).problems[0]!.remediation).toBe('Enter a whole number in "id", or remove the row.');
    expect(row(dataset, 2).problems[1]!.message).toBe('"name" is empty, but it is required.');
    for (const p of [...row(dataset, 1).problems, ...row(dataset, 2).problems]) {
      expect(`${p.message} ${p.remediation}`).not.toMatch(/Row \d|on row/);
    }
  });

  it('says what a type problem expects once, not in the message and again in the remediation', () => {
    const dataset = review([person('1', { born: '31/12/2024' })]);
    const [problem] = row(dataset, 0).problems;
    expect(problem!.message).toBe('"31/12/2024" is not a date in the form YYYY-MM-DD.');
    expect(problem!.remediation).toBe('Write dates as year-month-day, for example 2024-03-31.');
  });

  it('reports a record with more or fewer values than the header as a row problem (column -1), before its cell problems', () => {
    const dataset = review([person('1'), ['2', 'Bo', 'true'], ['3', 'Cy', 'false', '2000-01-01', 'extra'], ['4']]);

    const short = row(dataset, 1);
    expect(short.values).toEqual(['2', 'Bo', 'true', '']);
    expect(short.problems).toEqual([
      {
        column: -1,
        code: 1020,
        message: 'This row has 3 values, but the header has 4 columns: values may be in the wrong columns.',
        remediation: 'Check this row for a missing or extra delimiter, then correct its values or delete the row.',
        rowSummary: 'Row 3: 1 value fewer than the header',
      },
    ]);
    const long = row(dataset, 2);
    expect(long.values).toEqual(['3', 'Cy', 'false', '2000-01-01']);
    expect(long.problems.map((p) => [p.column, p.message])).toEqual([
      [
        -1,
        'This row has 5 values, but the header has 4 columns: the value “extra” past the last column is not shown, and values may be in the wrong columns.',
      ],
    ]);
    expect(long.problems[0]!.remediation).toMatch(/editing the row drops the values past the last column/);
    // Missing values are empty: a required one is a cell problem of its own.
    expect(problemColumns(row(dataset, 3))).toEqual([-1, NAME]);

    // A row problem counts as a problem of its row, not of any column.
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 3,
      cellErrorCount: 4,
      errorsByColumn: [0, 1, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([1, 2, 3]);
    expectBookkeeping(dataset);
  });

  it("counts a record's values against the file's header, not against the list's columns", () => {
    const headers = ['id', 'name', 'active', 'born', 'notes'];
    const dataset = review([[...person('1'), 'a note'], person('2')], { headers, mapping: [0, 1, 2, 3] });

    expect(row(dataset, 0).problems).toEqual([]);
    expect(row(dataset, 0).values).toEqual(person('1'));
    expect(problemColumns(row(dataset, 1))).toEqual([-1]);
    expect(row(dataset, 1).problems[0]!.message).toBe(
      'This row has 4 values, but the header has 5 columns: values may be in the wrong columns.',
    );
  });

  it("puts the file's values in the list's column order and leaves a list column without a file column empty", () => {
    const headers = ['Born', 'Notes', 'Name', 'ID'];
    const mapping: ColumnMapping = [3, 2, null, 0];
    const dataset = review(
      [
        ['1999-12-31', 'first', 'Ann', '7'],
        ['2001-02-03', 'second', 'Bo', '8'],
      ],
      { headers, mapping },
    );

    expect(allRows(dataset).map((r) => r.values)).toEqual([
      ['7', 'Ann', '', '1999-12-31'],
      ['8', 'Bo', '', '2001-02-03'],
    ]);
    expect(dataset.stats().errorRowCount).toBe(0);
    expect([...dataset.toCsvParts()].join('')).toBe('id,name,active,born\r\n7,Ann,,1999-12-31\r\n8,Bo,,2001-02-03\r\n');
    expectBookkeeping(dataset);
  });

  it('reports every row when a required list column has no file column', () => {
    const dataset = review([['1'], ['2']], { headers: ['id'], mapping: [0, null, null, null] });

    expect(allRows(dataset).map(problemColumns)).toEqual([[NAME], [NAME]]);
    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 2,
      cellErrorCount: 2,
      errorsByColumn: [0, 2, 0, 0],
      duplicateKeyRows: 0,
    });
  });

  it('holds an empty file', () => {
    const dataset = review([]);

    expect(dataset.stats()).toEqual({
      rowCount: 0,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(dataset.getRows(0, 10, false)).toEqual([]);
    expect(dataset.nextProblem(-1, false)).toBeNull();
    expect([...dataset.toCsvParts()]).toEqual(['id,name,active,born\r\n']);
  });
});

describe('ReviewDataset: duplicate keys', () => {
  it('flags both rows sharing a key, each pointing at the other', () => {
    const dataset = review([person('1'), person('2'), person('1', { name: 'Other' }), person('3')]);

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([[4], null, [2], null]);
    expect(row(dataset, 0).problems).toEqual([]);
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 2,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 2,
    });
    expect(problemRows(dataset).map((r) => r.fileRow)).toEqual([2, 4]);
    expectBookkeeping(dataset);
  });

  it('counts every row sharing a key: three rows with one key are three duplicate-key rows', () => {
    const dataset = review([person('5'), person('1'), person('5'), person('2'), person('5')]);

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([[4, 6], null, [2, 6], null, [2, 4]]);
    expect(dataset.stats().duplicateKeyRows).toBe(3);
    expect(dataset.stats().errorRowCount).toBe(3);
    expectBookkeeping(dataset);
  });

  it('adds up separate duplicated keys', () => {
    const dataset = review([person('1'), person('2'), person('1'), person('2'), person('2'), person('3')]);

    expect(dataset.stats().duplicateKeyRows).toBe(5);
    expect(row(dataset, 0).duplicateOf).toEqual([4]);
    expect(row(dataset, 1).duplicateOf).toEqual([5, 6]);
    expect(row(dataset, 5).duplicateOf).toBeNull();
    expectBookkeeping(dataset);
  });

  it('names the other rows by their file row numbers, not by record position', () => {
    const dataset = review([person('1'), person('2'), person('1')], { fileRows: [2, 3, 9] });

    expect(row(dataset, 0).duplicateOf).toEqual([9]);
    expect(row(dataset, 2).duplicateOf).toEqual([2]);
  });

  it('with a key of two columns, counts only rows sharing the combination', () => {
    const columns = listColumns([
      { name: 'country', dataType: 'string', isKey: true },
      { name: 'code', dataType: 'integer', isKey: true },
      { name: 'label', dataType: 'string' },
    ]);
    const dataset = review(
      [
        ['DE', '1', 'a'],
        ['DE', '2', 'b'],
        ['FR', '1', 'c'],
        ['DE', '1', 'd'],
        // Not the same combination, though the values put together read the same.
        ['A', '11', 'e'],
        ['A1', '1', 'f'],
      ],
      { columns },
    );

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([[5], null, null, [2], null, null]);
    expect(dataset.stats().duplicateKeyRows).toBe(2);
    expectBookkeeping(dataset);
  });

  it('with a key of two columns, does not track a row with either key value empty', () => {
    const columns = listColumns([
      { name: 'country', dataType: 'string', isKey: true },
      { name: 'code', dataType: 'integer', isKey: true },
    ]);
    const dataset = review(
      [
        ['DE', ''],
        ['DE', ''],
        ['', '1'],
        ['', '1'],
      ],
      { columns },
    );

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([null, null, null, null]);
    expect(dataset.stats()).toMatchObject({
      errorRowCount: 4,
      cellErrorCount: 4,
      errorsByColumn: [2, 2],
      duplicateKeyRows: 0,
    });
  });

  it('compares typed keys after trimming spaces, as their parsers do, and text keys as written, as the server stores them', () => {
    const dataset = review([person(' 7'), person('7 '), person('8')]);
    expect(dataset.stats().duplicateKeyRows).toBe(2);
    expect(row(dataset, 0).duplicateOf).toEqual([3]);

    const columns = listColumns([{ name: 'code', dataType: 'string', isKey: true }]);
    const text = review([['A'], [' A '], ['a'], ['A']], { columns });
    expect(allRows(text).map((r) => r.duplicateOf)).toEqual([[5], null, null, [2]]);
    expectBookkeeping(dataset);
    expectBookkeeping(text);
  });

  // The stage the server loads into holds the key as bigint, so 7, 07 and +7 are one key there:
  // a file this calls clean is one the server refuses with "appears more than once in the file".
  it('compares integer keys by value, as the server does (7, 07 and +7 are one key)', () => {
    const dataset = review([person('7'), person('07'), person('+7'), person('8')]);

    expect(dataset.stats().duplicateKeyRows).toBe(3);
    expect(row(dataset, 0).duplicateOf).toEqual([3, 4]);
  });

  it('does not take rows with an empty key for duplicates of each other', () => {
    const dataset = review([person(''), person('  '), person(''), person('1')]);

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([null, null, null, null]);
    expect(allRows(dataset).map(problemColumns)).toEqual([[ID], [ID], [ID], []]);
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 3,
      cellErrorCount: 3,
      errorsByColumn: [3, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expectBookkeeping(dataset);
  });

  // The server looks for duplicates among the records it could read, so an invalid key is one problem, not two.
  it('flags invalid key values that repeat as invalid only', () => {
    const dataset = review([person('abc'), person('abc'), person('1')]);

    expect(allRows(dataset).map(problemColumns)).toEqual([[ID], [ID], []]);
    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([null, null, null]);
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 2,
      cellErrorCount: 2,
      errorsByColumn: [2, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expectBookkeeping(dataset);
  });
});

describe('ReviewDataset: editing cells', () => {
  it("leaves the file's records as read: a row shares its record only until its first change", () => {
    const records = [person('1'), person('2')];
    const dataset = review(records);
    dataset.editCell(0, NAME, 'Ann');
    dataset.replaceAll('true', 'false', { column: ACTIVE, wholeCell: true });
    expect(records).toEqual([person('1'), person('2')]);
    expect(allRows(dataset).map((r) => r.values)).toEqual([
      person('1', { name: 'Ann', active: 'false' }),
      person('2', { active: 'false' }),
    ]);
  });

  it("clears the duplicate on both rows when one duplicate's key becomes unique", () => {
    const dataset = review([person('1'), person('2'), person('1')]);

    dataset.editCell(2, ID, '3');

    expect(row(dataset, 0).duplicateOf).toBeNull();
    expect(row(dataset, 2).duplicateOf).toBeNull();
    expect(row(dataset, 2).values[ID]).toBe('3');
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(dataset.getRows(0, 10, true)).toEqual([]);
    expect(dataset.nextProblem(-1, false)).toBeNull();
    expectBookkeeping(dataset);
  });

  it('creates a duplicate when a unique key is edited to collide', () => {
    const dataset = review([person('1'), person('2'), person('3')]);

    dataset.editCell(2, ID, '1');

    expect(allRows(dataset).map((r) => r.duplicateOf)).toEqual([[4], null, [2]]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 0, duplicateKeyRows: 2 });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([0, 2]);
    expectBookkeeping(dataset);
  });

  it('keeps the counts when a key is edited to the value it already has', () => {
    const dataset = review([person('1'), person('1'), person('1'), person('2')]);

    dataset.editCell(1, ID, '1');
    dataset.editCell(0, NAME, 'Renamed');
    dataset.editCell(3, ID, '2');

    expect(dataset.stats()).toMatchObject({ errorRowCount: 3, duplicateKeyRows: 3 });
    expectBookkeeping(dataset);
  });

  it('moves a row in and out of a group of three', () => {
    const dataset = review([person('1'), person('1'), person('1'), person('2')]);

    dataset.editCell(1, ID, '9');
    expect(dataset.stats().duplicateKeyRows).toBe(2);
    expect(row(dataset, 0).duplicateOf).toEqual([4]);
    expect(row(dataset, 1).duplicateOf).toBeNull();
    expectBookkeeping(dataset);

    dataset.editCell(1, ID, '1');
    expect(dataset.stats().duplicateKeyRows).toBe(3);
    expect(sorted(row(dataset, 1).duplicateOf)).toEqual([2, 4]);
    expectBookkeeping(dataset);
  });

  it('moves a row from one duplicated key to another', () => {
    const dataset = review([person('1'), person('1'), person('2'), person('2')]);
    expect(dataset.stats().duplicateKeyRows).toBe(4);

    dataset.editCell(1, ID, '2');

    expect(row(dataset, 0).duplicateOf).toBeNull();
    expect(sorted(row(dataset, 1).duplicateOf)).toEqual([4, 5]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 3, duplicateKeyRows: 3 });
    expectBookkeeping(dataset);
  });

  it('stops tracking a key edited to empty, which is a problem of its own', () => {
    const dataset = review([person('1'), person('1')]);

    dataset.editCell(1, ID, ' ');

    expect(row(dataset, 0).duplicateOf).toBeNull();
    expect(row(dataset, 1).duplicateOf).toBeNull();
    expect(problemColumns(row(dataset, 1))).toEqual([ID]);
    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 1,
      cellErrorCount: 1,
      errorsByColumn: [1, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expectBookkeeping(dataset);
  });

  it('clears a problem and its column count when the bad value is corrected, and adds them when a good value is broken', () => {
    const dataset = review([
      person('1', { born: '2024-13-01', active: 'maybe' }),
      person('2', { born: 'soon' }),
      person('3'),
    ]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 3, errorsByColumn: [0, 0, 1, 2] });

    dataset.editCell(0, BORN, '2024-12-01');
    expect(problemColumns(row(dataset, 0))).toEqual([ACTIVE]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 2, errorsByColumn: [0, 0, 1, 1] });

    dataset.editCell(0, ACTIVE, 'no');
    expect(row(dataset, 0).problems).toEqual([]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 1, cellErrorCount: 1, errorsByColumn: [0, 0, 0, 1] });

    dataset.editCell(2, NAME, '');
    expect(problemColumns(row(dataset, 2))).toEqual([NAME]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 2, errorsByColumn: [0, 1, 0, 1] });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([1, 2]);
    expectBookkeeping(dataset);
  });

  it('keeps a row with problems while it is still invalid or still duplicated', () => {
    const dataset = review([person('5'), person('5', { born: '2024-02-30' }), person('6')]);
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 2,
      cellErrorCount: 1,
      errorsByColumn: [0, 0, 0, 1],
      duplicateKeyRows: 2,
    });

    dataset.editCell(1, BORN, '2024-02-29');
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 2,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 2,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([0, 1]);

    dataset.editCell(1, ID, '7');
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expectBookkeeping(dataset);
  });

  it('keeps an invalid row after its duplicate key is resolved', () => {
    const dataset = review([person('5'), person('5', { born: '2024-02-30' }), person('6')]);

    dataset.editCell(1, ID, '7');

    expect(row(dataset, 1).duplicateOf).toBeNull();
    expect(problemColumns(row(dataset, 1))).toEqual([BORN]);
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 1,
      cellErrorCount: 1,
      errorsByColumn: [0, 0, 0, 1],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([1]);
    expectBookkeeping(dataset);
  });

  it('ignores an edit of a deleted row', () => {
    const dataset = review([person('1'), person('2')]);
    dataset.deleteRows([1]);

    dataset.editCell(1, ID, '1');
    dataset.editCell(1, BORN, 'never');

    expect(dataset.stats()).toEqual({
      rowCount: 1,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect([...dataset.toCsvParts()].join('')).toBe('id,name,active,born\r\n1,Person 1,true,1990-05-17\r\n');
  });
});

describe('ReviewDataset: deleting rows', () => {
  it('clears the duplicate of the row left when one of two duplicates is deleted', () => {
    const dataset = review([person('1'), person('2'), person('1')]);

    dataset.deleteRows([0]);

    expect(row(dataset, 2).duplicateOf).toBeNull();
    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset)).toEqual([]);
    expectBookkeeping(dataset);
  });

  it('leaves two rows flagged when one of three duplicates is deleted', () => {
    const dataset = review([person('1'), person('1'), person('2'), person('1')]);

    dataset.deleteRows([1]);

    expect(row(dataset, 0).duplicateOf).toEqual([5]);
    expect(row(dataset, 3).duplicateOf).toEqual([2]);
    expect(dataset.stats()).toMatchObject({ rowCount: 3, errorRowCount: 2, duplicateKeyRows: 2 });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([0, 3]);
    expectBookkeeping(dataset);
  });

  it("frees a deleted row's key for another row", () => {
    const dataset = review([person('1'), person('2')]);

    dataset.deleteRows([0]);
    dataset.editCell(1, ID, '1');

    expect(row(dataset, 1).duplicateOf).toBeNull();
    expect(dataset.stats().duplicateKeyRows).toBe(0);
    expectBookkeeping(dataset);
  });

  it('lowers the counts when an invalid row is deleted', () => {
    const dataset = review([
      person('x'),
      person('2', { active: 'maybe', born: 'later' }),
      person('3', { born: 'later' }),
    ]);
    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 3,
      cellErrorCount: 4,
      errorsByColumn: [1, 0, 1, 2],
      duplicateKeyRows: 0,
    });

    dataset.deleteRows([1]);

    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 2,
      cellErrorCount: 2,
      errorsByColumn: [1, 0, 0, 1],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([0, 2]);
    expectBookkeeping(dataset);
  });

  it('lowers the counts when a ragged row is deleted', () => {
    const dataset = review([person('1'), ['2', 'Bo'], ['3']]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 3, errorsByColumn: [0, 1, 0, 0] });

    dataset.deleteRows([2]);

    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 1,
      cellErrorCount: 1,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([1]);
  });

  it('counts nothing twice when a row is deleted again or listed twice', () => {
    const dataset = review([person('1'), person('1'), person('1', { born: 'bad' }), person('2', { born: 'bad' })]);

    dataset.deleteRows([2, 2]);
    dataset.deleteRows([2]);

    expect(dataset.stats()).toEqual({
      rowCount: 3,
      errorRowCount: 3,
      cellErrorCount: 1,
      errorsByColumn: [0, 0, 0, 1],
      duplicateKeyRows: 2,
    });
    expectBookkeeping(dataset);
  });

  it('pages through the rows left, which keep their index and file row', () => {
    const dataset = review(Array.from({ length: 10 }, (_, i) => person(String(i + 1))));

    dataset.deleteRows([0, 3, 4, 9]);

    expect(dataset.stats().rowCount).toBe(6);
    expect(dataset.size).toBe(6);
    expect(dataset.getRows(0, 2, false).map((r) => [r.index, r.fileRow])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(dataset.getRows(2, 3, false).map((r) => r.index)).toEqual([5, 6, 7]);
    expect(dataset.getRows(5, 10, false).map((r) => r.index)).toEqual([8]);
    expect(dataset.getRows(6, 10, false)).toEqual([]);
  });

  it('deletes every row', () => {
    const dataset = review([person('1'), person('1'), person('x')]);

    dataset.deleteRows([0, 1, 2]);

    expect(dataset.stats()).toEqual({
      rowCount: 0,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });
    expect(dataset.nextProblem(-1, false)).toBeNull();
    expect([...dataset.toCsvParts()]).toEqual(['id,name,active,born\r\n']);
  });
});

describe('ReviewDataset: rows with problems and nextProblem', () => {
  it('lists rows with cell problems and duplicated rows together, in file order', () => {
    // File rows 5 and 2 share a key, file row 3 has a bad date.
    const dataset = review([
      person('10'),
      person('11', { born: '2024-02-30' }),
      person('12'),
      person('10'),
      person('13'),
    ]);

    expect(problemRows(dataset).map((r) => r.fileRow)).toEqual([2, 3, 5]);
    expect(dataset.getRows(1, 1, true).map((r) => r.fileRow)).toEqual([3]);
    expect(dataset.getRows(2, 5, true).map((r) => r.fileRow)).toEqual([5]);
    expect(dataset.getRows(3, 5, true)).toEqual([]);
  });

  it('keeps file order as edits add problems and duplicates in any order', () => {
    const dataset = review([
      person('10'),
      person('11', { born: '2024-02-30' }),
      person('12'),
      person('10'),
      person('13'),
      person('14'),
    ]);

    dataset.editCell(5, BORN, 'bad');
    dataset.editCell(4, ID, '10');
    dataset.editCell(2, ACTIVE, 'perhaps');
    dataset.editCell(0, NAME, '');

    expect(problemRows(dataset).map((r) => r.fileRow)).toEqual([2, 3, 4, 5, 6, 7]);
    expectBookkeeping(dataset);

    dataset.editCell(1, BORN, '2024-02-28');
    dataset.editCell(3, ID, '15');
    expect(problemRows(dataset).map((r) => r.fileRow)).toEqual([2, 4, 6, 7]);
    expectBookkeeping(dataset);
  });

  it('jumps to the next row with a problem in the whole list, wrapping around', () => {
    const dataset = review([
      person('1'),
      person('x'),
      person('3'),
      person('4'),
      person('5', { born: 'bad' }),
      person('6'),
    ]);

    expect(dataset.nextProblem(-1, false)).toBe(1);
    expect(dataset.nextProblem(1, false)).toBe(4);
    expect(dataset.nextProblem(2, false)).toBe(4);
    expect(dataset.nextProblem(4, false)).toBe(1);
    expect(dataset.nextProblem(5, false)).toBe(1);
  });

  it('jumps within the rows with problems, wrapping around', () => {
    const dataset = review([
      person('1'),
      person('x'),
      person('3'),
      person('4'),
      person('5', { born: 'bad' }),
      person('1'),
    ]);

    expect(dataset.nextProblem(-1, true)).toBe(0);
    expect(dataset.nextProblem(0, true)).toBe(1);
    expect(dataset.nextProblem(2, true)).toBe(3);
    expect(dataset.nextProblem(3, true)).toBe(0);
  });

  it('jumps to positions in the list left after deletes', () => {
    const dataset = review([
      person('1'),
      person('x'),
      person('3'),
      person('4'),
      person('5', { born: 'bad' }),
      person('6'),
    ]);

    dataset.deleteRows([0]);
    // The visible rows are records 1..5: the problems are at positions 0 and 3.
    expect(dataset.nextProblem(-1, false)).toBe(0);
    expect(dataset.nextProblem(0, false)).toBe(3);
    expect(dataset.nextProblem(3, false)).toBe(0);

    dataset.deleteRows([1]);
    // Records 2..5: the one problem left is at position 2, and the jump from it comes back to it.
    expect(dataset.nextProblem(-1, false)).toBe(2);
    expect(dataset.nextProblem(2, false)).toBe(2);
    expect(dataset.nextProblem(0, true)).toBe(0);

    dataset.editCell(4, BORN, '2000-01-01');
    expect(dataset.nextProblem(-1, false)).toBeNull();
    expect(dataset.nextProblem(-1, true)).toBeNull();
  });

  it('jumps to a duplicated row as to an invalid one', () => {
    const dataset = review([person('1'), person('2'), person('3'), person('2')]);

    expect(dataset.nextProblem(-1, false)).toBe(1);
    expect(dataset.nextProblem(1, false)).toBe(3);
    expect(dataset.nextProblem(3, false)).toBe(1);
  });
});

describe('ReviewDataset: find and replace', () => {
  it('replaces text in every cell, ignoring case unless told, and returns how many cells changed', () => {
    const names = () =>
      review([
        person('1', { name: 'ann' }),
        person('2', { name: 'ANN' }),
        person('3', { name: 'Anna' }),
        person('4', { name: 'Bo' }),
      ]);

    const anyCase = names();
    expect(anyCase.replaceAll('ann', 'Kim', {})).toBe(3);
    expect(allRows(anyCase).map((r) => r.values[NAME])).toEqual(['Kim', 'Kim', 'Kima', 'Bo']);

    const matchCase = names();
    expect(matchCase.replaceAll('ann', 'Kim', { matchCase: true })).toBe(1);
    expect(allRows(matchCase).map((r) => r.values[NAME])).toEqual(['Kim', 'ANN', 'Anna', 'Bo']);

    const wholeCell = names();
    expect(wholeCell.replaceAll('ann', 'Kim', { wholeCell: true })).toBe(2);
    expect(allRows(wholeCell).map((r) => r.values[NAME])).toEqual(['Kim', 'Kim', 'Anna', 'Bo']);

    expect(names().replaceAll('', 'x', {})).toBe(0);
  });

  it('takes the search text and the replacement literally', () => {
    const dataset = review([person('1', { name: 'a.b (c)' }), person('2', { name: 'axb c' })]);

    expect(dataset.replaceAll('a.b (c)', '$1 & $&', {})).toBe(1);
    expect(allRows(dataset).map((r) => r.values[NAME])).toEqual(['$1 & $&', 'axb c']);
  });

  it('replaces in one column only when told', () => {
    const dataset = review([person('1', { name: 'x1' }), person('12', { name: 'one' })]);

    expect(dataset.replaceAll('1', '7', { column: NAME })).toBe(1);
    expect(allRows(dataset).map((r) => r.values.slice(0, 2))).toEqual([
      ['1', 'x7'],
      ['12', 'one'],
    ]);
  });

  it('revalidates the changed rows: problems fixed, problems and duplicates made', () => {
    const dataset = review([
      person('1', { born: 'unknown' }),
      person('2', { born: 'unknown' }),
      person('12'),
      person('3'),
    ]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, errorsByColumn: [0, 0, 0, 2] });

    expect(dataset.replaceAll('unknown', '', { wholeCell: true })).toBe(2);
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 0,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 0,
    });

    // 1 → '' (an empty key), 12 → 2 (a duplicate of 2), in one pass.
    expect(dataset.replaceAll('1', '', { column: ID })).toBe(2);
    expect(allRows(dataset).map((r) => r.values[ID])).toEqual(['', '2', '2', '3']);
    expect(problemColumns(row(dataset, 0))).toEqual([ID]);
    expect(row(dataset, 1).duplicateOf).toEqual([4]);
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 3,
      cellErrorCount: 1,
      errorsByColumn: [1, 0, 0, 0],
      duplicateKeyRows: 2,
    });
    expectBookkeeping(dataset);
  });

  it('merges and splits duplicated keys in one pass', () => {
    const dataset = review([person('1'), person('1'), person('2'), person('2'), person('3')]);

    // Both 1s become 2s: one group of four.
    expect(dataset.replaceAll('1', '2', { column: ID, wholeCell: true })).toBe(2);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 4, duplicateKeyRows: 4 });
    expectBookkeeping(dataset);

    // Two of them move to 3, which then has three rows; the other two stay a pair.
    dataset.editCell(0, ID, '3');
    dataset.editCell(2, ID, '3');
    expect(dataset.stats()).toMatchObject({ errorRowCount: 5, duplicateKeyRows: 5 });
    expectBookkeeping(dataset);
  });

  it('changes only the rows left after deletes', () => {
    const dataset = review([person('1', { name: 'x' }), person('2', { name: 'x' }), person('3', { name: 'x' })]);
    dataset.deleteRows([1]);

    expect(dataset.replaceAll('x', 'y', {})).toBe(2);
    expect([...dataset.toCsvParts()].join('')).toBe(
      'id,name,active,born\r\n1,y,true,1990-05-17\r\n3,y,true,1990-05-17\r\n',
    );
  });
});

describe('ReviewDataset: fixes', () => {
  it('trims and collapses spaces, and revalidates what changed', () => {
    const dataset = review([
      person(' 1 ', { name: '  Ann   Lee ' }),
      person('1'),
      person('2', { name: '   ' }),
      person('3', { born: ' 2024-01-05 ' }),
    ]);
    // Integer keys are compared as numbers (the parser trims), and a name of spaces is a name.
    expect(dataset.stats()).toMatchObject({ errorRowCount: 2, cellErrorCount: 0, duplicateKeyRows: 2 });

    expect(dataset.trimSpaces()).toBe(4);

    expect(allRows(dataset).map((r) => r.values)).toEqual([
      ['1', 'Ann Lee', 'true', '1990-05-17'],
      ['1', 'Person 1', 'true', '1990-05-17'],
      ['2', '', 'true', '1990-05-17'],
      ['3', 'Person 3', 'true', '2024-01-05'],
    ]);
    // The duplicate is still counted once per row; the emptied name is now a problem.
    expect(dataset.stats()).toEqual({
      rowCount: 4,
      errorRowCount: 3,
      cellErrorCount: 1,
      errorsByColumn: [0, 1, 0, 0],
      duplicateKeyRows: 2,
    });
    expectBookkeeping(dataset);
    expect(dataset.trimSpaces()).toBe(0);
  });

  it('trims one column only when told', () => {
    const dataset = review([person(' 1 ', { name: ' Ann ' })]);

    expect(dataset.trimSpaces(NAME)).toBe(1);
    expect(row(dataset, 0).values.slice(0, 2)).toEqual([' 1 ', 'Ann']);
  });

  it('writes yes/no words as true/false in boolean columns, clearing the problems of words the server does not know', () => {
    const dataset = review([
      person('1', { active: 'yes' }),
      person('2', { active: 'ja' }),
      person('3', { active: 'NEIN' }),
      person('4', { active: 'maybe' }),
      person('5', { active: 'true' }),
      person('6', { active: '' }),
      person('7', { active: 'Y', name: 'yes' }),
      person('8', { active: 'on' }),
    ]);
    // 'yes' and 'Y' are valid as they are; 'ja', 'NEIN', 'maybe' and 'on' are not.
    expect(dataset.stats()).toMatchObject({ errorRowCount: 4, cellErrorCount: 4, errorsByColumn: [0, 0, 4, 0] });

    expect(dataset.normalizeBooleans()).toBe(5);

    expect(allRows(dataset).map((r) => r.values[ACTIVE])).toEqual([
      'true',
      'true',
      'false',
      'maybe',
      'true',
      '',
      'true',
      'true',
    ]);
    expect(row(dataset, 6).values[NAME]).toBe('yes');
    expect(dataset.stats()).toEqual({
      rowCount: 8,
      errorRowCount: 1,
      cellErrorCount: 1,
      errorsByColumn: [0, 0, 1, 0],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([3]);
    expectBookkeeping(dataset);
  });

  it('leaves a boolean problem that was also a duplicate flagged as a duplicate only', () => {
    const dataset = review([person('1', { active: 'oui' }), person('1')]);

    dataset.normalizeBooleans();

    expect(row(dataset, 0).problems).toEqual([]);
    expect(row(dataset, 0).duplicateOf).toEqual([3]);
    expect(dataset.stats()).toEqual({
      rowCount: 2,
      errorRowCount: 2,
      cellErrorCount: 0,
      errorsByColumn: [0, 0, 0, 0],
      duplicateKeyRows: 2,
    });
  });

  it('rewrites day-first dates as YYYY-MM-DD, leaving right dates and impossible ones alone', () => {
    const dataset = review([
      person('1', { born: '31/12/2024' }),
      person('2', { born: '1.2.24' }),
      person('3', { born: '2024-01-05' }),
      person('4', { born: '31/02/2024' }),
      person('5', { born: '' }),
      person('6', { born: 'someday' }),
    ]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 4, errorsByColumn: [0, 0, 0, 4] });

    expect(dataset.normalizeDates('DMY')).toBe(2);

    expect(allRows(dataset).map((r) => r.values[BORN])).toEqual([
      '2024-12-31',
      '2024-02-01',
      '2024-01-05',
      '31/02/2024',
      '',
      'someday',
    ]);
    expect(dataset.stats()).toEqual({
      rowCount: 6,
      errorRowCount: 2,
      cellErrorCount: 2,
      errorsByColumn: [0, 0, 0, 2],
      duplicateKeyRows: 0,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([3, 5]);
    expectBookkeeping(dataset);
  });

  it('reads dates in the order the user chose', () => {
    const dates = () =>
      review([
        person('1', { born: '01/02/2024' }),
        person('2', { born: '12/31/2024' }),
        person('3', { born: '2024/12/31' }),
      ]);

    const dayFirst = dates();
    expect(dayFirst.normalizeDates('DMY')).toBe(1);
    expect(allRows(dayFirst).map((r) => r.values[BORN])).toEqual(['2024-02-01', '12/31/2024', '2024/12/31']);

    const monthFirst = dates();
    expect(monthFirst.normalizeDates('MDY')).toBe(2);
    expect(allRows(monthFirst).map((r) => r.values[BORN])).toEqual(['2024-01-02', '2024-12-31', '2024/12/31']);

    const yearFirst = dates();
    expect(yearFirst.normalizeDates('YMD')).toBe(1);
    expect(allRows(yearFirst).map((r) => r.values[BORN])).toEqual(['01/02/2024', '12/31/2024', '2024-12-31']);
    expect(yearFirst.stats()).toMatchObject({ errorRowCount: 2, errorsByColumn: [0, 0, 0, 2] });
    expectBookkeeping(yearFirst);
  });

  it('keeps the wrong-number-of-values problem of a ragged row that a fix changes', () => {
    // The extra value is lost on export: only this problem tells the user, and trimming does not address it.
    const dataset = review([person('1'), ['2', 'Bo ', 'true', '2000-01-01', 'extra']]);

    expect(dataset.trimSpaces()).toBe(1);

    expect(problemColumns(row(dataset, 1))).toEqual([-1]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 1, cellErrorCount: 1 });
  });

  it('names each ragged row and its values past the header in its problem group', () => {
    const dataset = review([person('1'), ['2', 'Bo', 'true', '2000-01-01', 'x', 'y'], ['3', 'Cy']]);

    const group = dataset.problemGroups().find((g) => g.column === -1)!;

    expect(group.topValues.map((v) => v.value)).toEqual([
      'Row 3: 2 values more than the header: “x”, “y”',
      'Row 4: 2 values fewer than the header',
    ]);
  });

  it('keeps the wrong-number-of-values problem of a ragged row that a fix does not change', () => {
    const dataset = review([person('1', { name: 'Ann ' }), ['2', 'Bo', 'true', '2000-01-01', 'extra']]);

    expect(dataset.trimSpaces()).toBe(1);
    expect(dataset.normalizeBooleans()).toBe(0);

    expect(problemColumns(row(dataset, 1))).toEqual([-1]);
    expect(dataset.stats()).toMatchObject({ errorRowCount: 1, cellErrorCount: 1 });
  });
});

describe('ReviewDataset: CSV export', () => {
  it('writes the header and the rows left after edits and deletes, in the list order', () => {
    const dataset = review([
      person('1'),
      person('2', { name: 'Smith, John' }),
      person('3'),
      person('4', { name: 'Say "hi"' }),
    ]);

    dataset.editCell(0, BORN, '2000-02-02');
    dataset.editCell(2, NAME, ' padded ');
    dataset.deleteRows([1]);

    expect([...dataset.toCsvParts()].join('')).toBe(
      'id,name,active,born\r\n' +
        '1,Person 1,true,2000-02-02\r\n' +
        '3," padded ",true,1990-05-17\r\n' +
        '4,"Say ""hi""",true,1990-05-17\r\n',
    );
  });

  it('streams the rows in parts of the given size after the header', () => {
    const dataset = review([person('1'), person('2'), person('3'), person('4'), person('5'), person('6')]);
    dataset.deleteRows([2]);

    const parts = [...dataset.toCsvParts(2)];

    expect(parts).toEqual([
      'id,name,active,born\r\n',
      '1,Person 1,true,1990-05-17\r\n2,Person 2,true,1990-05-17\r\n',
      '4,Person 4,true,1990-05-17\r\n5,Person 5,true,1990-05-17\r\n',
      '6,Person 6,true,1990-05-17\r\n',
    ]);
  });

  it("names the person's file rows behind the upload's rows, with rows deleted and left out", () => {
    const dataset = review([person('1'), person('2'), ['x', 'Bad', 'true', '1990-05-17'], person('4'), person('5')]);
    dataset.deleteRows([1]);

    // Upload rows count from 2 (the header is row 1); file rows likewise.
    expect(dataset.fileRowsOfExport([2, 3, 4, 5, 6])).toEqual([2, 4, 5, 6, null]);
    expect(dataset.fileRowsOfExport([3, 4], { leaveOut: true })).toEqual([5, 6]);
  });
});

describe('ReviewDataset: problem groups and group fixes', () => {
  const SALES = listColumns([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'email', dataType: 'string', required: true },
    { name: 'amount', dataType: 'number', required: false },
    { name: 'since', dataType: 'date' },
  ]);
  const sale = (id: string, changes: { email?: string; amount?: string; since?: string } = {}) => [
    id,
    changes.email ?? `c${id}@example.com`,
    changes.amount ?? '10.5',
    changes.since ?? '2024-01-31',
  ];
  const sales = (records: string[][]) => review(records, { columns: SALES });

  it('groups problems by column and kind, the largest first, with counts, top values and plain words', () => {
    const dataset = sales([
      sale('1', { amount: 'N/A', since: '31/12/2024' }),
      sale('2', { amount: 'N/A', since: '15/01/2024' }),
      sale('3', { amount: 'n.a.', email: '' }),
      sale('3'),
    ]);

    const groups = dataset.problemGroups();

    expect(groups.map((g) => [g.id, g.count, g.title])).toEqual([
      ['2:1032', 3, '3 cells in “amount” are not a number'],
      ['0:1040', 2, '2 rows share a key in “id”'],
      ['3:1034', 2, '2 cells in “since” are not a date (YYYY-MM-DD)'],
      ['1:1030', 1, '1 empty cell in “email”'],
    ]);
    expect(groups[0]!.topValues).toEqual([
      { value: 'N/A', count: 2 },
      { value: 'n.a.', count: 1 },
    ]);
    expect(groups[0]!.emptyAllowed).toBe(true);
    expect(groups[0]!.formats).toEqual([]);
    expect(groups[3]!.emptyAllowed).toBe(false);
    expect(groups[3]!.explanation).toMatch(/must have a value \(it is required\)/);
    // The one-click fix: a format that reads every value of the group, best first.
    expect(groups[2]!.formats[0]).toMatchObject({ format: { pattern: 'DD/MM/YYYY' }, fixes: 2 });
    expect(groups[2]!.formats.some((f) => 'pattern' in f.format && f.format.pattern === 'MM/DD/YYYY')).toBe(false);
  });

  it("names a formatted column's type without the default form, and gives its own form in the explanation", () => {
    const columns = listColumns([
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'since', dataType: 'date', format: { pattern: 'DD/MM/YYYY' } },
    ]);
    const [group] = review([['1', 'soon']], { columns }).problemGroups();

    expect(group!.title).toBe('1 cell in “since” is not a date');
    expect(group!.explanation).toMatch(/^“since” holds DD\/MM\/YYYY/);
  });

  it('gives the form of a formatted column once in a group explanation', () => {
    const columns = listColumns([
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'balance', dataType: 'number', format: { decimalSeparator: ',', thousandsSeparator: '.' } },
      { name: 'active', dataType: 'boolean', format: { trueWords: ['Y'], falseWords: ['N'] } },
      { name: 'flag', dataType: 'boolean' },
    ]);
    const groups = review([['1', 'lots', 'maybe', 'perhaps']], { columns }).problemGroups();
    const explanations = groups.map((g) => g.explanation);

    expect(explanations).toEqual([
      '“balance” holds a decimal comma, thousands grouped with dots, like 1.234.567,89.',
      '“active” holds “Y” for yes, “N” for no. Use "Y" or "N" (or true / false).',
      '“flag” holds true or false (yes/no, 1/0 too).',
    ]);
    for (const text of explanations) expect(text).not.toMatch(/expects|This column writes/);
  });

  it('previews a group fix without changing anything, then applies exactly that', () => {
    const dataset = sales([sale('1', { amount: 'N/A' }), sale('2', { amount: 'N/A' }), sale('3', { amount: 'x' })]);
    const before = allRows(dataset).map((r) => r.values);

    expect(dataset.previewGroupFix({ group: '2:1032', action: 'empty' })).toEqual({ cells: 3, rows: 3 });
    expect(dataset.previewGroupFix({ group: '2:1032', action: 'replace', value: '0' })).toEqual({ cells: 3, rows: 3 });
    expect(dataset.previewGroupFix({ group: '2:1032', action: 'delete' })).toEqual({ cells: 0, rows: 3 });
    expect(allRows(dataset).map((r) => r.values)).toEqual(before);

    expect(dataset.applyGroupFix({ group: '2:1032', action: 'empty' })).toBe(3);
    expect(allRows(dataset).map((r) => r.values[2])).toEqual(['', '', '']);
    expect(dataset.stats().errorRowCount).toBe(0);
    expect(dataset.problemGroups()).toEqual([]);
    expectBookkeeping(dataset);
  });

  it('replaces a group with one value, and the value is validated like any edit', () => {
    const dataset = sales([sale('1', { email: '' }), sale('2', { email: '' }), sale('3')]);
    expect(dataset.applyGroupFix({ group: '1:1030', action: 'replace', value: 'unknown@example.com' })).toBe(2);
    expect(allRows(dataset).map((r) => r.values[1])).toEqual([
      'unknown@example.com',
      'unknown@example.com',
      'c3@example.com',
    ]);
    expect(dataset.stats().errorRowCount).toBe(0);

    const numbers = sales([sale('1', { amount: 'N/A' })]);
    numbers.applyGroupFix({ group: '2:1032', action: 'replace', value: 'still bad' });
    expect(numbers.problemGroups().map((g) => [g.id, g.topValues])).toEqual([
      ['2:1032', [{ value: 'still bad', count: 1 }]],
    ]);
  });

  it('applies a format to the cells it reads and leaves the others for the user', () => {
    const dataset = sales([
      sale('1', { since: '31/12/2024' }),
      sale('2', { since: '1/2/2024' }),
      sale('3', { since: 'soon' }),
      sale('4'),
    ]);
    expect(dataset.previewGroupFix({ group: '3:1034', action: 'format', format: { pattern: 'DD/MM/YYYY' } })).toEqual({
      cells: 2,
      rows: 2,
    });
    expect(dataset.applyGroupFix({ group: '3:1034', action: 'format', format: { pattern: 'DD/MM/YYYY' } })).toBe(2);
    expect(allRows(dataset).map((r) => r.values[3])).toEqual(['2024-12-31', '2024-02-01', 'soon', '2024-01-31']);
    expect(dataset.problemGroups().map((g) => [g.id, g.count])).toEqual([['3:1034', 1]]);
  });

  it('reads decimal commas with a number format', () => {
    const dataset = sales([sale('1', { amount: '1.234,5' }), sale('2', { amount: '7,25' })]);
    const [group] = dataset.problemGroups();
    const comma = group!.formats.find((f) => 'decimalSeparator' in f.format && f.format.decimalSeparator === ',');
    expect(comma).toBeDefined();
    dataset.applyGroupFix({
      group: group!.id,
      action: 'format',
      format: { decimalSeparator: ',', thousandsSeparator: '.' },
    });
    expect(allRows(dataset).map((r) => r.values[2])).toEqual(['1234.5', '7.25']);
  });

  it('deletes the rows of a group; of rows sharing a key, the first stays', () => {
    const dataset = sales([sale('1'), sale('2'), sale('1'), sale('3', { amount: 'x' }), sale('1')]);
    expect(dataset.previewGroupFix({ group: '0:1040', action: 'delete' })).toEqual({ cells: 0, rows: 2 });
    expect(dataset.applyGroupFix({ group: '0:1040', action: 'delete' })).toBe(2);
    expect(allRows(dataset).map((r) => r.index)).toEqual([0, 1, 3]);
    expect(dataset.applyGroupFix({ group: '2:1032', action: 'delete' })).toBe(1);
    expect(allRows(dataset).map((r) => r.index)).toEqual([0, 1]);
    expect(dataset.stats().errorRowCount).toBe(0);
    expectBookkeeping(dataset);
  });

  it('filters the rows to those with a problem in one column, following fixes', () => {
    const dataset = sales([
      sale('1', { amount: 'x' }),
      sale('2', { email: '' }),
      sale('3', { amount: 'y', email: '' }),
    ]);
    expect(dataset.getRows(0, 10, { column: 2 }).map((r) => r.index)).toEqual([0, 2]);
    expect(dataset.countRows({ column: 1 })).toBe(2);
    expect(dataset.nextProblem(0, { column: 2 })).toBe(1);
    dataset.editCell(0, 2, '5');
    expect(dataset.getRows(0, 10, { column: 2 }).map((r) => r.index)).toEqual([2]);
  });

  it("filters the rows to one problem group's: repeated keys, or one kind of problem in a column", () => {
    const dataset = sales([
      sale('1', { amount: 'x' }),
      sale('2', { email: '' }),
      sale('2', { amount: 'y' }),
      sale('4', { since: '31/12/2024' }),
    ]);
    expect(dataset.getRows(0, 10, { group: '0:1040' }).map((r) => r.index)).toEqual([1, 2]);
    expect(dataset.getRows(0, 10, { group: '2:1032' }).map((r) => r.index)).toEqual([0, 2]);
    expect(dataset.countRows({ group: '3:1034' })).toBe(1);
    expect(dataset.nextProblem(0, { group: '0:1040' })).toBe(1);
    dataset.editCell(2, 0, '3');
    expect(dataset.getRows(0, 10, { group: '0:1040' })).toEqual([]);
    expect(dataset.getRows(0, 10, { group: '2:1032' }).map((r) => r.index)).toEqual([0, 2]);
  });

  it('finds empty cells and fills them, in one column or all', () => {
    const dataset = sales([sale('1', { email: '' }), sale('2', { email: '  ', amount: '' }), sale('3')]);
    expect(dataset.replaceAll('', 'n/a@example.com', { column: 1, emptyCells: true })).toBe(2);
    expect(allRows(dataset).map((r) => r.values[1])).toEqual(['n/a@example.com', 'n/a@example.com', 'c3@example.com']);
    expect(dataset.replaceAll('ignored', '0', { emptyCells: true })).toBe(1);
    expect(row(dataset, 1).values[2]).toBe('0');
    // Filling with nothing is no change.
    expect(dataset.replaceAll('', '', { emptyCells: true })).toBe(0);
  });

  it('leaves the rows with problems out of the upload and writes them in the file’s own columns with a Problems column', () => {
    const headers = ['Since', 'Mail', 'Extra', 'ID', 'Amount'];
    const records = [
      ['2024-01-01', 'a@example.com', 'x1', '1', '1'],
      ['31/12/2024', '', 'x2', '2', '2'],
      ['2024-01-03', 'c@example.com', 'x3', '1', '3'],
      ['2024-01-04', 'd@example.com', 'x4', '4', '4'],
    ];
    const dataset = review(records, { columns: SALES, headers, mapping: [3, 1, 4, 0] });
    dataset.editCell(1, 2, '22.5');

    expect(dataset.validRowCount).toBe(1);
    expect([...dataset.toCsvParts(5000, { leaveOut: true })].join('')).toBe(
      'id,email,amount,since\r\n4,d@example.com,4,2024-01-04\r\n',
    );
    expect([...dataset.leftOutCsvParts()].join('').split('\r\n')).toEqual([
      'Since,Mail,Extra,ID,Amount,Problems',
      '2024-01-01,a@example.com,x1,1,1,The same key is on row 4.',
      '31/12/2024,,x2,2,22.5,"email: ""email"" is empty, but it is required. since: ""31/12/2024"" is not a date in the form YYYY-MM-DD."',
      '2024-01-03,c@example.com,x3,1,3,The same key is on row 2.',
      '',
    ]);
    // Without leaving out, every row goes.
    expect([...dataset.toCsvParts()].join('').split('\r\n')).toHaveLength(6);
  });
});

describe('ReviewDataset: a large file', () => {
  it('counts a few planted duplicates and errors among 10,000 rows exactly, through edits and deletes', () => {
    const records = Array.from({ length: 10_000 }, (_, r) =>
      person(String(r + 1), { active: r % 2 === 0 ? 'true' : 'false' }),
    );
    records[100]![ID] = '51'; // the key of record 50: a pair
    records[6000]![ID] = '5000'; // the key of record 4999…
    records[9999]![ID] = ' 5000 '; // …three times
    records[200]![BORN] = '2024-13-01';
    records[300]![ACTIVE] = 'maybe';
    records[400]![ID] = 'x';
    records[8000]![ID] = '';
    records[8500]![NAME] = '';
    records[8500]![BORN] = 'soon';
    const dataset = review(records);

    expect(dataset.stats()).toEqual({
      rowCount: 10_000,
      errorRowCount: 10,
      cellErrorCount: 6,
      errorsByColumn: [2, 1, 1, 2],
      duplicateKeyRows: 5,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([50, 100, 200, 300, 400, 4999, 6000, 8000, 8500, 9999]);
    expect(row(dataset, 4999).duplicateOf).toEqual([6002, 10_001]);
    expect(dataset.nextProblem(9000, false)).toBe(9999);
    expect(dataset.nextProblem(9999, false)).toBe(50);
    expect(dataset.getRows(9998, 5, false).map((r) => r.index)).toEqual([9998, 9999]);

    dataset.deleteRows([100, 8500]);
    dataset.editCell(6000, ID, '6001');
    dataset.editCell(200, BORN, '2024-12-01');
    dataset.editCell(7000, ACTIVE, 'perhaps');
    dataset.editCell(7001, ID, '5000');

    expect(dataset.stats()).toEqual({
      rowCount: 9998,
      errorRowCount: 7,
      cellErrorCount: 4,
      errorsByColumn: [2, 0, 2, 0],
      duplicateKeyRows: 3,
    });
    expect(problemRows(dataset).map((r) => r.index)).toEqual([300, 400, 4999, 7000, 7001, 8000, 9999]);
    // 100 and 8500 are gone: record 9999 is at position 9997.
    expect(dataset.nextProblem(8000, false)).toBe(9997);
    expect(dataset.nextProblem(6, true)).toBe(0);
    expectBookkeeping(dataset);

    const csv = [...dataset.toCsvParts()].join('');
    expect(csv.split('\r\n')).toHaveLength(1 + 9998 + 1);
  });
});

describe('ReviewDataset: any sequence of changes', () => {
  const ids = ['1', '2', '3', ' 2', '', 'x'];
  const names = ['Ann', '', ' Bo  Li ', 'yes'];
  const actives = ['true', 'yes', 'ja', 'maybe', ''];
  const borns = ['2024-01-05', '31/12/2024', '2024-02-30', ''];
  const pick = (values: string[]) => fc.constantFrom(...values);
  const record = fc.tuple(pick(ids), pick(names), pick(actives), pick(borns)).map((values) => [...values]);
  const change = fc.oneof(
    fc.record({ type: fc.constant('edit' as const), row: fc.nat(11), column: fc.nat(3), choice: fc.nat(5) }),
    fc.record({ type: fc.constant('delete' as const), rows: fc.array(fc.nat(11), { maxLength: 3 }) }),
    fc.record({
      type: fc.constant('replace' as const),
      find: pick(['1', '2', 'x', 'a', ' ']),
      replacement: pick(['', '2', '3', 'A']),
      wholeCell: fc.boolean(),
    }),
    fc.constant({ type: 'trim' as const }),
    fc.constant({ type: 'booleans' as const }),
    fc.constant({ type: 'dates' as const }),
    fc.record({
      type: fc.constant('group' as const),
      which: fc.nat(5),
      action: fc.constantFrom('empty' as const, 'replace' as const, 'delete' as const, 'format' as const),
      value: pick(['', '2', 'Ann', 'x']),
    }),
  );

  it('keeps every count, flag and the rows-with-problems view equal to what the values say', () => {
    const pools = [ids, names, actives, borns];
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.array(change, { maxLength: 12 }),
        (records, changes) => {
          const dataset = review(records);
          expectBookkeeping(dataset);
          for (const c of changes) {
            if (c.type === 'edit') {
              const pool = pools[c.column]!;
              dataset.editCell(c.row, c.column, pool[c.choice % pool.length]!);
            } else if (c.type === 'delete') dataset.deleteRows(c.rows);
            else if (c.type === 'replace') dataset.replaceAll(c.find, c.replacement, { wholeCell: c.wholeCell });
            else if (c.type === 'trim') dataset.trimSpaces();
            else if (c.type === 'booleans') dataset.normalizeBooleans();
            else if (c.type === 'group') {
              const groups = dataset.problemGroups();
              const group = groups[c.which % Math.max(1, groups.length)];
              if (!group) continue;
              const fix =
                c.action === 'replace'
                  ? { group: group.id, action: 'replace' as const, value: c.value }
                  : c.action === 'format'
                    ? { group: group.id, action: 'format' as const, format: { pattern: 'DD/MM/YYYY' as const } }
                    : { group: group.id, action: c.action };
              const preview = dataset.previewGroupFix(fix);
              const changed = dataset.applyGroupFix(fix);
              expect(changed).toBe(c.action === 'delete' ? preview.rows : preview.sameKey ? 0 : preview.cells);
            } else dataset.normalizeDates('DMY');
            expectBookkeeping(dataset);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fixSummary: what the person changed, as the job records it', () => {
  it('counts edits, deleted rows and replaced values per column against the file', () => {
    const dataset = review([person('1'), person('2', { active: 'yes' }), person('3', { active: 'yes' }), person('4')]);
    dataset.editCell(0, NAME, 'Ann');
    dataset.replaceAll('yes', 'true', { column: ACTIVE, wholeCell: true });
    dataset.deleteRows([3]);
    expect(dataset.fixSummary()).toEqual({
      cellsEdited: 1,
      rowsDeleted: 1,
      valuesReplaced: [{ column: 'active', count: 2 }],
    });
  });

  it('does not count a change that was undone or a cell edited back to its value in the file', () => {
    const dataset = review([person('1'), person('2')]);
    dataset.editCell(0, NAME, 'Ann');
    dataset.editCell(0, NAME, 'Person 1');
    dataset.editCell(1, NAME, 'Bob');
    dataset.undo();
    dataset.deleteRows([1]);
    dataset.undo();
    expect(dataset.fixSummary()).toEqual({ cellsEdited: 0, rowsDeleted: 0, valuesReplaced: [] });
    dataset.redo();
    expect(dataset.fixSummary().rowsDeleted).toBe(1);
  });
});

describe('ReviewDataset: a quote in the wrong place', () => {
  const LIST = listColumns([
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
    { name: 'email', dataType: 'string' },
  ]);

  it("names the stray quote as the server does, and the rows it swallowed, not as a row's wrong number of values", () => {
    // papaparse's record for `50,"Unclosed quote,x@x.com` followed by two more lines and the file's end.
    const swallowed = ['50', 'Unclosed quote,x@x.com\n51,Fine,f@x.com\n52,Also,a@x.com\n'];
    const dataset = new ReviewDataset(
      LIST,
      {
        headers: ['id', 'name', 'email'],
        records: [['49', 'Ok', 'o@x.com'], swallowed],
        firstFileRows: Int32Array.from([2, 3]),
        quoteProblemRows: [3],
      },
      [0, 1, 2],
    );
    const [problem] = row(dataset, 1).problems;
    expect(problem).toMatchObject({ column: -1, code: 1021 });
    expect(problem!.message).toBe(
      'Row 3 has a quote (") in the wrong place, so its values cannot be read reliably. A quote opens the value of “name” and is never closed, so the next 2 lines of the file (from “51,Fine,f@x.com”) were read into that one value: those rows are missing here.',
    );
    expect(problem!.remediation).toBe(
      'Put quotes only around a whole value, and write a quote inside a value as two quotes (""). Correct row 3 in the file and choose it again.',
    );
    expect(dataset.problemGroups().map((g) => g.title)).toEqual(['1 row has a quote (") in the wrong place']);

    // Edited by hand, the row is taken as corrected (as a row with the wrong number of values is); undo brings it back.
    dataset.editCell(1, NAME, 'Unclosed quote');
    expect(row(dataset, 1).problems).toEqual([]);
    dataset.undo();
    expect(row(dataset, 1).problems[0]!.code).toBe(1021);
  });

  it('marks a misquoted row whose count of values came out right', () => {
    const dataset = new ReviewDataset(
      LIST,
      {
        headers: ['id', 'name', 'email'],
        records: [['1', 'a"b', 'x@x.com']],
        firstFileRows: Int32Array.from([2]),
        quoteProblemRows: [2],
      },
      [0, 1, 2],
    );
    expect(row(dataset, 0).problems).toEqual([
      expect.objectContaining({
        code: 1021,
        message: 'Row 2 has a quote (") in the wrong place, so its values cannot be read reliably.',
      }),
    ]);
  });
});

describe('ReviewDataset: the next problem cell in reading order', () => {
  // Rows 2..6 of the file: row 3 (index 1) has an empty name and a bad date; row 5 (index 3) a bad date.
  function dataset() {
    return review([
      person('1'),
      person('2', { name: '', born: 'bad' }),
      person('3'),
      person('4', { born: 'bad' }),
      person('5'),
    ]);
  }

  it('visits the cells left of the current one in a later row, then wraps', () => {
    const d = dataset();
    expect(d.nextProblemCell(null, false)).toEqual({ viewIndex: 1, column: NAME });
    expect(d.nextProblemCell({ rowIndex: 1, column: NAME }, false)).toEqual({ viewIndex: 1, column: BORN });
    expect(d.nextProblemCell({ rowIndex: 1, column: BORN }, false)).toEqual({ viewIndex: 3, column: BORN });
    expect(d.nextProblemCell({ rowIndex: 3, column: BORN }, false)).toEqual({ viewIndex: 1, column: NAME });
  });

  it('goes on from a fixed row that left the "only rows with problems" view, to the left of where it was', () => {
    const d = review([
      person('1', { born: 'bad' }),
      person('2', { name: '', born: 'bad' }),
      person('3', { born: 'bad' }),
    ]);
    d.editCell(0, BORN, '2000-01-01');
    // Row index 0 is out of the view: the next problem is row index 1's name, left of the fixed date.
    expect(d.nextProblemCell({ rowIndex: 0, column: BORN }, true)).toEqual({ viewIndex: 0, column: NAME });
    expect(d.nextProblemCell({ rowIndex: 1, column: NAME }, true)).toEqual({ viewIndex: 0, column: BORN });
    expect(d.nextProblemCell({ rowIndex: 1, column: BORN }, true)).toEqual({ viewIndex: 1, column: BORN });
  });

  it('visits the key of a row sharing it, and none when nothing is left', () => {
    const d = review([person('1'), person('1', { active: 'perhaps' })]);
    expect(d.nextProblemCell({ rowIndex: 0, column: BORN }, false)).toEqual({ viewIndex: 1, column: ID });
    expect(d.nextProblemCell({ rowIndex: 1, column: ID }, false)).toEqual({ viewIndex: 1, column: ACTIVE });
    d.deleteRows([0, 1]);
    expect(d.nextProblemCell(null, false)).toBeNull();
  });
});

describe('ReviewDataset: a group fix whose one new value is not valid either', () => {
  it('says why before it is applied', () => {
    const d = review([person('1', { born: '31/01/2024' }), person('2', { born: '01/02/2024' })]);
    const group = `${BORN}:1034`;
    expect(d.previewGroupFix({ group, action: 'replace', value: '31/12/2024' })).toEqual({
      cells: 2,
      rows: 2,
      stillInvalid: { message: expect.stringContaining('"31/12/2024"'), remediation: expect.any(String) },
    });
    expect(d.previewGroupFix({ group, action: 'replace', value: '2024-12-31' })).toEqual({ cells: 2, rows: 2 });
    expect(d.previewGroupFix({ group, action: 'delete' })).toEqual({ cells: 0, rows: 2 });
  });
});

describe('ReviewDataset: currency signs in a number column', () => {
  const PRICES = listColumns([
    { name: 'sku', dataType: 'string', isKey: true },
    { name: 'price', dataType: 'number' },
  ]);
  const DECIMAL_COMMA = listColumns([
    { name: 'sku', dataType: 'string', isKey: true },
    { name: 'price', dataType: 'number', format: { decimalSeparator: ',', thousandsSeparator: '.' } },
  ]);
  const group = `1:${PROBLEM_CODES.invalidNumber}`;

  it('offers to remove the sign and reads the numbers left as the list writes numbers', () => {
    const d = review(
      [
        ['A', '€ 12,50'],
        ['B', '12,50 €'],
        ['C', '1.234,50 EUR'],
        ['D', 'n/a'],
      ],
      {
        columns: DECIMAL_COMMA,
      },
    );
    expect(d.problemGroups()[0]!.currency).toEqual({ fixes: 3 });
    expect(d.previewGroupFix({ group, action: 'currency' })).toEqual({ cells: 3, rows: 3 });
    expect(d.applyGroupFix({ group, action: 'currency' })).toBe(3);
    expect(allRows(d).map((r) => r.values[1])).toEqual(['12,50', '12,50', '1.234,50', 'n/a']);
    expect(d.stats().errorRowCount).toBe(1);
    expectBookkeeping(d);
  });

  it('in a column of plain numbers, reads "$1,234.50" in the way that reads the numbers left', () => {
    const d = review(
      [
        ['A', '$1,234.50'],
        ['B', '-$7.25'],
        ['C', 'USD 3'],
      ],
      { columns: PRICES },
    );
    const offer = d.problemGroups()[0]!.currency!;
    expect(offer).toEqual({ fixes: 3, format: { decimalSeparator: '.', thousandsSeparator: ',' } });
    expect(d.applyGroupFix({ group, action: 'currency', format: offer.format! })).toBe(3);
    expect(allRows(d).map((r) => r.values[1])).toEqual(['1234.50', '-7.25', '3']);
    expect(d.stats().errorRowCount).toBe(0);
  });

  it('offers nothing for values without a currency sign', () => {
    const d = review([['A', 'n/a']], { columns: PRICES });
    expect(d.problemGroups()[0]!.currency).toBeUndefined();
  });
});

describe('ReviewDataset: a group fix that would give rows the same key', () => {
  const SKUS = listColumns([
    { name: 'sku', dataType: 'string', isKey: true },
    { name: 'price', dataType: 'number', required: false },
  ]);
  const emptyKeys = `0:${PROBLEM_CODES.requiredEmpty}`;

  it('says how many rows would share which key before it is applied', () => {
    const d = review(
      [
        ['', '1'],
        ['', '2'],
        ['', '3'],
        ['A', '4'],
      ],
      { columns: SKUS },
    );
    expect(d.previewGroupFix({ group: emptyKeys, action: 'replace', value: 'X' })).toEqual({
      cells: 3,
      rows: 3,
      sameKey: { key: 'X', rows: 3 },
    });
    // A key another row already holds counts that row too.
    const one = review(
      [
        ['', '1'],
        ['A', '4'],
      ],
      { columns: SKUS },
    );
    expect(one.previewGroupFix({ group: emptyKeys, action: 'replace', value: 'A' })).toEqual({
      cells: 1,
      rows: 1,
      sameKey: { key: 'A', rows: 2 },
    });
    expect(one.previewGroupFix({ group: emptyKeys, action: 'replace', value: 'B' })).toEqual({ cells: 1, rows: 1 });
  });

  it('checks a find & replace the same way, before it is applied', () => {
    const d = review(
      [
        ['A1', '1'],
        ['A2', '2'],
        ['', '3'],
        ['', '4'],
      ],
      { columns: SKUS },
    );
    expect(d.replaceKeyClash('1', '2', {})).toEqual({ key: 'A2', rows: 2 });
    expect(d.replaceKeyClash('1', '2', { column: 1 })).toBeUndefined();
    expect(d.replaceKeyClash('', 'X', { emptyCells: true, column: 0 })).toEqual({ key: 'X', rows: 2 });
    expect(d.replaceKeyClash('A', 'B', {})).toBeUndefined();
    expect(allRows(d).map((r) => r.values[0])).toEqual(['A1', 'A2', '', '']);
  });
  it('refuses to read a date key another way when two rows would then have one key, before reading it', () => {
    const DAYS = listColumns([
      { name: 'day', dataType: 'date', isKey: true },
      { name: 'rate', dataType: 'number' },
    ]);
    const d = review(
      [
        ['2024-02-01', '1.5'],
        ['01/02/2024', '1.6'],
        ['15/02/2024', '1.7'],
      ],
      { columns: DAYS },
    );
    const group = d.problemGroups().find((g) => g.column === 0)!;
    // "Read as DD/MM/YYYY" is what the panel offers in one click for this group.
    expect(group.formats[0]?.format).toEqual({ pattern: 'DD/MM/YYYY' });
    const readAs = { group: group.id, action: 'format' as const, format: { pattern: 'DD/MM/YYYY' as const } };
    expect(d.previewGroupFix(readAs)).toEqual({ cells: 2, rows: 2, sameKey: { key: '2024-02-01', rows: 2 } });
    expect(d.applyGroupFix(readAs)).toBe(0);
    expect(allRows(d).map((r) => r.values[0])).toEqual(['2024-02-01', '01/02/2024', '15/02/2024']);
    expect(d.historyState().undo).toBeNull();
    // Read month first, the same values give distinct keys: applied.
    const monthFirst = { ...readAs, format: { pattern: 'MM/DD/YYYY' as const } };
    expect(d.previewGroupFix(monthFirst)).toEqual({ cells: 1, rows: 1 });
    expect(d.applyGroupFix(monthFirst)).toBe(1);
    expectBookkeeping(d);
  });
});
