import { expect, test } from '@playwright/test';

import { adminToken, createUser, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectSignedInShell, screenshotPath, signIn } from './support/pages';

test('a signed-out visitor is sent to sign-in', async ({ page }) => {
  await page.goto('/lists');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in to Listport' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('01-sign-in'), fullPage: true });
});

test('the demo admin signs in, sees the app shell, and signs out', async ({ page }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expectSignedInShell(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Lists', 'Jobs', 'Custom imports', 'Admin']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(page.getByLabel('Workspace')).toHaveValue(/.+/);
  await expect(page.getByLabel('Workspace').locator('option:checked')).toHaveText(/Demo/);
  await page.screenshot({ path: screenshotPath('02-signed-in-shell'), fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/lists');
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password is refused without saying which part was wrong', async ({ page }) => {
  await signIn(page, DEMO_ADMIN.email, 'not-the-password', { expectSuccess: false });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await signIn(page, 'nobody@example.com', 'not-the-password', { expectSuccess: false });
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot({ path: screenshotPath('03-wrong-password'), fullPage: true });
});

test('a viewer cannot reach the admin page', async ({ page, request }) => {
  const token = await adminToken(request);
  const viewer = await createUser(request, token, await demoWorkspaceId(request, token), 'viewer');
  await signIn(page, viewer.email, viewer.password);
  await expectSignedInShell(page);
  // The menu shows only what a viewer can use; the page itself still refuses a viewer who goes there.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Lists' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Custom imports' })).toHaveCount(0);
  await expect(page.getByLabel('Workspace').locator('option:checked')).toHaveText(/\(can view\)/);
  await page.goto('/admin');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('You need the admin role');
  await expect(page.getByRole('heading', { name: /Members of/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('04-viewer-admin-refused'), fullPage: true });
  // The API agrees: the viewer's session cannot list users.
  const users = await page.request.get('/api/v1/users');
  expect(users.status()).toBe(403);
});

test('an admin creates a user in the admin page, who can then sign in', async ({ page, browser }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expectSignedInShell(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const email = `new-${Date.now()}@example.com`;
  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('New Editor');
  await form.getByLabel('Password').fill('short');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('at least 10 characters');
  await form.getByLabel('Password').fill('a-good-password-1');
  await form.getByLabel('Role here').selectOption('editor');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(`${email} can now sign in`);
  await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('05-admin-console'), fullPage: true });

  const other = await browser.newPage();
  await signIn(other, email, 'a-good-password-1');
  await expectSignedInShell(other);
  await other.close();
});

test('an API call with a bad token gets 401 in the API error shape', async ({ request }) => {
  const response = await request.get('/api/v1/lists', { headers: { 'x-auth-jwt': 'bad.token.value' } });
  expect(response.status()).toBe(401);
  const body = await response.json();
  expect(body).toMatchObject({ httpStatusCode: 401, version: 2 });
  expect(body.remediation).toContain('token');
  expect(body.details).toEqual(expect.arrayContaining([expect.stringMatching(/^correlator: /)]));
});
