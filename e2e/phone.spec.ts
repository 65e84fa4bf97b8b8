import { expect, test } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

test.use({ viewport: { width: 390, height: 844 } });

/** The page's content fits the window: nothing scrolls sideways but the tables inside themselves. */
async function expectNoSidewaysScroll(page: import('@playwright/test').Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('on a phone the navigation folds into a menu, and lists, a list and jobs fit the screen', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  const job = await uploadCsv(
    request,
    token,
    list.id,
    'customerId,email,name,vip,since\n1,a@example.com,Ann,true,2024-01-02\n',
  );
  await waitForJob(request, token, job.id);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);

  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-lists'), fullPage: true });

  await menu.click();
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Jobs' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('phone-menu-open'), fullPage: true });
  await expectAxeClean(page);
  await nav.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible();
  await expect(nav).toBeHidden();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-jobs'), fullPage: true });

  await page.goto(`/lists/${list.id}`);
  await expect(page.getByRole('heading', { name: list.name, level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-list'), fullPage: true });
  await page.goto(`/jobs/${job.id}`);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-job'), fullPage: true });
});
