import { z } from 'zod';

import { apiSchemas, errorSchema } from '@/lib/api-contract/common';

import type { Operation } from './operation';
import { ACCOUNT_OPERATIONS } from './operations/accounts';
import { CUSTOM_IMPORT_OPERATIONS } from './operations/custom-imports';
import { JOB_OPERATIONS } from './operations/jobs';
import { LIST_OPERATIONS } from './operations/lists';
import { REVISION_OPERATIONS } from './operations/revisions';
import { WEBHOOK_OPERATIONS } from './operations/webhooks';
import { WORKSPACE_OPERATIONS } from './operations/workspaces';

export const API_OPERATIONS: Operation[] = [
  ...LIST_OPERATIONS,
  ...REVISION_OPERATIONS,
  ...JOB_OPERATIONS,
  ...WORKSPACE_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...CUSTOM_IMPORT_OPERATIONS,
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Reference',
    public: true,
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 document.', schema: z.looseObject({ openapi: z.string() }) } },
  },
];

type JsonSchema = Record<string, unknown>;

const COMPONENT = (id: string) => `#/components/schemas/${id}`;

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect). Registered shapes become references
 * to the document's components; request bodies are described as the handler accepts them (`input`),
 * answers as it produces them (`output`).
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (id) return { $ref: COMPONENT(id) };
  const converted = z.toJSONSchema(schema, {
    io,
    metadata: apiSchemas,
    unrepresentable: 'any',
    // Dates arrive as text (query parameters such as from= and to=): ISO 8601.
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'date')
        Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as JsonSchema;
  delete converted.$schema;
  delete converted.$defs;
  return JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', `"${COMPONENT('')}`)) as JsonSchema;
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: COMPONENT, unrepresentable: 'any' }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.id;
  }
  return schemas;
}

function parameters(operation: Operation) {
  const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name: name!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = operation.query
    ? (jsonSchema(operation.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] })
    : {};
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
  return [...inPath, ...inQuery];
}

function requestBody(operation: Operation) {
  if (operation.body) {
    return {
      required: true,
      content: {
        'application/json': {
          schema: jsonSchema(operation.body, 'input'),
          ...(operation.bodyExample !== undefined && { example: operation.bodyExample }),
        },
      },
    };
  }
  if (operation.multipart) {
    const fields = jsonSchema(operation.multipart.fields, 'input') as { properties?: Record<string, JsonSchema> };
    const files = Object.fromEntries(
      operation.multipart.files.map((name) => [name, { type: 'string', contentMediaType: 'application/octet-stream' }]),
    );
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { ...fields.properties, ...files },
            required: operation.multipart.required ?? [],
          },
        },
      },
    };
  }
  return undefined;
}

function responses(operation: Operation) {
  const answers: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(operation.responses)) {
    const content = answer.schema
      ? { 'application/json': { schema: jsonSchema(answer.schema, 'output') } }
      : answer.mediaType
        ? { [answer.mediaType]: { schema: { type: 'string' } } }
        : undefined;
    answers[status] = {
      description: answer.description,
      ...(content && { content }),
      ...(answer.headers && {
        headers: Object.fromEntries(
          Object.entries(answer.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        ),
      }),
    };
  }
  // Every failure has the one error shape, whatever its status (400, 401, 403, 404, 409, 413, 429, 503…).
  answers.default = {
    description: 'The request failed; the body says why and what to do.',
    content: { 'application/json': { schema: { $ref: COMPONENT('Error') } } },
  };
  return answers;
}

function operationId(operation: Operation): string {
  const words = operation.path
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      segment
        .replace(/[{}]/g, '')
        .replace(/\.(\w+)$/, '_$1')
        .replace(/[^A-Za-z0-9_]/g, '_'),
    );
  return [operation.method, ...words].join('_');
}

/** The OpenAPI 3.1 document of `/api/v1`, built from the schemas the handlers parse with. */
export function openApiDocument(serverUrl = '/api/v1') {
  // Registered so that the error shape is a component even if no answer names it.
  void errorSchema;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    const body = requestBody(operation);
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: operationId(operation),
      summary: operation.summary,
      ...(operation.description && { description: operation.description }),
      tags: [operation.tag],
      ...(operation.public && { security: [] }),
      parameters: parameters(operation),
      ...(body && { requestBody: body }),
      responses: responses(operation),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Listport API',
      version: '1',
      description:
        'Lists, imports, jobs, workspaces and webhooks of Listport. Get a token from POST /auth/token and send it as `x-auth-jwt` or `Authorization: Bearer`. Every failure answers with the Error shape; its codes are listed in docs/errors.md.',
    },
    servers: [{ url: serverUrl }],
    security: [{ xAuthJwt: [] }, { bearer: [] }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        xAuthJwt: { type: 'apiKey', in: 'header', name: 'x-auth-jwt', description: 'A token from POST /auth/token.' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
