import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, createList, createWorkspace, uniqueName } from '../support/api';
import { allContents, TERMINAL, waitForState, type JobBody, type Row } from '../support/list-helpers';

/**
 * Property: any table, written as CSV in any of the dialects the API accepts (quoting, line ends,
 * delimiter, byte-order mark, final line end), imports into a fresh list whose contents are then
 * exactly the table — values compared canonically (numbers as numbers, booleans, dates YYYY-MM-DD,
 * an empty non-key value as null).
 */

type DataType = 'string' | 'integer' | 'number' | 'boolean' | 'date';
type Value = string | number | boolean | null;
/** A value as written in the file, and as the API must give it back. */
type Cell = { raw: string; value: Value };
type Column = { name: string; dataType: DataType };
type Dialect = {
  quoting: 'minimal' | 'all';
  lineEnd: '\n' | '\r\n' | '\r';
  delimiter: ',' | ';' | '\t' | '|';
  /** How the delimiter is named in the request: the character itself, `\t`, `tab`, or not at all (`,` only). */
  delimiterField: string | undefined;
  bom: boolean;
  finalLineEnd: boolean;
};
type Table = { columns: Column[]; rows: Cell[][]; dialect: Dialect };

// ── values ────────────────────────────────────────────────────────────────────────────────

/** Characters that stress a CSV writer and reader: quotes, every delimiter, line feeds, spaces, non-ASCII. */
const TRICKY = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  ' ',
  "'",
  '=',
  '0',
  'é',
  'e\u0301',
  '€',
  '日本',
  '😀',
  '\u05e9\u05dc\u05d5\u05dd',
  '\u202e',
  '\\',
];
const textUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = (minLength: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: textUnit, minLength, maxLength: 10 }) },
    // Leading zeros must survive in text columns.
    { weight: 1, arbitrary: fc.stringMatching(/^0[0-9]{1,6}$/) },
  );

const stringCell = (isKey: boolean): fc.Arbitrary<Cell> =>
  text(isKey ? 1 : 0).map((s) => ({ raw: s, value: s === '' ? null : s }));

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const integerCell: fc.Arbitrary<Cell> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(BigInt) },
      { weight: 1, arbitrary: fc.bigInt({ min: INT8_MIN, max: INT8_MAX }) },
    ),
    fc.constantFrom('plain', 'plus', 'zeros', 'spaces'),
  )
  .map(([n, style]) => {
    const digits = (n < 0n ? -n : n).toString();
    const sign = n < 0n ? '-' : style === 'plus' ? '+' : '';
    const raw =
      style === 'zeros' ? `${sign}00${digits}` : style === 'spaces' ? ` ${sign}${digits} ` : `${sign}${digits}`;
    // Beyond 2^53 the API answers the exact digits as a string rather than a rounded number.
    const value =
      n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
    return { raw, value };
  });

/** Decimal text with at most 15 significant digits (so the API answers a number), optional exponent. */
const numberCell: fc.Arbitrary<Cell> = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    whole: fc.stringMatching(/^[0-9]{0,9}$/),
    fraction: fc.stringMatching(/^[0-9]{0,6}$/),
    exponent: fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined }),
  })
  .map(({ sign, whole, fraction, exponent }) => {
    const mantissa = whole === '' && fraction === '' ? '0' : `${whole}${fraction ? `.${fraction}` : ''}`;
    const raw = `${sign}${mantissa}${exponent === undefined ? '' : `e${exponent}`}`;
    const n = Number(raw);
    return { raw, value: n === 0 ? 0 : n };
  });

const BOOLEAN_WORDS: Cell[] = [
  { raw: 'true', value: true },
  { raw: 'false', value: false },
  { raw: 'TRUE', value: true },
  { raw: 'False', value: false },
  { raw: 'yes', value: true },
  { raw: 'No', value: false },
  { raw: '1', value: true },
  { raw: '0', value: false },
  { raw: 't', value: true },
  { raw: 'F', value: false },
  { raw: '', value: null },
];
const booleanCell: fc.Arbitrary<Cell> = fc.constantFrom(...BOOLEAN_WORDS);

const daysIn = (year: number, month: number) =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
const dateCell: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        year: fc.integer({ min: 1, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .map(({ year, month, day }) => {
        const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysIn(year, month))).padStart(2, '0')}`;
        return { raw: date, value: date };
      }),
  },
  { weight: 1, arbitrary: fc.constant<Cell>({ raw: '', value: null }) },
);

function cellOf(column: Column, isKey: boolean): fc.Arbitrary<Cell> {
  switch (column.dataType) {
    case 'string':
      return stringCell(isKey);
    case 'integer':
      return integerCell;
    case 'number':
      return numberCell;
    case 'boolean':
      return booleanCell;
    case 'date':
      return dateCell;
  }
}

// ── tables ────────────────────────────────────────────────────────────────────────────────

/** Column names that need quoting in some dialects, and non-ASCII ones. */
const NAME_SUFFIXES = ['', '', '', ' name', '_é', ' 名前', ' "q"', ',a', ';b', '|c', '\td', "o'k"];

const columnsArb: fc.Arbitrary<Column[]> = fc
  .tuple(
    fc.constantFrom<DataType>('string', 'integer'),
    fc.array(fc.constantFrom<DataType>('string', 'integer', 'number', 'boolean', 'date'), {
      minLength: 0,
      maxLength: 5,
    }),
    fc.array(fc.constantFrom(...NAME_SUFFIXES), { minLength: 6, maxLength: 6 }),
  )
  .map(([keyType, otherTypes, suffixes]) =>
    [keyType, ...otherTypes].map((dataType, i) => ({ name: `c${i}${suffixes[i]}`, dataType })),
  );

const dialectArb: fc.Arbitrary<Dialect> = fc
  .record({
    quoting: fc.constantFrom<Dialect['quoting']>('minimal', 'all'),
    lineEnd: fc.constantFrom<Dialect['lineEnd']>('\n', '\r\n', '\r'),
    delimiter: fc.constantFrom<Dialect['delimiter']>(',', ';', '\t', '|'),
    naming: fc.nat(2),
    bom: fc.boolean(),
    finalLineEnd: fc.boolean(),
  })
  .map(({ naming, ...dialect }) => {
    const names: Record<Dialect['delimiter'], (string | undefined)[]> = {
      ',': [undefined, ','],
      ';': [';'],
      '\t': ['\t', '\\t', 'tab'],
      '|': ['|'],
    };
    const choices = names[dialect.delimiter];
    return { ...dialect, delimiterField: choices[naming % choices.length] };
  });

const keyOf = (row: Cell[]) => JSON.stringify(row[0]!.value);

const tableArb: fc.Arbitrary<Table> = columnsArb.chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.uniqueArray(fc.tuple(...columns.map((c, i) => cellOf(c, i === 0))), {
      minLength: 0,
      maxLength: 25,
      selector: keyOf,
    }),
    dialect: dialectArb,
  }),
);

// ── writing and reading ───────────────────────────────────────────────────────────────────

function toCsv(table: Table): string {
  const { delimiter, quoting, lineEnd, bom, finalLineEnd } = table.dialect;
  const field = (value: string) =>
    quoting === 'all' || value.includes(delimiter) || /["\n\r]/.test(value)
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  const lines = [
    table.columns.map((c) => field(c.name)),
    ...table.rows.map((row) => row.map((cell) => field(cell.raw))),
  ].map((fields) => fields.join(delimiter));
  return (bom ? '\uFEFF' : '') + lines.join(lineEnd) + (finalLineEnd ? lineEnd : '');
}

function expectedRows(table: Table): Row[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]!.value])));
}

const byKey = (key: string) => (rows: Row[]) =>
  [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0));

let admin: Api;
let workspaceId: string;

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
});

async function importTable(table: Table): Promise<{ listId: string; job: JobBody; csv: string }> {
  const list = await createList(
    admin,
    workspaceId,
    table.columns.map((c, i) => ({ name: c.name, dataType: c.dataType, ...(i === 0 && { isKey: true }) })),
    uniqueName('Property'),
  );
  const csv = toCsv(table);
  // Any value as written: an apostrophe before = + - @ or a tab is data here, not an export's
  // neutralising prefix (which imports take away by default; see docs/api-imports.md).
  const fields: Record<string, string> = {
    unescapeFormulas: 'false',
    ...(table.dialect.delimiterField !== undefined && { delimiter: table.dialect.delimiterField }),
  };
  const response = await admin.upload(list.id, csv, fields);
  expect(response.status, response.text).toBe(202);
  const job = (await waitForState(admin, list.id, response.body.id, TERMINAL)) as JobBody;
  return { listId: list.id, job, csv };
}

describe('property: a CSV of any table imports to exactly that table', () => {
  it('holds for random tables, quoting, line ends, delimiters, byte-order marks and final line ends', async () => {
    const started = Date.now();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(tableArb, async (table) => {
        runs++;
        const { listId, job, csv } = await importTable(table);
        const context = `CSV sent: ${JSON.stringify(csv)}; delimiter field: ${JSON.stringify(table.dialect.delimiterField)}`;
        expect(job.state, `${context}\nerrors: ${JSON.stringify(job.errors)}`).toBe('completed');
        expect(job.results, context).toMatchObject({ recordCount: table.rows.length, inserted: table.rows.length });
        const sort = byKey(table.columns[0]!.name);
        expect(sort(await allContents(admin, listId)), context).toEqual(sort(expectedRows(table)));
      }),
      // 40 random tables, or as many as 80 s allow on a busy machine: every run is a real import.
      { numRuns: 40, interruptAfterTimeLimit: 80_000 },
    );
    console.log(`[property-import] ${runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(runs, 'too few random tables were imported to say anything').toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['CRLF', 'line 1\r\nline 2'],
    ['a lone CR', 'line 1\rline 2'],
    ['a CR at the end', 'ends with CR\r'],
  ])(
    'keeps %s inside a quoted value exactly (line ends are only normalised between records)',
    async (_label, value) => {
      const table: Table = {
        columns: [
          { name: 'id', dataType: 'integer' },
          { name: 'note', dataType: 'string' },
        ],
        rows: [
          [
            { raw: '1', value: 1 },
            { raw: value, value },
          ],
        ],
        dialect: {
          quoting: 'minimal',
          lineEnd: '\n',
          delimiter: ',',
          delimiterField: undefined,
          bom: false,
          finalLineEnd: true,
        },
      };
      const { listId, job } = await importTable(table);
      expect(job.state, JSON.stringify(job.errors)).toBe('completed');
      expect(await allContents(admin, listId)).toEqual([{ id: 1, note: value }]);
    },
  );
});
