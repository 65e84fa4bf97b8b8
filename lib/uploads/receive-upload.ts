import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Busboy from 'busboy';

import { env } from '@/lib/env';
import { ApiError, ERROR_CODES } from '@/lib/errors';

export type StoredUpload = { path: string; fileName: string; size: number; sha256: string };
export type ReceivedUpload = {
  file?: StoredUpload;
  /** Files of the optional file fields that were sent, by field name. */
  extraFiles: Record<string, StoredUpload>;
  fields: Record<string, string>;
};

const MAX_FIELDS = 50;
const MAX_FILES = 5;
/**
 * Past the limit, the rest of an upload is read and thrown away (so the client gets its 413 on a
 * healthy connection) — but only this much more; beyond it the connection is closed.
 */
const DRAIN_ALLOWANCE = 64 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Streams a multipart upload straight to disk, into UPLOAD_DIR: the body is never buffered, sha256
 * and size are computed on the way, and a file over MAX_UPLOAD_BYTES is cut off with 413 as soon as
 * it crosses it. Other file parts and unknown fields are ignored (scripts send extras and typos).
 */
export async function receiveUpload(
  request: Request,
  options: {
    fileField: string;
    /** Other file fields kept when sent (each limited to MAX_UPLOAD_BYTES like the main one). */
    optionalFileFields?: readonly string[];
  },
): Promise<ReceivedUpload> {
  const { uploadDir, MAX_UPLOAD_BYTES: maxBytes } = env();
  const optionalFields = options.optionalFileFields ?? [];
  // Every file may be as large as the limit: the body may be that much larger.
  const bodyLimit = maxBytes * (1 + optionalFields.length);
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError(
      415,
      ERROR_CODES.unsupportedMediaType,
      'Upload the file as multipart/form-data.',
      `Send the file in a form field named "${options.fileField}", e.g. curl -F ${options.fileField}=@data.csv …`,
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > bodyLimit + DRAIN_ALLOWANCE) throw tooLarge(maxBytes, { closeConnection: true });
  if (!request.body) throw missingFile(options.fileField);

  let busboy: Busboy.Busboy;
  try {
    busboy = Busboy({
      headers: { 'content-type': contentType },
      // Browsers, curl and fetch send file names as UTF-8 (busboy's default is latin1).
      defParamCharset: 'utf8',
      limits: {
        fileSize: maxBytes,
        files: MAX_FILES,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_FIELDS + MAX_FILES,
      },
    });
  } catch {
    throw ApiError.badRequest(
      'The multipart body cannot be read (its boundary is missing).',
      'Let your HTTP client build the multipart body.',
    );
  }

  const fields: Record<string, string> = {};
  const stored: Record<string, StoredUpload> = {};
  const writing = new Map<string, Promise<void>>();
  let failure: ApiError | undefined;
  const partialPaths: string[] = [];
  const fileFields = new Set([options.fileField, ...optionalFields]);

  // Past a limit busboy silently skips the remaining parts — the file among them, perhaps: say so
  // rather than answer that no file was sent.
  for (const event of ['partsLimit', 'fieldsLimit', 'filesLimit'] as const) {
    busboy.on(event, () => {
      failure ??= tooManyParts(options.fileField);
    });
  }
  busboy.on('field', (name, value) => {
    if (!fileFields.has(name)) fields[name] = value;
  });
  busboy.on('file', (name, stream, info) => {
    if (!fileFields.has(name) || writing.has(name)) {
      stream.resume();
      return;
    }
    const target = path.join(uploadDir, `${randomUUID()}.upload`);
    partialPaths.push(target);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    // busboy truncates the part at the limit and goes on reading (and discarding) the body.
    stream.on('limit', () => {
      failure = tooLarge(maxBytes);
    });
    // Only this process's user may read an upload (a file may hold personal data).
    const written = pipeline(stream, measure, createWriteStream(target, { mode: 0o600 })).then(
      () => {
        stored[name] = { path: target, fileName: safeFileName(info.filename), size, sha256: hash.digest('hex') };
      },
      (error: unknown) => {
        // The disk is full (or failing): stop reading the body at once rather than leave the
        // client waiting on a stream nobody drains; the partial file is removed below. (A body
        // that ends too soon fails here too, but as busboy's error: the body pipeline reports it.)
        if ((error as NodeJS.ErrnoException | undefined)?.syscall === undefined) throw error;
        failure ??= writeFailed(error);
        busboy.destroy(failure);
        throw failure;
      },
    );
    written.catch(() => {});
    writing.set(name, written);
  });

  try {
    await pipeline(
      Readable.fromWeb(request.body as import('node:stream/web').ReadableStream),
      capBody(bodyLimit + DRAIN_ALLOWANCE),
      busboy,
    );
    await Promise.all(writing.values());
  } catch (error) {
    await Promise.all(partialPaths.map((p) => fs.rm(p, { force: true })));
    if (failure) throw failure;
    if (error instanceof ApiError) throw error;
    throw ApiError.badRequest(
      'The upload was interrupted or its multipart body is malformed; nothing was stored.',
      'Send the file again.',
    );
  }
  if (failure) {
    await Promise.all(partialPaths.map((p) => fs.rm(p, { force: true })));
    throw failure;
  }
  const { [options.fileField]: file, ...extraFiles } = stored;
  return { file, extraFiles, fields };
}

/** A file name is only ever shown, never used as a path: keep the last segment, drop control characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // Control characters and bidi overrides (which can make "invoice\u202Egnp.csv" look like a .png) go.
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload.csv' : cleaned;
}

export function missingFile(field: string): ApiError {
  return new ApiError(
    400,
    ERROR_CODES.missingFile,
    `The request has no file in the "${field}" field.`,
    `Attach the CSV file as the multipart field "${field}".`,
  );
}

function tooManyParts(fileField: string): ApiError {
  return ApiError.badRequest(
    `The form has too many parts: at most ${MAX_FIELDS} fields and ${MAX_FILES} files; nothing was stored.`,
    `Send the file in "${fileField}" with only the options the endpoint takes (delimiter, mode, errorThreshold …).`,
  );
}

/** Errors the upload once more than `limit` bytes arrived in all (the part limit alone would read on forever). */
function capBody(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit - DRAIN_ALLOWANCE, { closeConnection: true }));
      else callback(null, chunk);
    },
  });
}

/** A write error: 507 when the disk (or the quota) is full, 500 for any other; the connection closes. */
export function writeFailed(error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError(
      507,
      ERROR_CODES.insufficientStorage,
      'The server has no room left to store this file; nothing was stored.',
      'Try again later, or with a smaller file. Tell your administrator: the upload directory is full.',
      [],
      { connection: 'close' },
    );
  }
  console.error('[uploads] writing an upload failed:', error);
  return new ApiError(
    500,
    ERROR_CODES.internal,
    'The server could not store this file; nothing was stored.',
    'Try again. If it keeps happening, tell your administrator (the upload directory cannot be written).',
    [],
    { connection: 'close' },
  );
}

function tooLarge(maxBytes: number, options: { closeConnection?: boolean } = {}): ApiError {
  const size =
    maxBytes >= 1024 ** 3 ? `${(maxBytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(maxBytes / 1024 ** 2)} MB`;
  // When the rest of the body is not read, closing the connection tells the client so, instead of
  // leaving a half-read connection that a keep-alive client would reuse.
  return new ApiError(
    413,
    ERROR_CODES.tooLarge,
    `The file is larger than the upload limit of ${size}.`,
    'Split the file into smaller files and import them one after another (mode upsert), or ask your administrator to raise MAX_UPLOAD_BYTES.',
    [],
    options.closeConnection ? { connection: 'close' } : {},
  );
}
