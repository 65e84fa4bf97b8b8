import { expect, test, type Locator, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 720 };

/** At 1280×720 with `shown` scrolled into view, and the whole page on a phone. */
async function shootBoth(page: Page, name: string, shown?: Locator) {
  await page.setViewportSize(LAPTOP);
  await shown?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(`${name}-laptop`) });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: screenshotPath(`${name}-phone`), fullPage: true });
  await page.setViewportSize(LAPTOP);
}

const COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'amount', dataType: 'number', required: false },
  { name: 'since', dataType: 'date' },
];

test('an empty list offers an import, not purge, filter or download', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Empty');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize(LAPTOP);
  await page.goto(`/lists/${list.id}`);
  const records = page.getByRole('region', { name: 'Records (0)' });
  await expect(records).toContainText('This list has no records yet. Import a file to fill it.');
  await expect(records.getByRole('link', { name: 'Import a file' })).toHaveAttribute(
    'href',
    `/lists/${list.id}/import`,
  );
  await expect(page.getByRole('form', { name: 'Filter records' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Purge…' })).toHaveCount(0);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Nothing to download yet: the list is empty.');
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveCount(0);
  await expectAxeClean(page, { minimum: 'serious' });
  await shootBoth(page, 'empty-list');

  // Once it has records, they are offered again.
  await waitForJob(
    request,
    token,
    (await uploadCsv(request, token, list.id, 'customerId,email,amount,since\n1,a@example.com,1.5,2024-01-02\n')).id,
  );
  await page.reload();
  await expect(page.getByRole('form', { name: 'Filter records' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Purge…' })).toBeVisible();
  await expect(history.getByRole('link', { name: 'Download CSV of revision 1', exact: true })).toBeVisible();
  await expect(history).toContainText('Nothing to download: the list was empty.');
});

test('the record dialog says which field is refused and why, in plain words', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Amounts');
  await waitForJob(
    request,
    token,
    (await uploadCsv(request, token, list.id, 'customerId,email,amount,since\n7,g@example.com,12.5,2024-01-02\n')).id,
  );
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize(LAPTOP);
  await page.goto(`/lists/${list.id}`);
  const grid = page.getByRole('grid', { name: 'Records' });
  await grid.getByRole('gridcell', { name: 'g@example.com' }).click();
  // Four columns are narrower than the grid at 1280: the header is as wide as the rows, no empty cell after "since".
  const widths = await grid
    .getByRole('row')
    .evaluateAll((rows) => rows.slice(0, 2).map((r) => Math.round(r.getBoundingClientRect().width)));
  expect(widths[0]).toBe(720);
  expect(widths[1]).toBe(720);
  await grid.screenshot({ path: screenshotPath('contents-grid-laptop') });
  await page.getByRole('button', { name: 'Edit this record…' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit customerId 7' });
  await edit.getByLabel('amount').fill('12x');
  await edit.getByRole('button', { name: 'Save record' }).click();

  const alert = edit.getByRole('alert');
  await expect(alert).toHaveText('The record was not saved: 1 value needs a change.');
  const amount = edit.getByLabel('amount');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toBeFocused();
  await expect(amount).toHaveAccessibleDescription(/^amount: “12x” is not a number\. .*"amount" expects a number\.$/);
  await expect(edit.getByLabel('since')).not.toHaveAttribute('aria-invalid', 'true');
  // None of the API's item words reach the person.
  await expect(edit).not.toContainText('Item 1');
  await expect(edit).not.toContainText('problem in the items');
  await expectAxeClean(page, { minimum: 'serious' });
  await shootBoth(page, 'record-edit-refused', edit);

  await amount.fill('13.25');
  await edit.getByRole('button', { name: 'Save record' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Records' }).getByRole('gridcell', { name: '13.25' })).toBeVisible();
});

test.describe('read in India (UTC+05:30)', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });
  test('a job whose file was imported before says when that import ran and what it did', async ({ page, request }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Again');
    const content = 'customerId,email,amount,since\n1,a@example.com,1,2024-01-02\n2,b@example.com,2,2024-01-03\n';
    const first = await waitForJob(request, token, (await uploadCsv(request, token, list.id, content)).id);
    const second = await waitForJob(request, token, (await uploadCsv(request, token, list.id, content)).id);
    // In the reader's zone and language (the browser's en-US), as the page's other times: half an
    // hour off any whole-hour zone.
    const when = new Date(first.creationTimeStamp).toLocaleString('en-US', {
      timeZone: 'Asia/Kolkata',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.setViewportSize(LAPTOP);
    await page.goto(`/jobs/${second.id}`);
    const notice = page.getByText('This file has the same content as the');
    // Before: "… as an earlier job: see that job." — neither when, nor whether it loaded anything.
    await expect(notice).toHaveText(
      `This file has the same content as the earlier import of ${when} into this list, which completed and loaded 2 records.`,
    );
    const link = notice.getByRole('link', { name: `earlier import of ${when}` });
    await expect(link).toHaveAttribute('href', `/jobs/${first.id}`);
    await shootBoth(page, 'job-same-file-notice', notice);
    await link.click();
    await expect(page).toHaveURL(`/jobs/${first.id}`);
  });
});

test('a job whose file was imported before links to that import in words', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Twice');
  const content = 'customerId,email,amount,since\n1,a@example.com,1,2024-01-02\n';
  const first = await waitForJob(request, token, (await uploadCsv(request, token, list.id, content)).id);
  const second = await waitForJob(request, token, (await uploadCsv(request, token, list.id, content)).id);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize(LAPTOP);
  await page.goto(`/jobs/${second.id}`);
  const logs = page.getByRole('log');
  await expect(logs).toContainText(
    /This file has the same content as an earlier import \(job of [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M\)\./,
  );
  await expect(logs).not.toContainText(first.id);
  await expect(logs).not.toContainText('sha256');
  const link = logs.getByRole('link', { name: /^job of / });
  await expect(link).toHaveAttribute('href', `/jobs/${first.id}`);
  await shootBoth(page, 'job-log-same-file', logs);
  await link.click();
  await expect(page).toHaveURL(`/jobs/${first.id}`);
});

/** The audit table's height, its tallest entry's, and on how many lines each entry's time is written. */
async function entrySizes(audit: Locator) {
  return audit.getByRole('table').evaluate((table) => {
    const entries = [...table.querySelectorAll('tbody tr')];
    const lines = (time: Element) => new Set([...time.getClientRects()].map((r) => Math.round(r.top))).size;
    return {
      table: table.getBoundingClientRect().height,
      tallest: Math.max(...entries.map((e) => e.getBoundingClientRect().height)),
      timeLines: entries.map((e) => lines(e.querySelector('time')!)),
    };
  });
}

test('the audit log is read 50 entries at a time, newest first, with the keyboard', async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = await adminToken(request);
  const workspaceId = await demoWorkspaceId(request, token);
  // Signed in first: a sign-in is an event too.
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  // More than two pages of events: each list created is one. At least a page of them, so that the
  // first page shows this test's entries, not the longer ones earlier specs left (a custom import's
  // sentence takes three lines on a phone).
  const auditCount = async () =>
    (await (await request.get('/api/v1/audit?limit=1', { headers: { 'x-auth-jwt': token } })).json()).count as number;
  let total = await auditCount();
  for (let made = 0; made < 50 || total <= 100; made++) {
    await createList(request, token, workspaceId, COLUMNS, 'Audited');
    total++;
  }
  const newest = await createList(request, token, workspaceId, COLUMNS, 'Newest');
  total = await auditCount();
  expect(total).toBeGreaterThan(100);

  await page.setViewportSize(LAPTOP);
  await page.goto('/admin');
  const audit = page.getByRole('region', { name: 'Audit log' });
  const range = audit.getByText(/^(Entries|No entries)/);
  const n = (count: number) => count.toLocaleString('en-US');
  await expect(range).toHaveText(`Entries 1–50 of ${n(total)}, newest first`);
  const rows = audit.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(51);
  await expect(rows.nth(1)).toContainText(`created the list “${newest.name}”`);
  const newer = audit.getByRole('button', { name: '← Newer entries' });
  const older = audit.getByRole('button', { name: 'Older entries →' });
  await expect(newer).toBeDisabled();
  await shootBoth(page, 'audit-log-page-1', audit.getByRole('heading', { name: 'Audit log' }));
  await page.setViewportSize(PHONE);
  await audit.getByRole('heading', { name: 'Audit log' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('audit-log-page-1-phone-pager') });
  // On a phone each entry is a compact block, its time on one line above what happened (at most
  // two lines): the "When" column used to wrap each time onto four lines, entries were 113 px tall
  // and the table of 50 was 5,690 px (now about 72 px and 3,600 px).
  const phone = await entrySizes(audit);
  expect(phone.timeLines, 'lines of each time at 390px').toEqual(Array(50).fill(1));
  expect(phone.tallest, 'the tallest entry at 390px').toBeLessThanOrEqual(80);
  expect(phone.table, 'the table of 50 entries at 390px').toBeLessThanOrEqual(50 * 75);
  await expect(rows).toHaveCount(51);
  await page.setViewportSize(LAPTOP);
  expect((await entrySizes(audit)).timeLines, 'lines of each time at 1280px').toEqual(Array(50).fill(1));

  await older.focus();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(`Entries 51–100 of ${n(total)}, newest first`);
  await expect(rows).toHaveCount(51);
  await expect(audit).not.toContainText(newest.name);
  await expect(older).toBeFocused();

  // Someone records an event while the reader is on the second page: the third page goes on from
  // the second's last entry, without showing it again (counted from the newest, it did).
  const secondPage = await rows.allTextContents();
  const meanwhile = await createList(request, token, workspaceId, COLUMNS, 'Meanwhile');
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(`Entries 101–${n(Math.min(150, total))} of ${n(total)}, newest first`);
  await expect(rows.nth(1)).not.toHaveText(secondPage.at(-1)!);
  await shootBoth(page, 'audit-log-page-3', audit.getByRole('heading', { name: 'Audit log' }));
  await expect(audit).not.toContainText(meanwhile.name);
  // Back to exactly the second page, then to the newest (as read up to 5 s before: the new event
  // comes with the next read of it, react-query's staleTime).
  await newer.focus();
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(`Entries 51–100 of ${n(total)}, newest first`);
  expect(await rows.allTextContents()).toEqual(secondPage);
  await page.keyboard.press('Enter');
  await expect(range).toHaveText(new RegExp(`^Entries 1–50 of (${n(total)}|${n(total + 1)}), newest first$`));
  // Back at the newest entries "Newer" cannot be pressed again: the focus moves to "Older".
  await expect(newer).toBeDisabled();
  await expect(older).toBeFocused();
});
