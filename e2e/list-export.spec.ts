import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

test('Export CSV holds exactly the filtered, sorted records the page shows', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  const rows = Array.from(
    { length: 30 },
    (_, i) => `${i + 1},c${i + 1}@example.com,${i % 3 ? 'Ana' : 'Bo'} ${i + 1},true,`,
  );
  const job = await uploadCsv(request, token, list.id, ['customerId,email,name,vip,since', ...rows].join('\n'));
  expect((await waitForJob(request, token, job.id)).state).toBe('completed');

  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  await expect(page.getByRole('link', { name: 'Export all 30 records as CSV' })).toBeVisible();

  const filter = page.getByRole('form', { name: 'Filter records' });
  await filter.getByLabel('Column').selectOption('name');
  await filter.getByLabel('Condition').selectOption({ label: 'starts with' });
  await filter.getByLabel('Value').fill('Bo');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('button', { name: /^customerId/ }).click();
  await page.getByRole('button', { name: /^customerId/ }).click();
  const exportLink = page.getByRole('link', { name: 'Export the 10 matching records as CSV' });
  await expect(exportLink).toBeVisible();
  await page.screenshot({ path: screenshotPath('list-export-filtered'), fullPage: true });

  const download = await Promise.all([page.waitForEvent('download'), exportLink.click()]).then(([d]) => d);
  const text = await fs.readFile(await download.path(), 'utf8');
  const ids = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => Number(line.split(',')[0]));
  expect(ids).toEqual([28, 25, 22, 19, 16, 13, 10, 7, 4, 1]);
});

test('the records grid is used with the keyboard alone, and the count does not move it', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  // More records than one page of the grid (100): Ctrl+End reaches a page not fetched yet.
  const rows = Array.from(
    { length: 250 },
    (_, i) =>
      `${i + 1},c${i + 1}@example.com,Name ${i + 1},${i % 2 === 0},2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  );
  const job = await uploadCsv(request, token, list.id, ['customerId,email,name,vip,since', ...rows].join('\n'));
  expect((await waitForJob(request, token, job.id)).state).toBe('completed');

  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The count is held back: the grid must not move when it comes.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const contents = (url: URL) => url.pathname.endsWith(`/lists/${list.id}/contents`);
  await page.route(contents, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/lists/${list.id}`);
  const count = page.getByRole('form', { name: 'Filter records' }).getByRole('status');
  await expect(count).toHaveText('Loading…');
  const grid = page.getByRole('grid', { name: 'Records' });
  const loadingBox = await grid.boundingBox();
  release();
  await expect(count).toHaveText('250 records');
  await expect(page.getByRole('link', { name: 'Export all 250 records as CSV' })).toBeVisible();
  expect(await grid.boundingBox()).toEqual(loadingBox);
  await page.unroute(contents);

  // One Tab stop: from the export link into the first record's first cell, and on out of the grid.
  const focused = page.locator(':focus');
  const rowIndex = () => focused.evaluate((cell) => cell.closest('[role=row]')?.getAttribute('aria-rowindex'));
  await page.getByRole('link', { name: 'Export all 250 records as CSV' }).focus();
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAttribute('role', 'gridcell');
  await expect(focused).toHaveText('1');
  expect(await rowIndex()).toBe('2');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[role=grid]') === null)).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveText('1');

  // The header's sort buttons are a row of the grid: ArrowUp reaches them, Enter sorts.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: /^customerId/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(focused).toHaveText('c6@example.com');
  expect(await rowIndex()).toBe('7');
  await expect(focused).toHaveAttribute('aria-colindex', '2');
  await page.keyboard.press('End');
  await expect(focused).toHaveText('2024-01-06');
  await expect(focused).toHaveAttribute('aria-colindex', '5');
  await expect(focused).toBeInViewport();
  await expect(focused).toHaveCSS('outline-style', 'solid');
  await page.screenshot({ path: screenshotPath('records-grid-keyboard') });
  await expectAxeClean(page);

  // Ctrl+End: the last record, fetched once its row is in view.
  await page.keyboard.press('Control+End');
  await expect(focused).toHaveText('2024-01-26');
  expect(await rowIndex()).toBe('251');
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(focused).toHaveText('250');
  await page.keyboard.press('Control+Home');
  await expect(focused).toHaveText('1');
  await page.keyboard.press('PageDown');
  expect(Number(await rowIndex())).toBeGreaterThan(10);
  await expect(focused).toBeInViewport();
  await expectAxeClean(page);
});
