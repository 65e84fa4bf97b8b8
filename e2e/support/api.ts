import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

export const DEMO_ADMIN = { email: 'admin@example.com', password: 'listport-demo' };

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
