import { expect, test } from '@playwright/test';

import { adminToken, createUser, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { expectSignedInShell, screenshotPath, signIn } from './support/pages';

test('a user changes their password; their other browsers are signed out', async ({ page, browser, request }) => {
  const token = await adminToken(request);
  const user = await createUser(request, token, await demoWorkspaceId(request, token), 'editor');
  const otherBrowser = await browser.newContext();
  const elsewhere = await otherBrowser.newPage();
  await signIn(elsewhere, user.email, user.password);
  await expectSignedInShell(elsewhere);

  await signIn(page, user.email, user.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await expect(page.getByText('You have not changed it since your account was created.')).toBeVisible();
  await expectAxeClean(page);

  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('wrong-password-1');
  await form.getByLabel('New password', { exact: true }).fill('my-new-password-42');
  await form.getByLabel('New password again').fill('my-new-password-42');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('The current password is not correct.');

  // Keyboard only: the current password field has the focus after the error.
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Change password' }).getByRole('status')).toContainText(
    'Your password was changed.',
  );
  await expect(page.getByRole('form', { name: 'Change password' }).getByRole('status')).toContainText(
    'every other browser signed in as you was signed out',
  );
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('06-account-password-changed'), fullPage: true });

  // This browser stays signed in; the other one is sent to sign in again.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await expect(page.getByText(/You last changed it on/)).toBeVisible();
  await elsewhere.goto('/lists');
  await expect(elsewhere).toHaveURL(/\/login/);
  await signIn(elsewhere, user.email, 'my-new-password-42');
  await expectSignedInShell(elsewhere);
  await otherBrowser.close();
});

test('API tokens show their dates as the rest of the app does, not as ISO dates', async ({ page, request }) => {
  const token = await adminToken(request);
  const user = await createUser(request, token, await demoWorkspaceId(request, token), 'editor');
  await signIn(page, user.email, user.password);
  await page.goto('/account');
  await page.getByLabel('Label').fill('nightly CRM sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  const row = page.getByRole('row').filter({ hasText: 'nightly CRM sync' });
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}/);
});

test('tokens scripts made without a label are told apart by when and by what they were made', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const user = await createUser(request, token, await demoWorkspaceId(request, token), 'editor');
  for (const userAgent of ['nightly-sync/1.2 (linux)', 'curl/8.5.0']) {
    const made = await request.post('/api/v1/auth/token', {
      data: { email: user.email, password: user.password },
      headers: { 'user-agent': userAgent },
    });
    expect(made.status()).toBe(200);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, user.email, user.password);
  await page.goto('/account');
  const rows = page.getByRole('row').filter({ hasText: 'Token made by a script on' });
  await expect(rows).toHaveCount(2);
  const label =
    /^Token made by a script on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC \((nightly-sync 1\.2|curl 8\.5\.0)\)$/;
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await expect(row.getByRole('cell').nth(0)).toHaveText(label);
    // Created with its time of day: two tokens of one day differ there.
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}/);
  }
  await expect(rows.filter({ hasText: '(curl 8.5.0)' }).getByRole('button', { name: /^Revoke token/ })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Your API tokens' });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('account-script-tokens-1280'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('account-script-tokens-390'), fullPage: true });
});
