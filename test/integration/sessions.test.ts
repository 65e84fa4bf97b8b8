import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, Api, baseUrl, createWorkspace, userWithRole } from '../support/api';
import { signedIn } from '../support/sessions';

/** A browser session is checked on every request against its account's session version. */
let workspaceId: string;
let root: Api;

beforeAll(async () => {
  root = await adminApi();
  workspaceId = await createWorkspace(root);
});

describe('signing out', () => {
  it('ends the session: its cookie replayed afterwards is refused, by the API and by next-auth', async () => {
    const user = await userWithRole(root, workspaceId, 'editor');
    const session = await signedIn(baseUrl(), user.email, user.password);
    const stolen = session.sessionCookie!;
    expect((await session.api('GET', '/api/v1/me')).status).toBe(200);

    await session.signOut();

    const replayed = await fetch(`${baseUrl()}/api/v1/me`, { headers: { cookie: stolen } });
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).message).toMatch(/session has ended/);
    const nextAuthSession = await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: stolen } });
    expect(await nextAuthSession.json()).toEqual({});
    // Pages send it to sign in again.
    const page = await fetch(`${baseUrl()}/lists`, { headers: { cookie: stolen }, redirect: 'manual' });
    expect(page.headers.get('location') ?? (await page.text())).toContain('/login');
  });

  it('ends every browser session of the account, but not its API tokens', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    const laptop = await signedIn(baseUrl(), user.email, user.password);
    const phone = await signedIn(baseUrl(), user.email, user.password);
    await laptop.signOut();
    expect((await phone.api('GET', '/api/v1/me')).status).toBe(401);
    expect((await user.get('/api/v1/me')).status).toBe(200);
    // Signing in again works.
    const again = await signedIn(baseUrl(), user.email, user.password);
    expect((await again.api('GET', '/api/v1/me')).status).toBe(200);
  });

  it('refuses a session cookie without a session version (signed before versions existed)', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    const [setting] = await sql`select value from app_settings where key = 'auth_secret'`;
    await sql.end();
    const unversioned = await encode({ token: { sub: user.id, email: user.email }, secret: setting!.value });
    const response = await fetch(`${baseUrl()}/api/v1/me`, {
      headers: { cookie: `next-auth.session-token=${unversioned}` },
    });
    expect(response.status).toBe(401);
  });
});
