import { plural } from '@/lib/shared/plural';

import {
  DEFAULT_JSON_LIMITS,
  detectJsonFormat,
  fieldValue,
  jsonRecords,
  JsonStructureError,
  type JsonFormat,
  type JsonRecord,
} from '../helpers/json-records';
import { recordsPreview } from '../helpers/preview';
import { FileReadError, readHead, readText } from '../helpers/text-file';
import type {
  FileValue,
  InputDeclaration,
  InputValues,
  ListValue,
  Message,
  Preview,
  ScriptContext,
  ScriptRecord,
} from '../types';

export const title = 'JSON Lines / JSON array → list';

export const description =
  'Loads records from a JSON Lines file (one object per line) or a JSON array of objects. Each list column takes the field of the same name; ' +
  'a column named with dots, like "address.city", takes a nested field.';

export const inputs: InputDeclaration[] = [
  {
    name: 'file',
    type: 'file',
    label: 'JSON file',
    help: 'A .jsonl/.ndjson file (one JSON object per line) or a .json file holding an array of objects. UTF-8.',
    required: true,
    accept: ['.json', '.jsonl', '.ndjson', 'application/json', 'application/x-ndjson'],
    validators: [
      { type: 'extensions', value: ['.json', '.jsonl', '.ndjson'], message: 'Choose a .json, .jsonl or .ndjson file.' },
    ],
  },
  {
    name: 'format',
    type: 'select',
    label: 'Format',
    help: 'Detected from the first character when left on automatic: "[" is an array, "{" is JSON Lines.',
    required: true,
    default: 'auto',
    options: [
      { value: 'auto', label: 'Detect automatically' },
      { value: 'jsonl', label: 'JSON Lines (one object per line)' },
      { value: 'array', label: 'JSON array of objects' },
    ],
  },
  { name: 'list', type: 'list', label: 'Target list', help: 'The list to load the records into.', required: true },
];

type Values = { file: FileValue; format: 'auto' | JsonFormat; list: ListValue };

const MAX_PREVIEW_PROBLEMS = 10;

async function resolveFormat(values: Values): Promise<{ format: JsonFormat } | { message: Message }> {
  const head = await readHead(values.file.path);
  if ('error' in head) return { message: { status: 'ERROR', title: 'JSON file', message: head.error, input: 'file' } };
  const detected = detectJsonFormat(head.text);
  if (!detected) {
    const first = head.text.trim().slice(0, 20);
    return {
      message: {
        status: 'ERROR',
        title: 'JSON file',
        message: first
          ? `The file does not look like JSON: it starts with "${first}". JSON Lines start with "{", a JSON array with "[".`
          : 'The file is empty.',
        input: 'file',
      },
    };
  }
  if (values.format !== 'auto' && values.format !== detected) {
    const word = { jsonl: 'JSON Lines (starts with "{")', array: 'a JSON array (starts with "[")' };
    return {
      message: {
        status: 'ERROR',
        title: 'Format',
        message: `The file looks like ${word[detected]}, not ${word[values.format]}. Choose "${detected === 'array' ? 'JSON array' : 'JSON Lines'}" or "Detect automatically".`,
        input: 'format',
      },
    };
  }
  return { format: detected };
}

export async function validate(values: InputValues): Promise<Message[]> {
  const resolved = await resolveFormat(values as unknown as Values);
  return 'message' in resolved
    ? [resolved.message]
    : [
        {
          status: 'INFO',
          title: 'Format',
          message:
            resolved.format === 'array'
              ? 'Reading a JSON array of records.'
              : 'Reading JSON Lines (one record per line).',
        },
      ];
}

/** A parsed JSON value as a list record: objects map by column name; anything else is a problem. */
function toRecord(item: JsonRecord, list: ListValue): { record: ScriptRecord } | { problem: string } {
  if ('error' in item) return { problem: item.error };
  const value = item.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { problem: `Record ${item.record} (line ${item.line}) is ${kind}, not an object with fields.` };
  }
  const record: Record<string, unknown> = {};
  for (const column of list.columns) {
    const field = fieldValue(value as Record<string, unknown>, column.name);
    if (field !== undefined) record[column.name] = field;
  }
  return { record };
}

export async function preview(values: InputValues, ctx: ScriptContext): Promise<Preview> {
  const v = values as unknown as Values;
  const resolved = await resolveFormat(v);
  if ('message' in resolved) return { columns: [], rows: [], messages: [resolved.message] };
  const records: { row: number; record: ScriptRecord; source: string }[] = [];
  const messages: Message[] = [];
  let problems = 0;
  let total = 0;
  try {
    for await (const item of jsonRecords(readText(v.file.path), resolved.format, DEFAULT_JSON_LIMITS)) {
      total++;
      const shaped = toRecord(item, v.list);
      if ('problem' in shaped) {
        if (++problems <= MAX_PREVIEW_PROBLEMS)
          messages.push({ status: 'ERROR', title: `Record ${item.record}`, message: shaped.problem });
        continue;
      }
      if (records.length < ctx.previewRows)
        records.push({ row: item.record + 1, record: shaped.record, source: `${item.record} (line ${item.line})` });
    }
  } catch (error) {
    messages.push({ status: 'ERROR', title: 'JSON file', message: explain(error) });
  }
  if (problems > MAX_PREVIEW_PROBLEMS)
    messages.push({
      status: 'ERROR',
      title: 'More problems',
      message: `${plural(problems - MAX_PREVIEW_PROBLEMS, 'more record')} cannot be read.`,
    });
  const result = recordsPreview(v.list, records, total, messages);
  return { ...result, columns: ['Record', ...result.columns.slice(1)] };
}

export async function* run(values: InputValues, ctx: ScriptContext): AsyncGenerator<ScriptRecord> {
  const v = values as unknown as Values;
  const resolved = await resolveFormat(v);
  if ('message' in resolved) throw new Error(resolved.message.message);
  ctx.log(
    'INFO',
    `Reading ${v.file.name} as ${resolved.format === 'array' ? 'a JSON array' : 'JSON Lines'}. Row N in errors is record N-1 of the file.`,
  );
  let count = 0;
  try {
    for await (const item of jsonRecords(readText(v.file.path), resolved.format, DEFAULT_JSON_LIMITS)) {
      const shaped = toRecord(item, v.list);
      if ('problem' in shaped) {
        ctx.problem({
          row: item.record + 1,
          message: shaped.problem,
          remediation: 'Correct this record in the file (every record must be a JSON object), then import again.',
        });
        // Keeps the loaded file's row numbers equal to record number + 1.
        yield [];
        continue;
      }
      yield shaped.record;
      if (++count % 10_000 === 0) ctx.progress(count);
    }
  } catch (error) {
    throw new Error(explain(error));
  }
  ctx.progress(count);
  ctx.log('INFO', `Read ${plural(count, 'record')}.`);
}

function explain(error: unknown): string {
  if (error instanceof JsonStructureError)
    return `${error.message} Nothing after this point can be read; correct the file and import again.`;
  if (error instanceof FileReadError) return `${error.problem.message} ${error.problem.remediation}`;
  return error instanceof Error ? error.message : String(error);
}
