import { expect, test } from '@playwright/test';

import { DEMO_ADMIN } from './support/api';

// What the attack in issue 15 used: a path that the browser reads as another host.
for (const callbackUrl of ['/%5Cevil.example/phish', '/%09/evil.example/phish', '/.//evil.example/']) {
  test(`signing in with callbackUrl=${callbackUrl} stays on this site`, async ({ page }) => {
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password').fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    await expect(page.getByRole('heading', { name: 'Lists', level: 1 })).toBeVisible();
  });
}

test('a callbackUrl of this site is followed after signing in', async ({ page }) => {
  await page.goto('/login?callbackUrl=%2Fjobs%3Fstate%3Dfailed');
  await page.getByLabel('Email').fill(DEMO_ADMIN.email);
  await page.getByLabel('Password').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/jobs\?state=failed$/);
});
