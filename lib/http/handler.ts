import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';

import { ReadTooLong } from '@/db/queries/read-bound';
import { authenticate, type Principal } from '@/lib/auth/principal';
import { ApiError, ERROR_CODES, errorBody } from '@/lib/errors';
import { ClientGone } from '@/lib/http/admission';
import { isKeyTooLongToIndex, KEY_TOO_LONG } from '@/lib/lists/key-too-long';
import { plural } from '@/lib/shared/plural';

type RouteContext<P> = { params: Promise<P> };

export type ApiContext<P> = { request: Request; params: P; principal: Principal; correlator: string };
export type PublicApiContext<P> = Omit<ApiContext<P>, 'principal'>;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Wraps a REST handler: correlator id, cross-site request refusal, authentication, and the one
 * error shape for every failure. Handlers stay thin: parse → domain call → Response.
 *
 * An account whose password someone else chose (the demo password, an admin's reset) may only read
 * who it is and choose its own password: routes that allow that say `duringPasswordChange`.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  options: { duringPasswordChange?: boolean } = {},
) {
  return publicApiRoute<P>(async (ctx) => {
    const principal = await authenticate(ctx.request);
    if (principal.mustChangePassword && !options.duringPasswordChange) throw passwordChangeRequired();
    return handler({ ...ctx, principal });
  });
}

function passwordChangeRequired(): ApiError {
  return new ApiError(
    403,
    ERROR_CODES.passwordChangeRequired,
    'Choose your own password before using Listport: this account still has a password someone else chose.',
    'Sign in to Listport in a browser and choose a new password, or send POST /api/v1/me/password with {"currentPassword", "newPassword"}.',
  );
}

export function publicApiRoute<P = Record<string, never>>(handler: (ctx: PublicApiContext<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const correlator = randomUUID();
    const path = new URL(request.url).pathname;
    const started = Date.now();
    let response: Response;
    try {
      rejectCrossSite(request);
      response = await handler({ request, params: await context.params, correlator });
    } catch (error) {
      // A request whose client left while it waited its turn: no one is left to answer, and the
      // status (nginx's "client closed request") says so in the log.
      response =
        error instanceof ClientGone ? new Response(null, { status: 499 }) : errorResponse(error, path, correlator);
    }
    response.headers.set('x-correlation-id', correlator);
    // API answers are data of one user (contents, files, errors, /me): never kept by a browser or proxy.
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    if (response.status >= 400) {
      console.log(
        `[api] ${request.method} ${path} → ${response.status} correlator=${correlator} ${Date.now() - started}ms`,
      );
    }
    return response;
  };
}

export function errorResponse(error: unknown, path: string, correlator: string): Response {
  const apiError = toApiError(error, correlator);
  const body = errorBody(apiError, correlator, [`path: ${path}`, `correlator: ${correlator}`]);
  return Response.json(body, { status: apiError.status, headers: apiError.headers });
}

function toApiError(error: unknown, correlator: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map(
      (issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
    );
    return new ApiError(
      400,
      ERROR_CODES.validation,
      `The request is not valid: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
      'Correct the fields listed in details and send the request again.',
      details,
    );
  }
  if (errorCodes(error).some((code) => UNSTORABLE_TEXT_CODES.has(code)) || isLoneSurrogateInJson(error)) {
    return ApiError.badRequest(
      'The request contains a character that cannot be stored: a NUL character (\\0) or a broken Unicode escape.',
      'Remove the NUL character (or the \\u0000 escape) from the names, values and filters you send.',
    );
  }
  if (isVanishedListTable(error)) return ApiError.notFound('The list');
  if (isKeyTooLongToIndex(error)) return ApiError.badRequest(KEY_TOO_LONG.message, KEY_TOO_LONG.remediation);
  if (error instanceof ReadTooLong) {
    return new ApiError(
      503,
      ERROR_CODES.readTooLong,
      `This request took too long (over ${plural(error.seconds, 'second')}) and was stopped: it reads too many records at once.`,
      'Read fewer records: sort by the key (or not at all), filter the list, or ask for an earlier page; compare revisions one kind of change at a time.',
    );
  }
  if (isDatabaseUnavailable(error)) {
    console.error(`[api] database unavailable correlator=${correlator}:`, error);
    return new ApiError(
      503,
      ERROR_CODES.unavailable,
      'The database is not reachable right now.',
      'Try again in a minute. If it persists, tell your administrator.',
      [],
      {
        'retry-after': '10',
      },
    );
  }
  console.error(`[api] unexpected error correlator=${correlator}:`, error);
  return new ApiError(
    500,
    ERROR_CODES.internal,
    'Something went wrong on our side; nothing was changed by this request.',
    `Try again. If it keeps happening, give your administrator this correlator: ${correlator}.`,
  );
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up)
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** PostgreSQL refuses NUL in text (22021) and \u0000 in jsonb (22P05): the client's input, not our failure. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

/**
 * A lone surrogate (`"\ud800"` in the request's JSON) in a name stored in a jsonb column: JavaScript
 * strings hold it, PostgreSQL's JSON refuses it (22P02, "Unicode low surrogate must follow a high
 * surrogate") — the client's input, not our failure (attacker pass: a list created with one was a 500).
 */
function isLoneSurrogateInJson(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; detail?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (current.code === '22P02' && typeof current.detail === 'string' && /surrogate/i.test(current.detail)) {
      return true;
    }
    current = current.cause as typeof current;
  }
  return false;
}

/** The error codes of an error and its wrapped causes (drizzle wraps driver errors). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (typeof current.code === 'string') codes.push(current.code);
    current = current.cause as typeof current;
  }
  return codes;
}

/**
 * A list's table (`ld_…`, or a kept version's) that is not there: the list was deleted while the
 * request read it — its row was loaded just before the delete committed, its table read just after.
 */
function isVanishedListTable(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (
      current.code === UNDEFINED_TABLE &&
      typeof current.message === 'string' &&
      /^relation "(?:\w+\.)?ld_[0-9a-f]/.test(current.message)
    ) {
      return true;
    }
    current = current.cause as typeof current;
  }
  return false;
}

const UNDEFINED_TABLE = '42P01';

/** A connection-level failure, looked for through wrapped causes. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorCodes(error).some((code) => UNAVAILABLE_CODES.has(code));
}

/**
 * Browsers send Origin and Sec-Fetch-Site: a state-changing request from another site is refused,
 * so a session cookie cannot be used by a page elsewhere. Scripts send neither and are unaffected.
 */
function rejectCrossSite(request: Request): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const crossOrigin = origin !== null && origin !== 'null' && host !== null && originHost(origin) !== host;
  if (site === 'cross-site' || crossOrigin || origin === 'null') {
    throw new ApiError(
      403,
      ERROR_CODES.crossSite,
      'Requests from other sites are not accepted.',
      'Use Listport itself, or call the API from a script with a token.',
    );
  }
}

/** The host of an Origin header; one that is not a URL is refused (browsers always send a URL or "null"). */
function originHost(origin: string): string {
  if (URL.canParse(origin)) return new URL(origin).host;
  throw ApiError.badRequest(
    'The Origin header of the request is not a URL.',
    'Send the Origin header as browsers do (e.g. https://listport.example.com), or leave it out from scripts.',
  );
}
