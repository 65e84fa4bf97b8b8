import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

import { openApiDocument } from './document';

const API_DIR = path.join(process.cwd(), 'app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every `METHOD /path` that a route file under app/api/v1 exports, `[listId]` written `{listId}`. */
function routesOnDisk(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const route = path
          .relative(API_DIR, path.dirname(full))
          .split(path.sep)
          .map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}'))
          .join('/');
        for (const method of METHODS) {
          if (new RegExp(`export const ${method}\\b`).test(source)) routes.push(`${method} /${route}`);
        }
      }
    }
  };
  walk(API_DIR);
  return routes.sort();
}

function routesInDocument(): string[] {
  const document = openApiDocument();
  return Object.entries(document.paths)
    .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
    .sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(openApiDocument() as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route under app/api/v1, and nothing that is not there', () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(40);
    expect(routesInDocument()).toEqual(onDisk);
  });

  it('gives every operation a unique id, an answer and the error shape', () => {
    const document = openApiDocument();
    const ids = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((o) => (o as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations) as { responses: Record<string, unknown> }[]) {
        expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
        expect(operation.responses.default).toBeDefined();
      }
    }
  });

  it('describes the import upload as multipart with its options', () => {
    const upload = openApiDocument().paths['/lists/{listId}/importJobs']!.post as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> };
    };
    const form = upload.requestBody.content['multipart/form-data']!.schema;
    expect(form.required).toEqual(['dataFile']);
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(['dataFile', 'mode', 'delimiter', 'encoding']));
    // The wizard's optional parts: the file the person chose and the rows they left out.
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(['originalFile', 'leftOutRows']));
  });

  it('documents the download of the rows left out in the import wizard', () => {
    const paths = openApiDocument().paths;
    expect(paths['/lists/{listId}/importJobs/{jobId}/leftOutRows']?.get).toBeDefined();
  });
  it('tells a script of record reads and exports the per-user share, Retry-After and the read bound', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, Record<string, unknown>>>;
    const reads = [
      '/lists/{listId}/contents',
      '/lists/{listId}/revisions/{revision}/contents',
      '/lists/{listId}/revisions/contents',
    ];
    const exports = ['/lists/{listId}/contents.csv', '/lists/{listId}/revisions/{revision}/contents.csv'];
    for (const route of [...reads, ...exports]) {
      const get = paths[route]!.get!;
      const answers = get.responses as Record<string, { description: string; headers?: Record<string, unknown> }>;
      for (const status of ['429', '503'])
        expect(answers[status]?.headers?.['retry-after'], `${route} ${status}`).toBeDefined();
      expect(get.description).toMatch(reads.includes(route) ? /API_READS_PER_USER/ : /CSV_EXPORTS_PER_USER/);
    }
    for (const route of reads) expect(paths[route]!.get!.description).toMatch(/API_READ_TIMEOUT_SECONDS/);
  });
  it('tells a script downloading error reports the per-user share and Retry-After', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, Record<string, unknown>>>;
    const get = paths['/lists/{listId}/importJobs/{jobId}/errorReport']!.get!;
    const answers = get.responses as Record<string, { headers?: Record<string, unknown> }>;
    for (const status of ['429', '503']) expect(answers[status]?.headers?.['retry-after'], status).toBeDefined();
    expect(get.description).toMatch(/ERROR_REPORTS_PER_USER/);
  });
});
