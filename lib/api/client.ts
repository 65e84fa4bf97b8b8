import type { z } from 'zod';

import type { linkSchema } from '@/lib/api-contract/common';

/**
 * Typed fetch for the browser: same-origin, session cookie, and the API's error shape turned into an
 * Error. Components call the fetchers of lib/api/<area>.ts, which name each operation once.
 */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly remediation: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/**
 * A read refused because the person already has their share running (429, e.g. the records grid's
 * pages fetched several at once while scrolling) is sent again after its Retry-After (at most 5 s),
 * this many times, before its error is shown: the wait is the answer, not a failure.
 */
const BUSY_READ_RETRIES = 3;

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const isRead = (rest.method ?? 'GET').toUpperCase() === 'GET';
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(path, {
        ...rest,
        headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...rest.headers },
        ...(json !== undefined && { body: JSON.stringify(json) }),
      });
    } catch {
      throw new ApiClientError(
        0,
        'Listport cannot be reached.',
        'Check your connection; the server may be restarting. Try again in a moment.',
      );
    }
    if (response.status !== 429 || !isRead || attempt === BUSY_READ_RETRIES) break;
    const seconds = Number(response.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, Math.min(Number.isFinite(seconds) ? seconds : 1, 5) * 1000));
  }
  if (response.status === 401) {
    throw new ApiClientError(401, 'Your session has ended.', 'Sign in again to continue.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      { message?: string; remediation?: string; details?: string[] } | undefined;
    throw new ApiClientError(
      response.status,
      body?.message ?? `The server answered ${response.status}.`,
      body?.remediation ?? 'Try again.',
      body?.details ?? [],
    );
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** `/api/v1` and the path, each interpolated id encoded: apiPath`/lists/${listId}/revisions`. */
export function apiPath(parts: TemplateStringsArray, ...ids: (string | number)[]): string {
  return ids.reduce<string>((path, id, i) => `${path}${encodeURIComponent(id)}${parts[i + 1]}`, `/api/v1${parts[0]}`);
}

/** The path with a query string of the parameters that are set (undefined and '' are left out). */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** `{start, limit, count, items, links}`: the collection shape of the API (lib/api-contract collectionOf). */
export type Collection<T> = {
  start: number;
  limit: number;
  count: number;
  items: T[];
  links: z.output<typeof linkSchema>[];
};
