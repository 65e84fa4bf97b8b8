import { describe, expect, it } from 'vitest';

import type { List } from '@/db/schema';

import { resolveInputs } from './inputs';
import { STANDARD_INPUTS } from './standard-inputs';
import type { FileValue, InputDeclaration } from './types';

const LIST = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'People',
  workspaceId: 'w',
  columns: [
    { name: 'id', dataType: 'integer', position: 1, isKey: true, keyPosition: 1, required: true, storage: 'c1' },
  ],
} as unknown as List;
const lookup = async (ref: string) => (ref === LIST.id || ref === LIST.name ? LIST : undefined);

const INPUTS: InputDeclaration[] = [
  {
    name: 'title',
    type: 'string',
    label: 'Title',
    required: true,
    validators: [
      { type: 'minLength', value: 3 },
      { type: 'pattern', value: '[A-Z].*', message: 'Start with a capital letter.' },
    ],
  },
  {
    name: 'count',
    type: 'number',
    label: 'Count',
    validators: [{ type: 'integer' }, { type: 'min', value: 1 }, { type: 'max', value: 10 }],
  },
  { name: 'since', type: 'date', label: 'Since', validators: [{ type: 'minDate', value: '2000-01-01' }] },
  { name: 'confirm', type: 'checkbox', label: 'I confirm', required: true },
  { name: 'colour', type: 'select', label: 'Colour', options: [{ value: 'red', label: 'Red' }], default: 'red' },
  {
    name: 'file',
    type: 'file',
    label: 'File',
    required: true,
    validators: [
      { type: 'extensions', value: ['.csv'] },
      { type: 'maxBytes', value: 10 },
    ],
  },
  { name: 'list', type: 'list', label: 'List', required: true },
  ...STANDARD_INPUTS,
];
const FILE: FileValue = { name: 'a.csv', size: 5, type: 'text/csv', path: '/tmp/a', sha256: 'x' };

describe('resolveInputs (Listport checks before any script code)', () => {
  it('coerces form strings and seed values to typed values, filling defaults', async () => {
    const result = await resolveInputs(
      INPUTS,
      { title: 'Hello', count: '3', since: '2020-02-29', confirm: 'on', list: 'People' },
      { file: FILE },
      lookup,
    );
    expect(result.messages).toEqual([]);
    expect(result.values).toMatchObject({
      title: 'Hello',
      count: 3,
      since: '2020-02-29',
      confirm: true,
      colour: 'red',
      file: FILE,
      mode: 'upsert',
      errorThreshold: 100,
    });
    expect(result.values.list).toMatchObject({
      id: LIST.id,
      name: 'People',
      columns: [{ name: 'id', dataType: 'integer', isKey: true }],
    });
    expect(result.list).toBe(LIST);
  });

  it('reports every problem on its input, with a readable message', async () => {
    const result = await resolveInputs(
      INPUTS,
      {
        title: 'Hi',
        count: '2.5',
        since: '1999-12-31',
        colour: 'blue',
        list: 'Nope',
        file: 'C:/data.csv',
        mode: 'merge',
        errorThreshold: 0,
        typo: 1,
      },
      {},
      lookup,
    );
    const byInput = Object.fromEntries(result.messages.filter((m) => m.input).map((m) => [m.input, m.message]));
    expect(byInput).toEqual({
      title: expect.stringContaining('at least 3 characters'),
      count: '"Count" must be a whole number.',
      since: '"Since" must be on or after 2000-01-01.',
      confirm: 'Tick "I confirm" to go on.',
      colour: expect.stringContaining('"blue" is not one of the choices'),
      file: expect.stringContaining('multipart file part named "file"'),
      list: expect.stringContaining('There is no list "Nope" in this workspace'),
      mode: expect.stringContaining('"merge" is not one of the choices'),
      errorThreshold: '"Stop after this many errors" must be at least 1.',
    });
    expect(result.messages).toContainEqual({
      status: 'WARN',
      title: 'Unknown input',
      message: expect.stringContaining('"typo"'),
    });
    const second = await resolveInputs(
      INPUTS,
      { title: 'hello' },
      { file: { ...FILE, name: 'a.xlsx', size: 99 } },
      lookup,
    );
    expect(second.messages.filter((m) => m.input === 'title').map((m) => m.message)).toEqual([
      'Start with a capital letter.',
    ]);
    expect(second.messages.filter((m) => m.input === 'file').map((m) => m.message)).toEqual([
      expect.stringContaining('not a .csv file'),
      expect.stringContaining('larger than'),
    ]);
  });

  it('refuses values of the wrong JSON type', async () => {
    const result = await resolveInputs(
      INPUTS,
      { title: { x: 1 }, count: 'ten', since: '31/12/2020', confirm: 'maybe', list: LIST.id },
      { file: FILE },
      lookup,
    );
    expect(result.messages.map((m) => m.input)).toEqual(['title', 'count', 'since', 'confirm']);
  });
});
