import { expect, test } from '@playwright/test';

import { DEMO_ADMIN, DEMO_PASSWORD } from './support/api';
import { expectAxeClean } from './support/axe';
import { screenshotPath, signIn } from './support/pages';

/**
 * A fresh install's demo admin signs in with the demo password everyone can read in the README, and
 * is held on one page until they choose their own. Every other spec signs in with the password
 * chosen here (DEMO_ADMIN).
 */
test('the demo admin must choose their own password at first sign-in', async ({ page, request }) => {
  // A script with the demo password gets a token, but it can do nothing but change the password.
  const tokenResponse = await request.post('/api/v1/auth/token', {
    data: { email: DEMO_ADMIN.email, password: DEMO_PASSWORD },
  });
  expect(tokenResponse.status()).toBe(200);
  const demoToken = (await tokenResponse.json()).token as string;
  const refused = await request.get('/api/v1/lists', { headers: { 'x-auth-jwt': demoToken } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).message).toContain('Choose your own password');

  await signIn(page, DEMO_ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/choose-password$/);
  await expect(page.getByRole('heading', { name: 'Choose your own password', level: 1 })).toBeVisible();
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('00-choose-password'), fullPage: true });

  // Nothing else is reachable until then.
  await page.goto('/lists');
  await expect(page).toHaveURL(/\/choose-password$/);

  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not-the-demo-password');
  await form.getByLabel('New password', { exact: true }).fill(DEMO_ADMIN.password);
  await form.getByLabel('New password again').fill('something-else-1');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'The two new passwords are not the same. Type the new password again.',
  );
  await expect(form.getByLabel('New password again')).toBeFocused();
  await expect(form.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('New password', { exact: true }).fill('short');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('at least 10 characters');
  await expect(form.getByLabel('New password', { exact: true })).toBeFocused();

  await form.getByLabel('New password', { exact: true }).fill(DEMO_ADMIN.password);
  await form.getByLabel('New password again').fill(DEMO_ADMIN.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  // The server checks the current password.
  await expect(form.getByRole('alert')).toContainText('The current password is not correct.');
  await expect(form.getByLabel('Current password')).toBeFocused();
  await expectAxeClean(page);
  await page.screenshot({ path: screenshotPath('00-choose-password-wrong-current'), fullPage: true });

  await form.getByLabel('Current password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/lists$/);
  await expect(page.getByRole('heading', { name: 'Lists', level: 1 })).toBeVisible();

  // The demo password no longer signs in, and the token it gave was revoked with it.
  expect(
    (await request.post('/api/v1/auth/token', { data: { email: DEMO_ADMIN.email, password: DEMO_PASSWORD } })).status(),
  ).toBe(401);
  expect((await request.get('/api/v1/me', { headers: { 'x-auth-jwt': demoToken } })).status()).toBe(401);
  expect((await request.post('/api/v1/auth/token', { data: DEMO_ADMIN })).status()).toBe(200);
});
