import { describe, expect, it } from 'vitest';

import { locateByte } from './locate-byte';

async function* chunks(bytes: Uint8Array, size = 7) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('locateByte', () => {
  it('names the row (header = row 1) and the column of a byte, across chunks and quoted line breaks', async () => {
    const text = 'id;name;city\n1;Ada;Paris\n2;"Line\nbreak";Zürich\n3;Zoë;X\n';
    const bytes = new TextEncoder().encode(text);
    const at = (needle: string) => new TextEncoder().encode(text.slice(0, text.indexOf(needle))).length;
    expect(await locateByte(chunks(bytes), at('Paris'), ';')).toEqual({ row: 2, column: 3, columnName: 'city' });
    expect(await locateByte(chunks(bytes), at('break'), ';')).toEqual({ row: 3, column: 2, columnName: 'name' });
    expect(await locateByte(chunks(bytes), at('ë'), ';')).toEqual({ row: 4, column: 2, columnName: 'name' });
    expect(await locateByte(chunks(bytes), at('name'), ';')).toEqual({ row: 1, column: 2 });
  });
});
