import { beforeAll, describe, expect, it } from 'vitest';

import { adminApi, Api, baseUrl, createWorkspace, tokenFor, userWithRole } from '../support/api';
import { expectApiError } from '../support/list-helpers';
import { signedIn } from '../support/sessions';

let root: Api;
let workspaceId: string;

beforeAll(async () => {
  root = await adminApi();
  workspaceId = await createWorkspace(root);
});

async function tokenWorks(token: string): Promise<boolean> {
  return (await new Api(baseUrl(), token).get('/api/v1/me')).status === 200;
}

describe('changing your own password (POST /api/v1/me/password)', () => {
  it('needs the current password, and a wrong one changes nothing', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    const wrong = await user.post('/api/v1/me/password', {
      currentPassword: 'not-my-password-1',
      newPassword: 'a-new-password-1',
    });
    const body = expectApiError(wrong, 400, 40004);
    expect(body.message).toBe('The current password is not correct.');
    expect(body.details).toContain('currentPassword: not correct');
    expect(await tokenWorks(user.token!)).toBe(true);
    expect(await tokenFor(user.email, user.password)).toEqual(expect.any(String));
    expectApiError(await user.post('/api/v1/me/password', { newPassword: 'a-new-password-1' }), 400, 40001);
  });

  it('refuses a weak new password, the current one again, and the email address', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    const weak = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: 'short1' });
    expect(expectApiError(weak, 400).message).toContain('at least 10 characters');
    const same = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: user.password });
    expect(expectApiError(same, 400).message).toBe('The new password is the same as the current one.');
    const email = await user.post('/api/v1/me/password', { currentPassword: user.password, newPassword: user.email });
    expect(expectApiError(email, 400).message).toBe('The new password is your email address.');
    expect(await tokenFor(user.email, user.password)).toEqual(expect.any(String));
  });

  it('from a browser: keeps that session, ends every other session and revokes every token', async () => {
    const user = await userWithRole(root, workspaceId, 'editor');
    const spareToken = await tokenFor(user.email, user.password);
    const here = await signedIn(baseUrl(), user.email, user.password);
    const elsewhere = await signedIn(baseUrl(), user.email, user.password);
    const stolenCookie = here.sessionCookie!;

    const changed = await here.api('POST', '/api/v1/me/password', {
      currentPassword: user.password,
      newPassword: 'my-own-new-password-1',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ otherSessionsEnded: true, tokensRevoked: 2 });

    expect((await here.api('GET', '/api/v1/me')).status).toBe(200);
    expect((await elsewhere.api('GET', '/api/v1/me')).status).toBe(401);
    // The cookie as it was before the change (copied by someone) no longer works either.
    expect((await fetch(`${baseUrl()}/api/v1/me`, { headers: { cookie: stolenCookie } })).status).toBe(401);
    expect(await tokenWorks(user.token!)).toBe(false);
    expect(await tokenWorks(spareToken)).toBe(false);
    // The old password is gone; the new one signs in.
    expect((await new Api(baseUrl()).post('/api/v1/auth/token', user)).status).toBe(401);
    expect(await tokenWorks(await tokenFor(user.email, 'my-own-new-password-1'))).toBe(true);
  });

  it('from a script: keeps the token it was made with, revokes the others, ends browser sessions', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    const otherToken = await tokenFor(user.email, user.password);
    const browser = await signedIn(baseUrl(), user.email, user.password);
    const changed = await user.post('/api/v1/me/password', {
      currentPassword: user.password,
      newPassword: 'script-set-password-1',
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.tokensRevoked).toBe(1);
    expect(changed.headers.get('set-cookie')).toBeNull();
    expect(await tokenWorks(user.token!)).toBe(true);
    expect(await tokenWorks(otherToken)).toBe(false);
    expect((await browser.api('GET', '/api/v1/me')).status).toBe(401);
  });

  it('limits guesses of the current password like sign-ins', async () => {
    const user = await userWithRole(root, workspaceId, 'viewer');
    let last;
    for (let i = 0; i < 11; i++) {
      last = await user.post('/api/v1/me/password', {
        currentPassword: `guess-${i}-xyz`,
        newPassword: 'whatever-pw-1',
      });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
