import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
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
