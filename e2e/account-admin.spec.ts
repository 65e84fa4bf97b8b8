import { expect, test, type Page } from '@playwright/test';

import { adminToken, createUser, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { expectSignedInShell, screenshotPath, signIn } from './support/pages';

async function openAdmin(page: Page) {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: /Members of/ })).toBeVisible();
}

test('an admin disables an account: its open session ends at once; enabling lets it back in', async ({
  page,
  browser,
  request,
}) => {
  const token = await adminToken(request);
  const user = await createUser(request, token, await demoWorkspaceId(request, token), 'editor');
  const theirs = await (await browser.newContext()).newPage();
  await signIn(theirs, user.email, user.password);
  await expectSignedInShell(theirs);

  await openAdmin(page);
  await page.getByRole('button', { name: `Disable ${user.email}` }).click();
  const dialog = page.getByRole('dialog', { name: `Disable ${user.email}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('07-admin-disable-confirm') });
  await dialog.getByRole('button', { name: 'Disable account' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText(`${user.email} is disabled`);
  const row = page
    .getByRole('table', { name: /Members of/ })
    .getByRole('row')
    .filter({ hasText: user.email });
  await expect(row).toContainText('Disabled: cannot sign in');

  await theirs.goto('/lists');
  await expect(theirs).toHaveURL(/\/login/);
  await signIn(theirs, user.email, user.password, { expectSuccess: false });
  await expect(theirs.getByRole('main').getByRole('alert')).toHaveText(
    'This account has been disabled. Ask an admin of your workspace to enable it again.',
  );

  await page.getByRole('button', { name: `Enable ${user.email}` }).click();
  await page
    .getByRole('dialog', { name: `Let ${user.email} sign in again?` })
    .getByRole('button', { name: 'Enable account' })
    .click();
  await expect(row).toContainText('Active');
  await signIn(theirs, user.email, user.password);
  await expectSignedInShell(theirs);
});

test('an admin resets a password; the user signs in with it and must choose their own', async ({
  page,
  browser,
  request,
}) => {
  const token = await adminToken(request);
  const user = await createUser(request, token, await demoWorkspaceId(request, token), 'viewer');

  await openAdmin(page);
  await page.getByRole('button', { name: `Reset the password of ${user.email}` }).click();
  await page
    .getByRole('dialog', { name: `Reset the password of ${user.email}?` })
    .getByRole('button', { name: 'Reset password' })
    .click();
  const status = page.getByRole('status').filter({ hasText: 'was reset' });
  await expect(status).toBeVisible();
  const temporary = (await status.locator('code').textContent()) ?? undefined;
  expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await expect(
    page
      .getByRole('table', { name: /Members of/ })
      .getByRole('row')
      .filter({ hasText: user.email }),
  ).toContainText('Must choose a new password at next sign-in');
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('08-admin-password-reset'), fullPage: true });

  const theirs = await (await browser.newContext()).newPage();
  await signIn(theirs, user.email, user.password, { expectSuccess: false });
  await expect(theirs.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await signIn(theirs, user.email, temporary!);
  await expect(theirs).toHaveURL(/\/choose-password$/);
  const form = theirs.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(temporary!);
  await form.getByLabel('New password', { exact: true }).fill('my-very-own-pw-9');
  await form.getByLabel('New password again').fill('my-very-own-pw-9');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expectSignedInShell(theirs);
});
