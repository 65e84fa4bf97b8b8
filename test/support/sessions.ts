/**
 * A browser session over plain HTTP: next-auth's CSRF token, the credentials callback, the session
 * cookie — what a browser does on the sign-in page, so tests can replay, sign out and compare.
 */
export class BrowserSession {
  private readonly jar = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The session cookie alone, to replay it from elsewhere. */
  get sessionCookie(): string | undefined {
    const value = this.jar.get('next-auth.session-token');
    return value ? `next-auth.session-token=${value}` : undefined;
  }

  keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*max-age=0\b/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.jar.delete(name!.trim());
      else this.jar.set(name!.trim(), value);
    }
    return response;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie },
    });
    return this.keep(response);
  }

  private async csrfToken(): Promise<string> {
    return ((await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
  }

  /** Signs in through the sign-in form's endpoint; resolves with next-auth's error code, if any. */
  async signIn(email: string, password: string): Promise<{ ok: boolean; error?: string }> {
    const response = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: await this.csrfToken(), email, password, json: 'true' }),
    });
    // next-auth answers {url} to its own client (json: true), a redirect otherwise; either names the error.
    const location =
      response.headers.get('location') ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? '';
    const error = new URL(location, this.baseUrl).searchParams.get('error') ?? undefined;
    return { ok: !error && Boolean(this.sessionCookie), error };
  }

  async signOut(): Promise<void> {
    await this.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken: await this.csrfToken(), json: 'true' }),
    });
  }

  /** An API call with this session's cookie, as the browser's pages make them. */
  async api(method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
    const response = await this.fetch(path, {
      method,
      ...(json !== undefined && { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

/** A session signed in as `email`; fails the test if the sign-in does not succeed. */
export async function signedIn(baseUrl: string, email: string, password: string): Promise<BrowserSession> {
  const session = new BrowserSession(baseUrl);
  const result = await session.signIn(email, password);
  if (!result.ok) throw new Error(`Sign-in as ${email} failed: ${result.error ?? 'no session cookie'}`);
  return session;
}
