/**
 * Streams records out of JSON Lines or a JSON array without holding the file in memory: each
 * record's text is cut out of the stream and parsed on its own. Nesting deeper than `maxDepth` is
 * refused before JSON.parse sees it, so a hostile file cannot exhaust the stack or the heap.
 */

export type JsonFormat = 'jsonl' | 'array';
export type JsonLimits = { maxDepth: number; maxRecordChars: number };
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxRecordChars: 16 * 1024 * 1024 };

/** One record: its 1-based number, the line it starts on, and either its parsed value or why it has none. */
export type JsonRecord = { record: number; line: number } & ({ value: unknown } | { error: string });

/** A problem that makes the rest of the file unreadable (a broken array, too deep, too long). */
export class JsonStructureError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/** Looks at the first non-blank character: `[` is a JSON array, `{` JSON Lines. */
export function detectJsonFormat(head: string): JsonFormat | undefined {
  const first = [...head].find((c) => !WHITESPACE.has(c));
  return first === '[' ? 'array' : first === '{' ? 'jsonl' : undefined;
}

export function jsonRecords(
  chunks: AsyncIterable<string>,
  format: JsonFormat,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): AsyncGenerator<JsonRecord> {
  return format === 'array' ? arrayRecords(chunks, limits) : lineRecords(chunks, limits);
}

function parse(text: string, record: number, line: number, limits: JsonLimits): JsonRecord {
  const depth = nestingDepth(text);
  if (depth > limits.maxDepth) {
    return {
      record,
      line,
      error: `Record ${record} (line ${line}) is nested ${depth} levels deep; at most ${limits.maxDepth} levels are read.`,
    };
  }
  try {
    return { record, line, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : String(error);
    return { record, line, error: `Record ${record} (line ${line}) is not valid JSON: ${reason}.` };
  }
}

/** The deepest nesting of objects and arrays in a JSON text, ignoring brackets inside strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

async function* lineRecords(chunks: AsyncIterable<string>, limits: JsonLimits): AsyncGenerator<JsonRecord> {
  let pending = '';
  let line = 0;
  let record = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      line++;
      if (text.trim() === '') continue;
      yield parse(text, ++record, line, limits);
    }
    if (pending.length > limits.maxRecordChars) {
      throw new JsonStructureError(
        `Line ${line + 1} is longer than ${limits.maxRecordChars.toLocaleString('en-US')} characters; JSON Lines has one record per line.`,
        line + 1,
      );
    }
  }
  line++;
  if (pending.trim() !== '') yield parse(pending.replace(/\r$/, ''), ++record, line, limits);
}

async function* arrayRecords(chunks: AsyncIterable<string>, limits: JsonLimits): AsyncGenerator<JsonRecord> {
  type State = 'start' | 'beforeValue' | 'inValue' | 'afterComma' | 'end';
  let state: State = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let buffer = '';
  let line = 1;
  let valueLine = 1;
  let record = 0;
  for await (const chunk of chunks) {
    let valueStart = state === 'inValue' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === '\n') line++;
      if (state === 'inValue') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') {
          if (++depth > limits.maxDepth)
            throw new JsonStructureError(
              `Record ${record + 1} (line ${valueLine}) is nested more than ${limits.maxDepth} levels deep.`,
              valueLine,
            );
        } else if (c === '}' || c === ']') {
          if (depth > 0) depth--;
          else if (c === ']') {
            buffer += chunk.slice(valueStart, i);
            yield parse(buffer.trim(), ++record, valueLine, limits);
            buffer = '';
            state = 'end';
          } else throw new JsonStructureError(`Line ${line}: a "}" closes nothing.`, line);
        } else if (c === ',' && depth === 0) {
          buffer += chunk.slice(valueStart, i);
          yield parse(buffer.trim(), ++record, valueLine, limits);
          buffer = '';
          state = 'afterComma';
        }
        continue;
      }
      if (WHITESPACE.has(c)) continue;
      if (state === 'start') {
        if (c !== '[')
          throw new JsonStructureError(
            `The file does not start with "[" (found "${c}" on line ${line}). A JSON array file holds one array of records.`,
            line,
          );
        state = 'beforeValue';
      } else if (state === 'end') {
        throw new JsonStructureError(`Line ${line}: there is more text after the array's closing "]".`, line);
      } else if (c === ']' && state === 'beforeValue') {
        state = 'end';
      } else if (c === ']' || c === ',') {
        throw new JsonStructureError(
          `Line ${line}: a value is missing before "${c}" (two commas in a row, or a comma before "]").`,
          line,
        );
      } else {
        state = 'inValue';
        valueStart = i;
        valueLine = line;
        depth = 0;
        i--; // the first character of the value is read in the inValue state
      }
    }
    if (state === 'inValue') {
      buffer += chunk.slice(valueStart);
      if (buffer.length > limits.maxRecordChars) {
        throw new JsonStructureError(
          `Record ${record + 1} (line ${valueLine}) is longer than ${limits.maxRecordChars.toLocaleString('en-US')} characters.`,
          valueLine,
        );
      }
    }
  }
  // (TypeScript narrows `state` across the loop's mutations; read it as the full union.)
  const final = state as State;
  if (final === 'start') throw new JsonStructureError('The file is empty.', 1);
  if (final !== 'end')
    throw new JsonStructureError(`The file ends before the array is closed with "]" (line ${line}).`, line);
}

/** A field of a record by list column name: the key itself, a dotted path into nested objects, or the key in another case. */
export function fieldValue(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  if (name.includes('.')) {
    let current: unknown = record;
    for (const part of name.split('.')) {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part)) {
        current = undefined;
        break;
      }
      current = (current as Record<string, unknown>)[part];
    }
    if (current !== undefined) return current;
  }
  const folded = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === folded);
  return key === undefined ? undefined : record[key];
}
