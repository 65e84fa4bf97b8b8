import type { List } from '@/db/schema';
import { VALUE_PARSERS } from '@/lib/lists/value-parsers';

import type { FileValue, InputDeclaration, InputValue, InputValues, ListValue, Message, Validator } from './types';

export type RawValues = Record<string, unknown>;
export type StoredFiles = Record<string, FileValue>;
/** Finds a list by id or exact name in the request's workspace (the seed's viewId). */
export type ListLookup = (reference: string) => Promise<List | undefined>;

export type ResolvedInputs = { values: InputValues; messages: Message[]; list: List | undefined };

/**
 * Listport's own check of a request's values against a script's declaration — types, required,
 * declared validators, static select options, the target list — before any script code runs.
 * The same check runs at validate-input, preview, submit-job and again when the job starts.
 */
export async function resolveInputs(
  inputs: readonly InputDeclaration[],
  raw: RawValues,
  files: StoredFiles,
  lookupList: ListLookup,
): Promise<ResolvedInputs> {
  const values: InputValues = {};
  const messages: Message[] = [];
  let list: List | undefined;
  const error = (input: InputDeclaration, message: string) =>
    messages.push({ status: 'ERROR', title: input.label, message, input: input.name });

  for (const name of Object.keys(raw)) {
    if (!inputs.some((i) => i.name === name)) {
      messages.push({
        status: 'WARN',
        title: 'Unknown input',
        message: `"${name}" is not an input of this custom import; it was ignored.`,
      });
    }
  }

  for (const input of inputs) {
    const given = raw[input.name];
    if (input.type === 'file') {
      const file = files[input.name];
      values[input.name] = file ?? null;
      if (!file && isPresent(given))
        error(
          input,
          `Send "${input.label}" as a file: a multipart file part named "${input.name}", or an object {name, size, type, data} with the content in base64.`,
        );
      else if (!file && input.required) error(input, `Choose a file for "${input.label}".`);
      else if (file) for (const problem of checkValidators(input, file)) error(input, problem);
      continue;
    }
    if (input.type === 'list') {
      // Only text names a list: anything else (an object, a deeply nested array) is not stringified.
      const reference = typeof given === 'string' || typeof given === 'number' ? String(given).trim() : '';
      if (isPresent(given) && reference === '' && typeof given !== 'string') {
        error(input, `"${input.label}" must be a list id or name.`);
        continue;
      }
      values[input.name] = null;
      if (!reference) {
        if (input.required !== false) error(input, `Choose the list to load into ("${input.label}").`);
        continue;
      }
      list = await lookupList(reference);
      if (!list)
        error(
          input,
          `There is no list "${reference}" in this workspace. Choose one of the workspace's lists (by id or exact name).`,
        );
      else values[input.name] = toListValue(list);
      continue;
    }
    const coerced = coerce(input, isPresent(given) ? given : input.default);
    if ('problem' in coerced) {
      error(input, coerced.problem);
      values[input.name] = null;
      continue;
    }
    values[input.name] = coerced.value;
    if (coerced.value === null || (input.type === 'checkbox' && coerced.value === false)) {
      if (input.required)
        error(input, input.type === 'checkbox' ? `Tick "${input.label}" to go on.` : `"${input.label}" is required.`);
      continue;
    }
    if (input.type === 'select' && !input.dynamic && !input.options.some((o) => o.value === coerced.value)) {
      error(
        input,
        `"${String(coerced.value)}" is not one of the choices for "${input.label}": ${input.options.map((o) => o.value).join(', ')}.`,
      );
      continue;
    }
    for (const problem of checkValidators(input, coerced.value)) error(input, problem);
  }
  return { values, messages, list };
}

export function toListValue(list: List): ListValue {
  return {
    id: list.id,
    name: list.name,
    columns: list.columns.map(({ storage: _storage, ...column }) => column),
  };
}

export function hasErrors(messages: readonly Message[]): boolean {
  return messages.some((m) => m.status === 'ERROR');
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

type Coerced = { value: InputValue } | { problem: string };

function coerce(input: InputDeclaration, value: unknown): Coerced {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { value: input.type === 'checkbox' ? false : null };
  }
  switch (input.type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number'
        ? { value: String(value) }
        : { problem: `"${input.label}" must be text.` };
    case 'select':
      return typeof value === 'string' || typeof value === 'number'
        ? { value: String(value) }
        : { problem: `"${input.label}" must be one of its choices.` };
    case 'number': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)
            ? Number(value)
            : NaN;
      const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
      return Number.isFinite(n)
        ? { value: n }
        : { problem: `"${input.label}" must be a number, e.g. 12 or 3.5 (got ${shown}).` };
    }
    case 'date': {
      const parsed = typeof value === 'string' ? VALUE_PARSERS.date(value) : undefined;
      return parsed?.ok
        ? { value: parsed.value }
        : { problem: `"${input.label}" must be a date written YYYY-MM-DD, e.g. 2024-03-31.` };
    }
    case 'checkbox': {
      if (typeof value === 'boolean') return { value };
      if (typeof value !== 'string' && typeof value !== 'number')
        return { problem: `"${input.label}" must be true or false.` };
      const text = String(value).trim().toLowerCase();
      if (['true', 'on', 'yes', '1'].includes(text)) return { value: true };
      if (['false', 'off', 'no', '0'].includes(text)) return { value: false };
      return { problem: `"${input.label}" must be true or false.` };
    }
    default:
      return { problem: `"${input.label}" has an unsupported type.` };
  }
}

/** Checks declared validators; each returns the author's message or a readable default. */
function checkValidators(input: InputDeclaration, value: InputValue): string[] {
  const problems: string[] = [];
  for (const v of input.validators ?? []) {
    const problem = checkOne(v, value, input.label);
    if (problem) problems.push(v.message ?? problem);
  }
  return problems;
}

function checkOne(v: Validator, value: InputValue, label: string): string | undefined {
  switch (v.type) {
    case 'minLength':
      return typeof value === 'string' && [...value].length < v.value
        ? `"${label}" must be at least ${v.value} characters long.`
        : undefined;
    case 'maxLength':
      return typeof value === 'string' && [...value].length > v.value
        ? `"${label}" can be at most ${v.value} characters long.`
        : undefined;
    case 'pattern':
      return typeof value === 'string' && !new RegExp(`^(?:${v.value})$`, 'u').test(value)
        ? `"${label}" does not have the expected format.`
        : undefined;
    case 'min':
      return typeof value === 'number' && value < v.value ? `"${label}" must be at least ${v.value}.` : undefined;
    case 'max':
      return typeof value === 'number' && value > v.value ? `"${label}" can be at most ${v.value}.` : undefined;
    case 'integer':
      return typeof value === 'number' && !Number.isInteger(value) ? `"${label}" must be a whole number.` : undefined;
    case 'minDate':
      return typeof value === 'string' && value < v.value ? `"${label}" must be on or after ${v.value}.` : undefined;
    case 'maxDate':
      return typeof value === 'string' && value > v.value ? `"${label}" must be on or before ${v.value}.` : undefined;
    case 'extensions': {
      if (!isFile(value)) return undefined;
      const lower = value.name.toLowerCase();
      return v.value.some((ext) => lower.endsWith(ext.toLowerCase()))
        ? undefined
        : `"${value.name}" is not a ${v.value.join(' or ')} file. Choose a file of that kind.`;
    }
    case 'maxBytes':
      return isFile(value) && value.size > v.value
        ? `"${value.name}" is larger than ${formatBytes(v.value)}.`
        : undefined;
  }
}

function isFile(value: InputValue): value is FileValue {
  return typeof value === 'object' && value !== null && 'path' in value;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
