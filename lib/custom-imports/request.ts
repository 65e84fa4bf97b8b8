import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

import { env } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { receiveUpload, safeFileName, writeFailed } from '@/lib/uploads/receive-upload';

import type { RawValues, StoredFiles } from './inputs';
import type { RegisteredScript } from './registry';

/**
 * A validate-input / preview / submit-job request, read from either body the API accepts:
 * - JSON, as the seed sends it: `{values: [{type, name, value}], preview}` (an object
 *   `{name: value}` for values works too); a file input's value is `{name, size, type, data}` with
 *   `data` in base64 or as a data: URL;
 * - multipart/form-data: the file as a part named after its input, the other values as fields
 *   named after their inputs or as one `values` field holding the JSON above, `preview` likewise.
 * Files are written to the upload directory; `discard()` removes them unless a job keeps them.
 */
export type CustomImportRequest = {
  raw: RawValues;
  files: StoredFiles;
  preview: unknown;
  discard: () => Promise<void>;
};

const seedValue = z.object({ name: z.string().min(1), type: z.string().optional(), value: z.unknown() });
const valuesSchema = z.union([z.array(seedValue), z.record(z.string(), z.unknown())]);
/** The JSON body of validate-input, preview and submit-job (also described by the OpenAPI document). */
export const customImportBodySchema = z.object({ values: valuesSchema.optional(), preview: z.unknown().optional() });
const fileObjectSchema = z.object({
  name: z.string().min(1, 'a file needs a name'),
  size: z.number().int().min(0).optional(),
  type: z.string().optional(),
  data: z.string(),
});

export async function readCustomImportRequest(
  request: Request,
  script: RegisteredScript,
): Promise<CustomImportRequest> {
  const fileInput = script.inputs.find((i) => i.type === 'file');
  const files: StoredFiles = {};
  const discard = async () => {
    await Promise.all(Object.values(files).map((f) => fs.rm(f.path, { force: true })));
  };
  const config = env();
  try {
    const contentType = request.headers.get('content-type') ?? '';
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const upload = await receiveUpload(request, { fileField: fileInput?.name ?? 'file' });
      if (upload.file && fileInput) {
        files[fileInput.name] = {
          name: upload.file.fileName,
          size: upload.file.size,
          type: mimeType(upload.file.fileName),
          path: upload.file.path,
          sha256: upload.file.sha256,
        };
      }
      const { values, preview, ...fields } = upload.fields;
      const raw: RawValues = { ...(values ? toRaw(parseJsonField('values', values, valuesSchema)) : {}), ...fields };
      return { raw, files, preview: preview ? parseJsonField('preview', preview, z.unknown()) : undefined, discard };
    }
    const body = await readJson(request, customImportBodySchema);
    const raw = toRaw(body.values ?? []);
    if (
      fileInput &&
      raw[fileInput.name] !== undefined &&
      typeof raw[fileInput.name] === 'object' &&
      raw[fileInput.name] !== null
    ) {
      files[fileInput.name] = await storeFileObject(
        raw[fileInput.name],
        fileInput.name,
        config.uploadDir,
        config.MAX_UPLOAD_BYTES,
      );
      delete raw[fileInput.name];
    }
    return { raw, files, preview: body.preview, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}

function toRaw(values: z.output<typeof valuesSchema>): RawValues {
  if (!Array.isArray(values)) return { ...values };
  return Object.fromEntries(values.map((v) => [v.name, v.value]));
}

function parseJsonField<S extends z.ZodType>(name: string, text: string, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ApiError.badRequest(
      `The multipart field "${name}" is not valid JSON.`,
      `Send "${name}" as JSON, e.g. [{"name":"headerRow","value":"1"}].`,
    );
  }
  return schema.parse(value);
}

/** The seed's file object `{name, size, type, data}`: base64 (or a data: URL), checked against its declared size. */
async function storeFileObject(value: unknown, input: string, dir: string, maxBytes: number) {
  const parsed = fileObjectSchema.safeParse(value);
  if (!parsed.success) {
    throw ApiError.badRequest(
      `The value of "${input}" is not a file object.`,
      'Send files as {"name": "data.xlsx", "size": 1234, "type": "…", "data": "<base64>"} or as a multipart file part.',
      parsed.error.issues.map((i) => `${input}.${i.path.join('.')}: ${i.message}`),
    );
  }
  const { name, size, type, data } = parsed.data;
  const dataUrl = /^data:([^;,]*)(;base64)?,/.exec(data);
  const payload = dataUrl ? data.slice(dataUrl[0].length) : data;
  if (dataUrl && !dataUrl[2])
    throw ApiError.badRequest(
      `The data URL of "${input}" is not base64-encoded.`,
      'Use a data URL of the form data:<type>;base64,<data>.',
    );
  const compact = payload.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact))
    throw ApiError.badRequest(`The data of "${input}" is not valid base64.`, 'Encode the file content in base64.');
  if ((compact.length * 3) / 4 > maxBytes + 4)
    throw new ApiError(
      413,
      41300,
      `"${name}" is larger than the upload limit.`,
      'Send large files as multipart uploads, or split them.',
    );
  const bytes = Buffer.from(compact, 'base64');
  if (size !== undefined && size !== bytes.length) {
    throw ApiError.badRequest(
      `"${name}" should have ${size} bytes but its data decodes to ${bytes.length}.`,
      'Send the whole file, base64-encoded; the data may have been cut off.',
    );
  }
  const target = path.join(dir, `${randomUUID()}.upload`);
  try {
    await fs.writeFile(target, bytes, { mode: 0o600 });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw writeFailed(error);
  }
  const fileName = safeFileName(name);
  return {
    name: fileName,
    size: bytes.length,
    type: type || dataUrl?.[1] || mimeType(fileName),
    path: target,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function mimeType(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop();
  const types: Record<string, string> = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
    json: 'application/json',
    jsonl: 'application/x-ndjson',
    ndjson: 'application/x-ndjson',
    csv: 'text/csv',
    txt: 'text/plain',
  };
  return types[ext ?? ''] ?? 'application/octet-stream';
}
