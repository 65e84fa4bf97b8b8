import { describe, expect, it } from 'vitest';

import { columnsInputSchema, normalizeColumns } from './columns';
import { validateRowEdits } from './row-edits';

const columns = normalizeColumns(
  columnsInputSchema.parse([
    { name: 'sku', dataType: 'string', isKey: true },
    { name: 'price', dataType: 'number', format: { decimalSeparator: ',', thousandsSeparator: '.' } },
    { name: 'stock', dataType: 'integer', required: false },
    { name: 'since', dataType: 'date', format: { pattern: 'DD.MM.YYYY' } },
  ]),
);

async function valuesOf(items: Record<string, unknown>[]) {
  const { edits, problems } = await validateRowEdits(items, columns, 'upsert');
  expect(problems).toEqual([]);
  return edits.map((edit) => Object.fromEntries([...edit.values].map(([column, value]) => [column.name, value])));
}

describe('validateRowEdits with formats', () => {
  it('reads text in the column’s format, and JSON numbers as the numbers they are', async () => {
    expect(
      await valuesOf([
        { sku: 'a', price: '1.234', since: '31.12.2024' },
        { sku: 'b', price: 1.234, since: '2024-12-31' },
        { sku: 'c', price: '1.234,5' },
      ]),
    ).toEqual([
      { sku: 'a', price: '1234', since: '2024-12-31' },
      { sku: 'b', price: '1.234', since: '2024-12-31' },
      { sku: 'c', price: '1234.5' },
    ]);
  });

  it('stores an empty optional number as empty (null); a required one still refuses it', async () => {
    expect(
      await valuesOf([
        { sku: 'a', stock: '' },
        { sku: 'b', stock: null },
      ]),
    ).toEqual([
      { sku: 'a', stock: null },
      { sku: 'b', stock: null },
    ]);
    const { problems } = await validateRowEdits([{ sku: 'a', price: '' }], columns, 'upsert');
    expect(problems.map((p) => p.message)).toEqual(['Item 1: "price" is empty, but it is required.']);
  });
});
