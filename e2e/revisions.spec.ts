import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { jobState, screenshotPath, signIn, stat } from './support/pages';

const COLUMNS = [
  { name: 'sku', dataType: 'integer', isKey: true },
  { name: 'product', dataType: 'string' },
  { name: 'price', dataType: 'number', required: false },
];
const FIRST = ['sku,product,price', '1,Desk,120', '2,Chair,45.5', '3,Lamp,19.9'].join('\n');
const WRONG = ['sku,product,price', '2,Chair,4550', '3,Lamp,19.9', '4,Shelf,80'].join('\n');

/** A list with two imports: the second one "wrong" (a price off by 100×, a record lost, one added). */
async function listWithTwoImports(request: APIRequestContext) {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Prices');
  expect((await waitForJob(request, token, (await uploadCsv(request, token, list.id, FIRST)).id)).state).toBe(
    'completed',
  );
  const wrong = await uploadCsv(request, token, list.id, WRONG, { mode: 'replace' });
  expect((await waitForJob(request, token, wrong.id)).state).toBe('completed');
  return { token, list, wrongJobId: wrong.id };
}

async function recordsShown(request: APIRequestContext, token: string, listId: string) {
  const body = await (
    await request.get(`/api/v1/lists/${listId}/contents`, { headers: { 'x-auth-jwt': token } })
  ).json();
  return (body.items as { sku: number; product: string; price: number | null }[]).map((r) => [
    r.sku,
    r.product,
    r.price,
  ]);
}

async function confirmRestore(page: Page, button: RegExp, shot: string) {
  const dialog = page.getByRole('dialog');
  // In the words of the History and of the restore job's figures: new, updated, removed.
  await expect(dialog.getByRole('status')).toContainText('1 new record (back from revision 1)');
  await expect(dialog.getByRole('status')).toContainText('1 record updated back');
  await expect(dialog.getByRole('status')).toContainText('1 record removed');
  await page.screenshot({ path: screenshotPath(shot) });
  await dialog.getByRole('button', { name: button }).click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Restore of revision 1');
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
}

test('Undo this import on the job page puts the list back as it was', async ({ page, request }) => {
  const { token, list, wrongJobId } = await listWithTwoImports(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${wrongJobId}`);
  await expect(page.getByText('This import is the list’s latest change (revision 2).')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('revisions-undo-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Undo this import' }).click();
  await expect(page.getByRole('heading', { name: 'Undo this import?' })).toBeVisible();
  await confirmRestore(page, /Restore revision 1/, 'revisions-undo-confirm');
  expect(await recordsShown(request, token, list.id)).toEqual([
    [1, 'Desk', 120],
    [2, 'Chair', 45.5],
    [3, 'Lamp', 19.9],
  ]);
  // The import is no longer the latest change: nothing to undo from its page any more.
  await page.goto(`/jobs/${wrongJobId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo this import' })).toHaveCount(0);
});

test('After Undo, the restore job page shows the list as it is now, without a reload', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Prices');
  const five = ['sku,product,price', '1,Desk,120', '2,Chair,45.5', '3,Lamp,19.9', '4,Shelf,80', '5,Rug,60'];
  expect((await waitForJob(request, token, (await uploadCsv(request, token, list.id, five.join('\n'))).id)).state).toBe(
    'completed',
  );
  const sixth = await uploadCsv(request, token, list.id, ['sku,product,price', '6,Stool,25'].join('\n'));
  expect((await waitForJob(request, token, sixth.id)).state).toBe('completed');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  // The import's page reads the list (6 records, revision 2) into the page's cache.
  await page.goto(`/jobs/${sixth.id}`);
  await expect(page.getByText('This import is the list’s latest change (revision 2).')).toBeVisible();
  await page.getByRole('button', { name: 'Undo this import' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('status')).toContainText('1 record removed');
  await dialog.getByRole('button', { name: /Restore revision 1/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Restore of revision 1');
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(stat(page, 'Records in list after this restore')).toHaveText('5');
  // The list as it is now, read again when the restore ended: no stale "now 6", and the restore is
  // the latest change (both used to wait for a reload).
  await expect(page.getByText('This restore is the list’s latest change (revision 3).')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Records in list now', exact: true })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('revisions-undo-restore-job'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('revisions-undo-restore-job-phone'), fullPage: false });
});

test('The History shows what an import changed and restores an earlier version', async ({ page, request }) => {
  const { token, list } = await listWithTwoImports(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  const history = page.getByRole('region', { name: 'History' });
  const timeline = history.getByRole('list', { name: 'Revisions, newest first' });
  await expect(timeline.getByRole('listitem')).toHaveCount(3);
  await expect(timeline.getByRole('listitem').first()).toContainText('Revision 2: Import of data.csv');
  await expect(timeline.getByRole('listitem').first()).toContainText('1 new, 1 updated, 1 removed');
  // Each revision's links say which revision they belong to, for a screen reader's list of links.
  const jobLink = timeline.getByRole('link', { name: 'View job of revision 2', exact: true });
  await expect(jobLink).toHaveAttribute('href', /\/jobs\//);
  await expect(jobLink).toHaveText('View job');
  await expect(timeline.getByRole('link', { name: 'Download CSV of revision 1', exact: true })).toBeVisible();
  // The list was empty before its first import: nothing to download, and the reason is shown.
  await expect(timeline.getByRole('link', { name: 'Download CSV of revision 0', exact: true })).toHaveCount(0);
  await expect(timeline.getByRole('listitem').last()).toContainText('Nothing to download: the list was empty.');

  await timeline.getByRole('listitem').first().getByRole('button', { name: 'What changed' }).click();
  const diff = history.getByRole('region', { name: 'Changes from revision 1 to 2' });
  // The History's words for the same records (its counts above), as a job's figures say them too.
  await expect(diff.getByRole('status')).toHaveText('1 new, 1 updated, 1 removed.');
  const rows = diff.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('removed');
  await expect(rows.nth(2).getByRole('cell').first()).toHaveText('updated');
  await expect(rows.nth(2).getByRole('deletion')).toHaveText('45.5');
  await expect(rows.nth(2).getByRole('insertion')).toHaveText('4550');
  await expect(rows.nth(3).getByRole('cell').first()).toHaveText('new');
  await diff.getByLabel('Show').selectOption({ label: 'New records' });
  await expect(diff.getByRole('row')).toHaveCount(2);
  await expect(diff.locator('caption')).toHaveText('New records between revision 1 and 2');
  await diff.getByLabel('Show').selectOption({ label: 'Updated records' });
  await expect(diff.getByRole('row')).toHaveCount(2);
  await expect(diff.locator('caption')).toHaveText('Updated records between revision 1 and 2');
  await page.screenshot({ path: screenshotPath('revisions-history-diff'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // Each revision's job link is a tap target of 24×24 CSS px at least (WCAG 2.5.8).
  await expect(timeline.getByRole('link', { name: /^View job of revision \d+$/ })).toHaveCount(2);
  for (const link of await timeline.getByRole('link', { name: /^View job of revision \d+$/ }).all()) {
    const box = (await link.boundingBox())!;
    expect(box.width, String(await link.getAttribute('aria-label'))).toBeGreaterThanOrEqual(24);
    expect(box.height, String(await link.getAttribute('aria-label'))).toBeGreaterThanOrEqual(24);
  }
  await page.screenshot({ path: screenshotPath('revisions-history-diff-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expectAxeClean(page);

  await timeline.getByRole('listitem').nth(1).getByRole('button', { name: 'Restore this version…' }).click();
  await expect(page.getByRole('heading', { name: 'Restore revision 1?' })).toBeVisible();
  await confirmRestore(page, /Restore revision 1/, 'revisions-restore-confirm');
  expect(await recordsShown(request, token, list.id)).toEqual([
    [1, 'Desk', 120],
    [2, 'Chair', 45.5],
    [3, 'Lamp', 19.9],
  ]);
  await page.goto(`/lists/${list.id}`);
  await expect(page.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem').first()).toContainText(
    'Revision 3: Restore of revision 1',
  );
  // Revision 1 again is what the list already holds: nothing to confirm, and it says so.
  await page
    .getByRole('list', { name: 'Revisions, newest first' })
    .getByRole('listitem')
    .nth(2)
    .getByRole('button', { name: 'Restore this version…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore revision 1?' });
  await expect(dialog.getByRole('status')).toHaveText(
    'Nothing to restore: the list’s records are already exactly as they were at revision 1.',
  );
  await expect(dialog.getByRole('button', { name: 'Restore revision 1' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('The admin page shows what kept list versions take', async ({ page, request }) => {
  const { list } = await listWithTwoImports(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/admin');
  const storage = page.getByRole('region', { name: 'Kept list versions' });
  await expect(storage).toContainText('Each list keeps its 5 previous versions for 30 days');
  await expect(storage.getByRole('row', { name: new RegExp(list.name) })).toContainText(/\d+\.\d KB/);
  await page.screenshot({ path: screenshotPath('revisions-admin-storage'), fullPage: true });
});
