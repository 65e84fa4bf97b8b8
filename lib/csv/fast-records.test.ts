import { describe, expect, it } from 'vitest';

import { parseRecordsFast, parseText } from './fast-records';
import { parseRecords } from './record-stream';

async function collect(parse: typeof parseRecords, text: string, chunkSize: number, delimiter = ',') {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const rows: { row: number; record: string[] }[] = [];
  const problems: number[] = [];
  for await (const batch of parse(chunks(), { delimiter })) {
    batch.records.forEach((record, i) => rows.push({ row: batch.firstRow + i, record }));
    problems.push(...batch.problems.map((p) => p.row!));
  }
  return { rows, problems };
}

/** Deterministic pseudo-random CSV with every kind of quoting a well-formed file can have. */
function randomCsv(seed: number, delimiter: string): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pieces = [
    'plain',
    '',
    ' spaced ',
    'Zoë',
    'a"b',
    `x${delimiter}y`,
    'line\nbreak',
    '""',
    '007',
    '-1.5e3',
    'end "quoted" word',
  ];
  const lines: string[] = [];
  const width = 1 + Math.floor(next() * 5);
  for (let r = 0; r < 40; r++) {
    const fields = Array.from({ length: width }, () => {
      const value = pieces[Math.floor(next() * pieces.length)]!;
      const mustQuote = /["\n]/.test(value) || value.includes(delimiter);
      return mustQuote || next() < 0.2 ? `"${value.replaceAll('"', '""')}"` : value;
    });
    lines.push(fields.join(delimiter));
  }
  return lines.join('\n') + (next() < 0.5 ? '\n' : '');
}

describe('parseRecordsFast', () => {
  it.each([',', ';', '\t', '|'])(
    'reads the same records as papaparse for well-formed files (delimiter %j), however chunked',
    async (delimiter) => {
      for (let seed = 1; seed <= 30; seed++) {
        const text = randomCsv(seed, delimiter);
        for (const size of [1, 3, 17, 256, 1 << 20]) {
          const fast = await collect(parseRecordsFast, text, size, delimiter);
          const papa = await collect(parseRecords, text, size, delimiter);
          expect(fast, `seed ${seed}, chunks of ${size}`).toEqual(papa);
          expect(fast.problems).toEqual([]);
        }
      }
    },
  );

  it('keeps blank lines as blank records and adds none after the final line break', async () => {
    const { rows } = await collect(parseRecordsFast, 'a,b\n\n1,2\n', 4);
    expect(rows.map((r) => r.record)).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('tolerates spaces after a closing quote, as papaparse does', async () => {
    const { rows, problems } = await collect(parseRecordsFast, 'a,b\n"x"  ,y\n', 1 << 20);
    expect(rows[1]!.record).toEqual(['x', 'y']);
    expect(problems).toEqual([]);
  });

  it('reports a row with text after a closing quote, and one whose quote never closes', async () => {
    expect((await collect(parseRecordsFast, 'a,b\n"x"y,z\n1,2\n', 5)).problems).toEqual([2]);
    const unclosed = await collect(parseRecordsFast, 'a,b\n1,2\n"open,3\n4,5\n', 5);
    expect(unclosed.problems).toEqual([3]);
    expect(unclosed.rows).toHaveLength(3);
  });

  it('ends a record that ends in a delimiter with an empty value', async () => {
    const { rows } = await collect(parseRecordsFast, 'a,b\n1,', 1);
    expect(rows[1]!.record).toEqual(['1', '']);
  });
});

describe('lenient records (read differently by PostgreSQL, so never COPYed as written)', () => {
  it.each([
    ['a quote inside an unquoted value', 'B,a"b"c\n'],
    ['spaces after a closing quote', 'C,"x" \n'],
    ['a quoted part after text', 'D,5 "inch"\n'],
    ['a space before an opening quote', 'E, "x"\n'],
  ])('flags %s', (_name, text) => {
    expect(parseText(text, ',', true).lenient).toBe(true);
  });

  it.each([
    ['plain values', 'A,b,c\n'],
    ['RFC 4180 quoting with doubled quotes, delimiters and line breaks', 'A,"say ""hi""","x,y","two\nlines"\n'],
    ['an empty quoted value', 'A,""\n'],
  ])('does not flag %s', (_name, text) => {
    expect(parseText(text, ',', true).lenient).toBe(false);
  });
});
