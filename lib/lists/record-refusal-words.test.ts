import { describe, expect, it } from 'vitest';

import type { ListColumn } from '@/lib/shared/list-column';

import { recordRefusalWords } from './record-refusal-words';
import { validateRowEdits } from './row-edits';

const column = (c: Partial<ListColumn> & Pick<ListColumn, 'name' | 'dataType'>): ListColumn =>
  ({ isKey: false, required: false, position: 1, ...c }) as ListColumn;

const COLUMNS: ListColumn[] = [
  column({ name: 'id', dataType: 'integer', isKey: true }),
  column({ name: 'amount', dataType: 'number', required: true }),
  column({ name: 'amount due', dataType: 'number' }),
  column({ name: 'note', dataType: 'string', maxLength: 5 }),
  column({ name: 'since', dataType: 'date' }),
];

/** The details the API answers for this item, built as apply-row-edits builds them. */
async function refusal(item: Record<string, unknown>) {
  const { problems } = await validateRowEdits([item], COLUMNS, 'upsert');
  return problems.map((p) => `${p.message} ${p.remediation}`);
}

describe('the record dialog’s words for a refused value', () => {
  it('names the field and quotes the value typed, without items', async () => {
    const details = await refusal({ id: 1, amount: '12x', since: '31.12.2024' });
    const words = recordRefusalWords(
      details,
      COLUMNS.map((c) => c.name),
      { amount: '12x', since: '31.12.2024' },
    );
    expect(words.others).toEqual([]);
    expect(words.fields.map((f) => f.column)).toEqual(['amount', 'since']);
    expect(words.fields[0]!.words).toBe('amount: “12x” is not a number.');
    expect(words.fields[0]!.hint).toMatch(/"amount" expects a number\.$/);
    expect(words.fields[1]!.words).toBe('since: “31.12.2024” is not a date in the form YYYY-MM-DD.');
    for (const f of words.fields) expect(`${f.words} ${f.hint ?? ''}`).not.toMatch(/item|row \d/i);
  });

  it('tells a field from another whose name starts with it', async () => {
    const details = await refusal({ id: 1, 'amount due': 'abc' });
    const words = recordRefusalWords(
      details,
      COLUMNS.map((c) => c.name),
      { 'amount due': 'abc' },
    );
    expect(words.fields).toMatchObject([{ column: 'amount due', words: 'amount due: “abc” is not a number.' }]);
  });

  it('says an emptied required field and a too long text in words, with a fix that fits a form', async () => {
    const details = await refusal({ id: 1, amount: '', note: 'far too long' });
    const words = recordRefusalWords(
      details,
      COLUMNS.map((c) => c.name),
      { amount: '', note: 'far too long' },
    );
    expect(words.fields).toEqual([
      { column: 'amount', words: 'amount is empty, but it is required.' },
      {
        column: 'note',
        words: 'note is 12 characters long; at most 5 are allowed.',
        hint: 'Shorten the value in "note" to 5 characters.',
      },
    ]);
  });

  it('keeps a problem of no field, without its item number or the request’s path and id', () => {
    const words = recordRefusalWords(
      [
        'Item 1: no record with this key, and not all required columns are given.',
        '… and 3 more.',
        'path: /api/v1/lists/0b6f1c2e-8d4a-4f3b-9a51-2c7e5d9f0a13/contents',
        'correlator: 55ebf0d6-e5f4-4ce3-806c-870784ef260f',
      ],
      ['id', 'amount'],
      {},
    );
    expect(words).toEqual({
      fields: [],
      others: ['No record with this key, and not all required columns are given.', '… and 3 more.'],
    });
  });
});
