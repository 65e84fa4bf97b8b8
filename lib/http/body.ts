import type { z } from 'zod';

import { ApiError, ERROR_CODES } from '@/lib/errors';

import { jsonShapeGuard, type JsonShapeLimits, type JsonShapeRefusal } from './json-shape';

const MAX_JSON_BYTES = 10 * 1024 * 1024;
/**
 * No body of this API nests deeper or has larger objects (a list has at most 500 columns); past
 * these a body is refused as it arrives, before parsing it would hold the event loop for seconds.
 */
const DEFAULT_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxMembers: 1000 };

/** JSON media types: plain, and the vendor types (`application/vnd.<x>+json`) API clients of the family send. */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // Not text/plain: it is the one type another site's form can send without a preflight.
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads and validates a JSON body; unknown properties are ignored (real scripts send typos). A route
 * that knows its bodies' shape better may lower `limits` (e.g. the properties of an item to its list's columns).
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  limits: Partial<JsonShapeLimits> = {},
): Promise<z.output<S>> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new ApiError(
      415,
      ERROR_CODES.unsupportedMediaType,
      `This endpoint takes JSON, not ${request.headers.get('content-type')}.`,
      'Send the body with Content-Type: application/json.',
    );
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) throw tooLarge();
  const text = await readTextLimited(request, MAX_JSON_BYTES, { ...DEFAULT_SHAPE_LIMITS, ...limits });
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      ERROR_CODES.badRequest,
      'The request body is not valid JSON.',
      'Check the body for a missing quote, comma or bracket.',
    );
  }
  refusePrototypeKeys(text);
  return schema.parse(value);
}

/**
 * "__proto__" would be silently lost when the body is copied into objects: refuse it by name. A text
 * search, not a JSON.parse reviver, whose recursion would overflow on deeply nested bodies.
 */
function refusePrototypeKeys(text: string): void {
  if (/"__proto__"\s*:/.test(text)) {
    throw new ApiError(
      400,
      ERROR_CODES.badRequest,
      'The request uses the property name "__proto__", which is not accepted.',
      'Rename that property.',
    );
  }
}

async function readTextLimited(request: Request, limit: number, shape: JsonShapeLimits): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  // Fatal: a byte that is not UTF-8 would otherwise be stored as U+FFFD in a name or value, unseen.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const check = jsonShapeGuard(shape);
  let text = '';
  let size = 0;
  let refusal: JsonShapeRefusal | { kind: 'encoding' } | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    // Once refused, the rest is only read and dropped (so the answer goes out on a healthy
    // keep-alive connection): no decoding, no checking, no keeping.
    if (refusal) continue;
    const piece = decodeUtf8(decoder, value);
    if (piece === undefined) {
      refusal = { kind: 'encoding' };
      continue;
    }
    refusal = check(piece);
    text += piece;
  }
  if (refusal) throw shapeRefused(refusal);
  const rest = decodeUtf8(decoder);
  if (rest === undefined) throw notUtf8();
  refusal = check(rest);
  if (refusal) throw shapeRefused(refusal);
  return text + rest;
}

/** A chunk decoded, or undefined when it holds bytes that are not UTF-8 (the end of the body: no chunk). */
function decodeUtf8(decoder: TextDecoder, chunk?: Uint8Array): string | undefined {
  try {
    return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
  } catch {
    return undefined;
  }
}

function notUtf8(): ApiError {
  return ApiError.badRequest(
    'The request body is not valid UTF-8 text: it holds bytes that are not UTF-8 (names and values would be stored as "�").',
    'Send the JSON encoded as UTF-8 (convert it from Latin-1 or Windows-1252 first, e.g. with iconv -f cp1252 -t utf-8).',
  );
}

function shapeRefused(refusal: JsonShapeRefusal | { kind: 'encoding' }): ApiError {
  if (refusal.kind === 'encoding') return notUtf8();
  return refusal.kind === 'depth'
    ? ApiError.badRequest(
        `The JSON body nests arrays and objects more than ${refusal.limit} deep.`,
        'Send values, items and records as the endpoint documents them, without extra nesting.',
      )
    : ApiError.badRequest(
        `An object in the JSON body has more than ${refusal.limit} properties.`,
        'Send only the properties the endpoint takes (for records: the list’s column names).',
      );
}

function tooLarge(): ApiError {
  return new ApiError(
    413,
    ERROR_CODES.tooLarge,
    `The JSON body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB.`,
    'Send fewer items per request.',
  );
}

/** Parses query parameters with a zod schema (400 with the details on failure). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}
