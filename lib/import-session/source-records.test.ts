import { describe, expect, it } from 'vitest';

import { parseRecords } from '@/lib/csv/record-stream';

import { createSourceRecords } from './source-records';

async function read(text: string, delimiter = ';') {
  const source = createSourceRecords();
  async function* chunks() {
    yield text;
  }
  for await (const batch of parseRecords(chunks(), { delimiter })) source.add(batch);
  return source.result();
}

describe('createSourceRecords', () => {
  it('leaves out lines of delimiters only, as blank lines, and keeps the file’s row numbers', async () => {
    const result = await read('sku;price\nA-1;1\n;\n\nA-2;2\n;\n;\n');
    expect(result).toEqual({
      headers: ['sku', 'price'],
      records: [
        ['A-1', '1'],
        ['A-2', '2'],
      ],
      fileRows: [2, 5],
    });
  });

  it('keeps a row with a value in any field, and one of spaces (text keeps its spaces)', async () => {
    const result = await read('sku;price;note\n;;x\n; ;\n');
    expect(result?.records).toEqual([
      ['', '', 'x'],
      ['', ' ', ''],
    ]);
    expect(result?.fileRows).toEqual([2, 3]);
  });

  it('keeps a one-column file’s blank line: it is an empty value', async () => {
    expect((await read('note\na\n\nb\n'))?.records).toEqual([['a'], [''], ['b']]);
  });

  it('takes the first row with a name as the header', async () => {
    const result = await read(';;\nsku;price;qty\nA-1;1;2\n');
    expect(result?.headers).toEqual(['sku', 'price', 'qty']);
    expect(result?.fileRows).toEqual([3]);
  });
});
