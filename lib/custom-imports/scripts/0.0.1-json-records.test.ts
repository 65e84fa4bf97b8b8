import { describe, expect, it } from 'vitest';

import { checkScriptModule } from '../declaration';
import {
  detectJsonFormat,
  fieldValue,
  jsonRecords,
  JsonStructureError,
  nestingDepth,
  type JsonRecord,
} from '../helpers/json-records';
import { listValue, runTask, tempFile } from '../testing/harness';
import type { ScriptModule } from '../types';
import * as json from './0.0.1-json-records';

const script = json as unknown as ScriptModule;
const PEOPLE = listValue([
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', required: true },
  { name: 'address.city' },
  { name: 'active', dataType: 'boolean' },
  { name: 'tags' },
]);

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(
  text: string,
  format: 'array' | 'jsonl',
  size = 7,
  limits?: { maxDepth: number; maxRecordChars: number },
): Promise<JsonRecord[]> {
  const out: JsonRecord[] = [];
  for await (const r of jsonRecords(chunksOf(text, size), format, limits)) out.push(r);
  return out;
}

describe('JSON record streaming', () => {
  const array = '[\n {"id": 1, "s": "a,]}\\"x"},\n {"id": 2, "n": [1, [2]]} ,\n 3\n]\n';

  it('cuts a JSON array into records, whatever the chunk boundaries', async () => {
    for (const size of [1, 3, 7, 1000]) {
      const records = await collect(array, 'array', size);
      expect(records.map((r) => ('value' in r ? r.value : r.error))).toEqual([
        { id: 1, s: 'a,]}"x' },
        { id: 2, n: [1, [2]] },
        3,
      ]);
      expect(records.map((r) => r.line)).toEqual([2, 3, 4]);
    }
    expect(await collect('[]', 'array')).toEqual([]);
  });

  it('refuses broken arrays with the line where they break', async () => {
    await expect(collect('[{"a":1},,{"b":2}]', 'array')).rejects.toThrow(/value is missing before ","/);
    await expect(collect('[{"a":1}', 'array')).rejects.toThrow(/ends before the array is closed/);
    await expect(collect('[{"a":1}] x', 'array')).rejects.toThrow(/more text after/);
    await expect(collect('{"a":1}', 'array')).rejects.toThrow(/does not start with "\["/);
    await expect(collect('', 'array')).rejects.toThrow(/empty/);
  });

  it('reads JSON Lines, reporting a bad line without losing the others', async () => {
    const records = await collect('{"id":1}\r\n\n{"id": 2,}\n{"id":3}', 'jsonl', 4);
    expect(records[0]).toEqual({ record: 1, line: 1, value: { id: 1 } });
    expect(records[1]).toMatchObject({
      record: 2,
      line: 3,
      error: expect.stringContaining('Record 2 (line 3) is not valid JSON'),
    });
    expect(records[2]).toEqual({ record: 3, line: 4, value: { id: 3 } });
  });

  it('guards against extremely deep nesting and huge records before parsing', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth('{"a":"[[[[["}')).toBe(1);
    const [line] = await collect(`{"a":${deep}}\n`, 'jsonl', 1 << 16);
    expect(line).toMatchObject({ error: expect.stringContaining('nested 100001 levels deep; at most 32') });
    await expect(collect(`[${deep}]`, 'array', 1 << 16)).rejects.toThrow(JsonStructureError);
    await expect(
      collect(`[{"a":"${'x'.repeat(100)}"}]`, 'array', 10, { maxDepth: 32, maxRecordChars: 50 }),
    ).rejects.toThrow(/longer than 50 characters/);
  });

  it('maps list columns to top-level, dotted nested and differently cased fields', () => {
    const record = { ID: 7, address: { city: 'Oslo' }, 'a.b': 'literal', a: { b: 'nested' } };
    expect(fieldValue(record, 'id')).toBe(7);
    expect(fieldValue(record, 'address.city')).toBe('Oslo');
    expect(fieldValue(record, 'a.b')).toBe('literal');
    expect(fieldValue(record, 'address.zip')).toBeUndefined();
    expect(detectJsonFormat('\uFEFF  [')).toBe('array');
    expect(detectJsonFormat('\n{')).toBe('jsonl');
    expect(detectJsonFormat('id,name')).toBeUndefined();
  });
});

describe('0.0.1-json-records script', () => {
  const lines = [
    '{"id": 1, "name": "Ada", "address": {"city": "London"}, "active": true, "tags": ["a", "b"], "ignored": 1}',
    '{"id": 2, "name": "Grace", "active": false}',
  ].join('\n');

  it('declares valid inputs and validates the format against the file', async () => {
    expect(checkScriptModule(json).ok).toBe(true);
    const file = await tempFile('people.jsonl', lines);
    expect((await runTask(script, 'validate', { file, format: 'auto', list: PEOPLE })).validation.valid).toBe(true);
    const wrong = await runTask(script, 'validate', { file, format: 'array', list: PEOPLE });
    expect(wrong.validation).toMatchObject({
      valid: false,
      messages: [
        expect.objectContaining({ input: 'format', message: expect.stringContaining('looks like JSON Lines') }),
      ],
    });
    const csv = await runTask(script, 'validate', {
      file: await tempFile('x.json', 'id,name\n1,a'),
      format: 'auto',
      list: PEOPLE,
    });
    expect(csv.validation.messages[0]!.message).toMatch(/does not look like JSON: it starts with "id,name/);
  });

  it('previews and runs with nested fields; unknown fields are ignored', async () => {
    const file = await tempFile('people.jsonl', lines);
    const preview = (await runTask(script, 'preview', { file, format: 'auto', list: PEOPLE })).preview!;
    expect(preview.columns).toEqual(['Record', 'id', 'name', 'address.city', 'active', 'tags']);
    expect(preview.rows).toEqual([
      ['1 (line 1)', '1', 'Ada', 'London', 'true', '["a","b"]'],
      ['2 (line 2)', '2', 'Grace', '', 'false', ''],
    ]);
    expect(preview.totalRows).toBe(2);
    const run = await runTask(script, 'run', { file, format: 'auto', list: PEOPLE });
    expect(run.rows).toEqual([
      ['1', 'Ada', 'London', 'true', '["a","b"]'],
      ['2', 'Grace', '', 'false', ''],
    ]);
  });

  it('reads a JSON array the same way', async () => {
    const file = await tempFile('people.json', `[${lines.split('\n').join(',\n')}]`);
    expect((await runTask(script, 'run', { file, format: 'auto', list: PEOPLE })).rows).toHaveLength(2);
  });

  it('shows list validation problems in the preview', async () => {
    const file = await tempFile('bad.jsonl', '{"id": "x", "name": "A"}\n{"id": 2}');
    const preview = (await runTask(script, 'preview', { file, format: 'auto', list: PEOPLE })).preview!;
    expect(preview.messages.map((m) => m.message).join('\n')).toMatch(
      /"id" "x" is not a whole number[\s\S]*"name" is empty/,
    );
  });

  it('reports malformed records as problems and fails cleanly on a broken array', async () => {
    const broken = await tempFile('broken.jsonl', '{"id": 1, "name": "A"}\n{"id": 2, "name": \n42\n');
    const run = await runTask(script, 'run', { file: broken, format: 'auto', list: PEOPLE });
    expect(run.problems.map((p) => [p.row, p.message])).toEqual([
      [3, expect.stringContaining('Record 2 (line 2) is not valid JSON')],
      [4, 'Record 3 (line 3) is a number, not an object with fields.'],
    ]);
    expect(run.rows).toEqual([['1', 'A', '', '', ''], [], []]);

    const missingComma = await tempFile('broken.json', '[{"id": 1, "name": "A"} {"id": 2}]');
    expect(
      (await runTask(script, 'run', { file: missingComma, format: 'auto', list: PEOPLE })).problems[0]!.message,
    ).toMatch(/Record 1 \(line 1\) is not valid JSON/);
    const truncated = await tempFile('broken.json', '[{"id": 1, "name": "A"},\n{"id": 2');
    await expect(runTask(script, 'run', { file: truncated, format: 'auto', list: PEOPLE })).rejects.toThrow(
      /ends before the array is closed with "\]" \(line 2\)\. Nothing after this point can be read/,
    );
  });
});
