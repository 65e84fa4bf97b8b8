import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

/** The password the first start gives the demo admin, who must replace it at first sign-in. */
export const DEMO_PASSWORD = 'listport-demo';

/**
 * The demo admin after that first sign-in: e2e/first-sign-in.setup.ts (a project every spec depends
 * on) chooses this password through the forced change, as a newcomer would.
 */
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'e2e-admin-password-1' };

/** Seeds through the public API, as a script would: tests create their own users and lists. */
export async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/token', { data: DEMO_ADMIN });
  if (!response.ok()) throw new Error(`admin token: ${response.status()} ${await response.text()}`);
  return (await response.json()).token;
}

export async function demoWorkspaceId(request: APIRequestContext, token: string): Promise<string> {
  const me = await (await request.get('/api/v1/me', { headers: { 'x-auth-jwt': token } })).json();
  return me.workspaces.find((w: { name: string }) => w.name === 'Demo').id;
}

export async function createUser(
  request: APIRequestContext,
  token: string,
  workspaceId: string,
  role: 'admin' | 'editor' | 'viewer',
) {
  const user = {
    email: `${role}-${randomBytes(4).toString('hex')}@example.com`,
    name: `E2E ${role}`,
    password: `pw-${randomBytes(6).toString('hex')}`,
  };
  const response = await request.post('/api/v1/users', {
    headers: { 'x-auth-jwt': token },
    data: { ...user, workspaceId, role },
  });
  if (response.status() !== 201) throw new Error(`create user: ${response.status()} ${await response.text()}`);
  return user;
}
