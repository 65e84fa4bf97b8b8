import { describe, expect, it } from 'vitest';

import { decodeChunks } from '@/lib/csv/decode';
import { parseRecordsFast } from '@/lib/csv/fast-records';
import { normalizeNewlines } from '@/lib/csv/newlines';
import type { RecordBatch } from '@/lib/csv/record-stream';
import { normalizeColumns } from '@/lib/lists/columns';
import { compileAsWrittenRules, compileRecordValidator } from '@/lib/lists/record-validator';

import { readUtf8Records, type AcceptedRecords, type AcceptedRows } from './utf8-records';

const COLUMNS = normalizeColumns([
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string', isKey: false },
  { name: 'amount', dataType: 'number', isKey: false },
  { name: 'active', dataType: 'boolean', isKey: false },
  { name: 'city', dataType: 'string', isKey: false, required: true },
]);
const validator = compileRecordValidator(COLUMNS);

type Outcome = {
  /** Per row: the record the caller is given, or 'accepted' (counted without being decoded). */
  rows: Map<number, string[] | 'accepted'>;
  /** Per accepted row, in the `keys` way of reading: its key as written. */
  keys: Map<number, string>;
  problems: number[];
  lenient: boolean;
  error?: string;
};

async function* chunked(bytes: Uint8Array, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length;) {
    const size = sizes();
    yield bytes.slice(at, at + size);
    at += size;
  }
}

const readText = (chunks: AsyncIterable<Uint8Array>, at: { byteOffset: number; row: number }) =>
  parseRecordsFast(normalizeNewlines(decodeChunks(chunks, at.byteOffset > 0 ? 'utf-8' : undefined, at.byteOffset)), {
    delimiter: ',',
    firstRow: at.row,
  });

async function outcome(batches: AsyncIterable<RecordBatch | AcceptedRows>): Promise<Outcome> {
  const result: Outcome = { rows: new Map(), keys: new Map(), problems: [], lenient: false };
  try {
    for await (const batch of batches) {
      if ('accepted' in batch) {
        for (let i = 0; i < batch.accepted; i++) result.rows.set(batch.firstRow + i, 'accepted');
        batch.keys?.forEach((key, i) => result.keys.set(batch.firstRow + i, key));
        continue;
      }
      batch.records.forEach((record, i) => result.rows.set(batch.firstRow + i, record));
      result.problems.push(...batch.problems.map((p) => p.row!));
      result.lenient ||= batch.lenient === true;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

/** What the direct load may count without looking: valid as written, not the header, nothing COPY reads otherwise. */
function countable(record: string[], row: number): boolean {
  return row > 1 && validator.accepts(record) && !record.some((v) => v.startsWith("'")) && record.join(',') !== '\\.';
}

async function expectSameReading(bytes: Uint8Array, sizes: () => number, accepted: AcceptedRecords = 'count') {
  const expected = await outcome(readText(chunked(bytes, sizes), { byteOffset: 0, row: 1 }));
  const rules = compileAsWrittenRules(COLUMNS)!;
  const options = { delimiter: ',', rules, unescapeFormulas: true, accepted: () => accepted, keyColumns: [0] };
  const actual = await outcome(readUtf8Records(chunked(bytes, sizes), options, readText));
  expect(actual.error).toBe(expected.error);
  // A file that cannot be read ends the load with that error, whatever was read before it.
  if (expected.error) return actual;
  expect(actual.problems.sort()).toEqual(expected.problems.sort());
  expect(actual.lenient).toBe(expected.lenient);
  expect([...actual.rows.keys()].sort((a, b) => a - b)).toEqual([...expected.rows.keys()].sort((a, b) => a - b));
  for (const [row, read] of actual.rows) {
    const record = expected.rows.get(row)!;
    if (read === 'accepted') expect(countable(record as string[], row), `row ${row}: ${String(record)}`).toBe(true);
    else expect(read, `row ${row}`).toEqual(record);
    if (read === 'accepted' && accepted === 'keys') expect(actual.keys.get(row)).toBe((record as string[])[0]);
  }
  if (accepted === 'text') expect([...actual.rows.values()]).not.toContain('accepted');
  if (accepted !== 'keys') expect(actual.keys.size).toBe(0);
  return actual;
}

const encode = (text: string) => new TextEncoder().encode(text);
const whole = () => 1 << 20;

describe('readUtf8Records', () => {
  it('counts valid lines without decoding them and hands the others over as text', async () => {
    const file =
      'id,name,amount,active,city\n1,Zoë,1.5,true,Oslo\n2,,x,true,Oslo\n3,"a, b",2,false,Ål\n\n4,ok,3,true,\n';
    const read = await expectSameReading(encode(file), whole);
    expect(read.rows.get(2)).toBe('accepted');
    expect(read.rows.get(3)).toEqual(['2', '', 'x', 'true', 'Oslo']);
    expect(read.rows.get(4)).toEqual(['3', 'a, b', '2', 'false', 'Ål']);
    expect(read.rows.get(5)).toEqual(['']);
    expect(read.rows.get(6)).toEqual(['4', 'ok', '3', 'true', '']);
  });

  it('gives the keys of valid records when asked, and every record as text when asked', async () => {
    const file = 'id,name,amount,active,city\n1,Zoë,1.5,true,Oslo\n2,,x,true,Oslo\n3,a,2,false,Ål\n';
    const keys = await expectSameReading(encode(file), whole, 'keys');
    expect([...keys.keys]).toEqual([
      [2, '1'],
      [4, '3'],
    ]);
    const text = await expectSameReading(encode(file), whole, 'text');
    expect(text.rows.get(2)).toEqual(['1', 'Zoë', '1.5', 'true', 'Oslo']);
  });

  it('hands a line of delimiters only over as text, even when every column may be empty', async () => {
    const optional = normalizeColumns([
      { name: 'a', dataType: 'string', isKey: false },
      { name: 'b', dataType: 'string', isKey: false },
      { name: 'c', dataType: 'string', isKey: false },
    ]);
    const rules = compileAsWrittenRules(optional)!;
    const file = encode('a,b,c\nx,,\n,,\r\n,,\n, ,\n');
    const read = await outcome(
      readUtf8Records(chunked(file, whole), { delimiter: ',', rules, unescapeFormulas: false }, readText),
    );
    expect(read.rows.get(2)).toBe('accepted');
    expect(read.rows.get(3)).toEqual(['', '', '']);
    expect(read.rows.get(4)).toEqual(['', '', '']);
    expect(read.rows.get(5)).toBe('accepted');
  });

  it('reads the header without its byte-order mark, and CRLF files', async () => {
    const read = await expectSameReading(encode('\uFEFFid,name,amount,active,city\r\n1,a,1,true,b\r\n'), whole);
    expect(read.rows.get(1)).toEqual(['id', 'name', 'amount', 'active', 'city']);
    expect(read.rows.get(2)).toBe('accepted');
  });

  it('leaves a file with invalid UTF-8 or NUL bytes to the text reader, which says where', async () => {
    const head = encode('id,name,amount,active,city\n1,a,1,true,b\n');
    const bad = new Uint8Array([...head, 0x32, 0x2c, 0xff, 0x2c, 0x31, 0x2c, 0x74, 0x2c, 0x62, 0x0a]);
    for (const size of [1, 3, 16, 1 << 20]) {
      expect((await expectSameReading(bad, () => size)).error).toMatch(/near byte 42\b/);
      expect((await expectSameReading(new Uint8Array([...head, 0x33, 0x00, 0x0a]), () => size)).error).toMatch(
        /binary data|NUL/,
      );
    }
  });

  it('reads a UTF-16 file through the text reader', async () => {
    const text = 'id,name,amount,active,city\n1,a,1,true,b\n';
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    const read = await expectSameReading(utf16, whole);
    expect(read.rows.get(2)).toEqual(['1', 'a', '1', 'true', 'b']);
  });

  it('reads every file as the text reader does, whatever the chunks (random files)', async () => {
    let state = 42;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const values = [
      'plain',
      '',
      'Zoë',
      '😀',
      '"quoted"',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r\nlf"',
      '1',
      '-2',
      '3.25',
      'x',
      'true',
      'false',
      "'=1+2",
      "'plain",
      'a"b',
      '"a" ',
      '\\.',
      '\r',
      ' ',
      'é1',
      '1e5',
      '2024-01-01',
    ];
    for (let file = 0; file < 300; file++) {
      const lines = ['id,name,amount,active,city'];
      const count = 1 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        const shape = random();
        if (shape < 0.05) lines.push('');
        else if (shape < 0.5) lines.push(`${i + 1},name ${i},${i}.5,true,City`);
        else {
          const fields = Math.floor(random() * 3) === 0 ? 3 + Math.floor(random() * 4) : 5;
          lines.push(Array.from({ length: fields }, () => pick(values)).join(','));
        }
      }
      const ending = pick(['\n', '\r\n']);
      let text = lines.join(ending) + pick(['', ending]);
      if (random() < 0.1) text = '\uFEFF' + text;
      const bytes = encode(text);
      const small = () => 1 + Math.floor(random() * 7);
      await expectSameReading(bytes, random() < 0.5 ? small : whole, pick(['count', 'keys', 'text'] as const));
    }
  });
});
