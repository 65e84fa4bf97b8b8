import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { adminToken, createUser, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { expectSignedInShell, screenshotPath, signIn } from './support/pages';

/** A workspace run by a workspace admin who is not an instance admin: the one who must invite. */
async function workspaceWithAdmin(request: APIRequestContext) {
  const token = await adminToken(request);
  const name = `Team ${randomBytes(3).toString('hex')}`;
  const created = await request.post('/api/v1/workspaces', { headers: { 'x-auth-jwt': token }, data: { name } });
  expect(created.status()).toBe(201);
  const workspaceId = (await created.json()).id as string;
  const admin = await createUser(request, token, workspaceId, 'admin');
  // The demo admin created the workspace and is its admin too: it leaves, so `admin` runs it alone.
  const me = await (await request.get('/api/v1/me', { headers: { 'x-auth-jwt': token } })).json();
  const left = await request.delete(`/api/v1/workspaces/${workspaceId}/members/${me.id}`, {
    headers: { 'x-auth-jwt': token },
  });
  expect(left.status()).toBe(204);
  return { workspaceId, name, admin, token };
}

async function openAdmin(page: Page, user: { email: string; password: string }) {
  await signIn(page, user.email, user.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: /Members of/ })).toBeVisible();
}

test('a workspace admin invites a new person, who opens the link, chooses a password and is in', async ({
  page,
  browser,
}) => {
  const { name, admin } = await workspaceWithAdmin(page.request);
  await openAdmin(page, admin);
  // Accounts are created by instance admins; a workspace admin invites.
  await expect(page.getByRole('form', { name: 'Create a user' })).toHaveCount(0);

  const email = `invitee-${randomBytes(3).toString('hex')}@example.com`;
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('editor');
  await form.getByRole('button', { name: 'Invite' }).click();
  const status = page.getByRole('main').getByRole('status');
  await expect(status).toContainText(`${email} is invited as editor`);
  const link = (await status.getByLabel('Invitation link').textContent())!;
  expect(link).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
  await expect(
    page.getByRole('table', { name: 'Open invitations' }).getByRole('row').filter({ hasText: email }),
  ).toBeVisible();
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('20-admin-invitation-link'), fullPage: true });

  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto(link);
  await expect(theirs.getByRole('heading', { name: `Join “${name}”` })).toBeVisible();
  const join = theirs.getByRole('form', { name: 'Create your account' });
  await expect(join.getByRole('button', { name: 'Create account and join' })).toBeEnabled();
  await expect(join.getByLabel('Email')).toHaveValue(email);
  await join.getByLabel('Your name').fill('Ines Invitee');
  await join.getByLabel('Choose a password').fill('short');
  await join.getByLabel('Type it again').fill('short');
  await join.getByRole('button', { name: 'Create account and join' }).click();
  await expect(theirs.getByRole('main').getByRole('alert')).toContainText('at least 10 characters');
  await expectAxeClean(theirs);
  await theirs.screenshot({ path: screenshotPath('21-invitation-link-page') });
  await join.getByLabel('Choose a password').fill('ines-own-password-1');
  await join.getByLabel('Type it again').fill('ines-own-password-1');
  await join.getByRole('button', { name: 'Create account and join' }).click();
  await expectSignedInShell(theirs);

  // The link worked once.
  await theirs.goto(link);
  await expect(theirs.getByRole('heading', { name: 'This invitation link does not work' })).toBeVisible();

  await page.reload();
  const row = page
    .getByRole('table', { name: /Members of/ })
    .getByRole('row')
    .filter({ hasText: email });
  await expect(row.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('editor');
});

test('an account of another workspace sees the invitation on its account page and joins', async ({ page }) => {
  const { workspaceId, name, admin } = await workspaceWithAdmin(page.request);
  const token = await adminToken(page.request);
  const existing = await createUser(page.request, token, await demoWorkspaceId(page.request, token), 'viewer');
  const adminToken2 = (
    await (
      await page.request.post('/api/v1/auth/token', { data: { email: admin.email, password: admin.password } })
    ).json()
  ).token as string;
  const invited = await page.request.post(`/api/v1/workspaces/${workspaceId}/members`, {
    headers: { 'x-auth-jwt': adminToken2 },
    data: { email: existing.email, role: 'editor' },
  });
  expect(invited.status()).toBe(202);

  await signIn(page, existing.email, existing.password);
  await page
    .getByRole('link', { name: /account/i })
    .first()
    .click();
  const panel = page.getByRole('region', { name: 'Invitations' });
  await expect(panel.getByRole('listitem')).toContainText(`invites you to workspace “${name}” as editor`);
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('22-account-invitations'), fullPage: true });
  await panel.getByRole('button', { name: `Join “${name}”` }).click();
  await expect(panel.getByRole('status')).toContainText(`You joined “${name}” as editor`);
  await expect(panel.getByText('You have no open invitations.')).toBeVisible();
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me.workspaces.find((w: { id: string }) => w.id === workspaceId)?.role).toBe('editor');
});

test('the admin page has one status region and will not demote the last admin', async ({ page }) => {
  const { admin } = await workspaceWithAdmin(page.request);
  await openAdmin(page, admin);
  await expect(page.getByRole('main').getByRole('status')).toHaveCount(1);
  await page.getByRole('combobox', { name: `Role of ${admin.email}` }).selectOption('viewer');
  await expect(page.getByRole('main').getByRole('alert')).toContainText(`${admin.email} is the only admin`);
  await expect(page.getByRole('combobox', { name: `Role of ${admin.email}` })).toHaveValue('admin');
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('23-admin-last-admin-refused'), fullPage: true });
});
