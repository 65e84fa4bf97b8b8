/** Typed fetch for the browser: same-origin, session cookie, and the API's error shape turned into an Error. */
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

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let response: Response;
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

export type Collection<T> = { start: number; limit: number; count: number; items: T[] };
