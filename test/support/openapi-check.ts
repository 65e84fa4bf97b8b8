import addFormats from 'ajv-formats';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';

/**
 * Checks every request an integration test sends and every answer it gets against the OpenAPI
 * document the app serves, so an answer that drifts from the document fails the test that saw it.
 * The document is read once per run from GET /api/v1/openapi.json (the one clients generate from).
 */

type Responses = Record<string, { content?: Record<string, unknown> }>;
type OperationObject = { requestBody?: { content?: Record<string, unknown> }; responses: Responses };
type Document = { paths: Record<string, Record<string, OperationObject>> };

type Checker = {
  document: Document;
  ajv: Ajv2020;
  templates: { template: string; pattern: RegExp; params: number }[];
};

const DOCUMENT_ID = 'listport-openapi';
const checkers = new Map<string, Promise<Checker>>();

async function checkerFor(baseUrl: string): Promise<Checker> {
  let checker = checkers.get(baseUrl);
  if (!checker) {
    checker = (async () => {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
      if (!response.ok) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`);
      const document = (await response.json()) as Document;
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ ...document, $id: DOCUMENT_ID });
      const templates = Object.keys(document.paths)
        .map((template) => ({
          template,
          params: (template.match(/\{/g) ?? []).length,
          pattern: new RegExp(`^/api/v1${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
        }))
        // A literal segment wins over a parameter: /lists/guess is not /lists/{listId}.
        .sort((a, b) => a.params - b.params);
      return { document, ajv, templates };
    })();
    checkers.set(baseUrl, checker);
  }
  return checker;
}

function pointer(...segments: string[]): string {
  return `${DOCUMENT_ID}#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function validator(checker: Checker, ...segments: string[]): ValidateFunction {
  const validate = checker.ajv.getSchema(pointer(...segments));
  if (!validate) throw new Error(`No schema at ${segments.join(' ')}`);
  return validate;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('; ');
}

export type Exchange = {
  baseUrl: string;
  method: string;
  path: string;
  requestJson?: unknown;
  status: number;
  contentType: string;
  body: unknown;
};

/** Throws (so the test fails) when the exchange is not what the document says. */
export async function checkAgainstDocument(exchange: Exchange): Promise<void> {
  const pathname = new URL(exchange.path, 'http://x').pathname;
  if (!pathname.startsWith('/api/v1/')) return;
  const checker = await checkerFor(exchange.baseUrl);
  const method = exchange.method.toLowerCase();
  const matches = checker.templates.filter((t) => t.pattern.test(pathname));
  const found = matches.find((t) => checker.document.paths[t.template]![method]);
  const where = `${exchange.method} ${pathname} → ${exchange.status}`;
  if (!found) {
    // Probes of addresses or methods that do not exist are answered by Next itself.
    if (exchange.status === 404 || exchange.status === 405) return;
    throw new Error(`OpenAPI drift: ${where}, but the document has no such operation.`);
  }
  const operation = checker.document.paths[found.template]![method]!;
  const ok = exchange.status >= 200 && exchange.status < 300;

  if (ok && exchange.requestJson !== undefined && operation.requestBody?.content?.['application/json']) {
    const validate = validator(
      checker,
      'paths',
      found.template,
      method,
      'requestBody',
      'content',
      'application/json',
      'schema',
    );
    if (!validate(exchange.requestJson)) {
      throw new Error(
        `OpenAPI drift: ${where} accepted a body the document calls invalid: ${describeErrors(validate)}`,
      );
    }
  }

  const status = String(exchange.status);
  const documented = operation.responses[status] ? status : exchange.status >= 400 ? 'default' : undefined;
  if (!documented) throw new Error(`OpenAPI drift: ${where}, a status the document does not list for it.`);
  const jsonSchema = operation.responses[documented]!.content?.['application/json'];
  const answeredJson = exchange.contentType.includes('json');
  if (!jsonSchema || !answeredJson) {
    if (jsonSchema && ok) throw new Error(`OpenAPI drift: ${where} answered ${exchange.contentType}, not JSON.`);
    return;
  }
  const validate = validator(
    checker,
    'paths',
    found.template,
    method,
    'responses',
    documented,
    'content',
    'application/json',
    'schema',
  );
  if (!validate(exchange.body)) {
    throw new Error(
      `OpenAPI drift: ${where} answered a body the document does not describe: ${describeErrors(validate)}`,
    );
  }
}
