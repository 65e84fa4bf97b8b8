import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';

import { compoundFile } from '@/lib/excel/testing/build-ole';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, waitForJob } from './support/lists';
import { screenshotPath, signIn, stat } from './support/pages';

/**
 * An Excel workbook through a list's Import wizard: the sheet picker and header row, then the same
 * map / review / summary steps as a CSV file, with values as Excel shows them, an Excel error cell
 * named by its sheet row, and an empty optional number loaded as empty.
 */

const COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'lifetimeValue', dataType: 'number', required: false },
  { name: 'since', dataType: 'date' },
  { name: 'vip', dataType: 'boolean' },
];

/** An empty "Sheet1" as Excel leaves it, notes, then customers under a title row, as people keep them. */
async function customersWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Sheet1');
  book.addWorksheet('Read me').addRow(['Exported from the CRM on 2 December']);
  const sheet = book.addWorksheet('Customers');
  sheet.getCell('A1').value = 'Customers, December';
  sheet.getRow(3).values = ['Customer ID', 'Email', 'Lifetime value', 'Signed up', 'VIP'];
  sheet.getRow(4).values = [1, 'ada@example.com', 0.1 + 0.2, new Date(Date.UTC(2023, 9, 12)), true];
  // No lifetime value: the column is not required, so it loads as empty.
  sheet.getRow(5).values = [2, 'grace@example.com', null, new Date(Date.UTC(2023, 8, 12)), false];
  sheet.getRow(6).values = [3, 'linus@example.com', { error: '#N/A' } as ExcelJS.CellErrorValue, 45000, false];
  sheet.getRow(7).values = [4, 'ken@example.com', 1234.5, new Date(Date.UTC(2024, 1, 29)), true];
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('an Excel workbook is picked by sheet, mapped, fixed and imported like a CSV file', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Excel customers');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/lists/${list.id}/import`);

  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'customers.xlsx', mimeType: XLSX, buffer: await customersWorkbook() });
  await expect(page.getByRole('heading', { name: 'Read' })).toBeFocused();
  const sheets = page.getByRole('group', { name: 'Sheet to import' });
  // The empty sheet and the one holding a note say so, and neither is the one chosen: the first sheet
  // with records is.
  await expect(sheets.getByRole('radio', { name: 'Sheet1 — empty' })).not.toBeChecked();
  await expect(sheets.getByRole('radio', { name: 'Read me — one cell only, no records' })).not.toBeChecked();
  await expect(sheets.getByRole('radio', { name: 'Customers — 7 rows' })).toBeChecked();
  await expect(page.getByLabel('Row with the column names')).toHaveValue('3');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('excel-wizard-1-default-sheet-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('excel-wizard-1-default-sheet') });
  // A sheet holding one note is not called "1 row" of data, nor a header: it holds no records, and
  // the wizard says so before and after reading it.
  await sheets.getByRole('radio', { name: 'Read me — one cell only, no records' }).check();
  const note = 'Sheet “Read me” holds no records, only one cell: “Exported from the CRM on 2 December”.';
  await expect(page.getByRole('status').filter({ hasText: note })).toHaveText(
    `${note} Choose the sheet with your records.`,
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('excel-wizard-1-one-cell-sheet-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('excel-wizard-1-one-cell-sheet') });
  await page.getByRole('button', { name: 'Read sheet' }).click();
  await expect(page.getByRole('alert').filter({ hasText: note })).toHaveText(
    `${note} Go back and choose the sheet with your records.`,
  );
  await page.screenshot({ path: screenshotPath('excel-wizard-1-one-cell-sheet-read') });
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await sheets.getByRole('radio', { name: 'Customers — 7 rows' }).check();
  await expect(page.getByRole('status').filter({ hasText: note })).toHaveCount(0);
  // The header row is guessed below the title row, and shown on the sheet's first rows.
  await expect(page.getByLabel('Row with the column names')).toHaveValue('3');
  const firstRows = page.getByRole('region', { name: 'First rows of sheet Customers' });
  await expect(firstRows.getByRole('row', { name: /column names\s+Customer ID\s+Email/ })).toBeVisible();
  await expect(firstRows.getByRole('row', { name: /^6 3 linus@example\.com #N\/A/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('excel-wizard-1-sheet-picker') });
  await expectAxeClean(page, { minimum: 'serious' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('excel-wizard-1-sheet-picker-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Read sheet' }).click();

  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await expect(page.getByText('4 rows and 5 columns read')).toBeVisible();
  await expect(page.getByLabel('File column for customerId')).toHaveValue('0');
  await expect(page.getByLabel('File column for lifetimeValue')).toHaveValue('2');
  await page.getByLabel('File column for since').selectOption({ label: 'Signed up' });
  await page.screenshot({ path: screenshotPath('excel-wizard-2-map') });
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  const problems = stat(page, 'Rows with problems');
  await expect(problems).toHaveText('1');
  // The Excel error is named by the row and cell where Excel shows it.
  const errorCell = page.getByRole('gridcell', { name: 'lifetimeValue, row 6: #N/A' });
  await errorCell.click();
  await expect(
    page.getByText('Row 6: "lifetimeValue" shows the Excel error #N/A (cell C6 of the sheet).').first(),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('excel-wizard-3-review-problem') });
  await errorCell.dblclick();
  await page.getByRole('textbox', { name: 'lifetimeValue, row 6' }).fill('99.9');
  await page.keyboard.press('Enter');
  await expect(problems).toHaveText('0');
  await page.getByRole('button', { name: 'Continue to summary' }).click();

  await expect(page.getByRole('heading', { name: 'Summary & import' })).toBeFocused();
  await expect(stat(page, 'New records')).toHaveText('4');
  await expect(page.getByText('Your changes in the browser: 1 cell edited.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('excel-wizard-4-summary') });
  await page.getByRole('button', { name: /Import 4 rows/ }).click();

  await expect(page).toHaveURL(/\/jobs\//);
  const jobId = page.url().split('/jobs/')[1]!.split(/[?#]/)[0]!;
  const job = await waitForJob(request, token, jobId);
  expect(job).toMatchObject({ state: 'completed', fileName: 'customers - Customers.csv' });
  // The job keeps the workbook chosen beside the CSV made from it, and the edit made in the browser.
  expect(job).toMatchObject({
    originalFile: { fileName: 'customers.xlsx' },
    browserFixes: { cellsEdited: 1, rowsDeleted: 0, valuesReplaced: [] },
  });
  await expect(page.getByText('The file you chose: customers.xlsx')).toBeVisible();
  await page.screenshot({ path: screenshotPath('excel-wizard-5-job') });

  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=customerId:ascending`, {
      headers: { 'x-auth-jwt': token },
    })
  ).json();
  // Numbers as Excel shows them (0.1+0.2 is 0.3), date cells and a serial in a date column as dates.
  expect(contents.items).toEqual([
    { customerId: 1, email: 'ada@example.com', lifetimeValue: 0.3, since: '2023-10-12', vip: true },
    { customerId: 2, email: 'grace@example.com', lifetimeValue: null, since: '2023-09-12', vip: false },
    { customerId: 3, email: 'linus@example.com', lifetimeValue: 99.9, since: '2023-03-15', vip: false },
    { customerId: 4, email: 'ken@example.com', lifetimeValue: 1234.5, since: '2024-02-29', vip: true },
  ]);

  // The History names the workbook chosen and links the CSV loaded from it, beside the job's link:
  // on a phone both are tap targets of 24×24 CSS px at least (WCAG 2.5.8).
  await page.goto(`/lists/${list.id}`);
  await page.setViewportSize({ width: 390, height: 844 });
  const revision = page.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem').first();
  await expect(revision).toContainText('Revision 1: Import of customers.xlsx');
  const loaded = revision.getByRole('link', { name: 'customers - Customers.csv', exact: true });
  await expect(loaded).toHaveAttribute('download');
  for (const link of [loaded, revision.getByRole('link', { name: 'View job of revision 1', exact: true })]) {
    const box = (await link.boundingBox())!;
    expect(box.width, await link.innerText()).toBeGreaterThanOrEqual(24);
    expect(box.height, await link.innerText()).toBeGreaterThanOrEqual(24);
    expect(box.x + box.width, await link.innerText()).toBeLessThanOrEqual(390);
  }
  await revision.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('excel-wizard-6-history-phone') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await revision.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('excel-wizard-6-history') });
});

/** Date cells, and dates Excel kept as text because they were typed day/month ("31/12/2024"). */
async function mixedDatesWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Customers');
  sheet.addRow(['customerId', 'email', 'lifetimeValue', 'since', 'vip']);
  sheet.addRow([1, 'ada@example.com', 0.125, new Date(Date.UTC(2023, 9, 12)), true]);
  sheet.addRow([2, 'grace@example.com', 20, '31/12/2024', false]);
  // Alone it reads both ways; beside "31/12/2024" it is 1 February.
  sheet.addRow([3, 'linus@example.com', 30, '01/02/2024', false]);
  sheet.addRow([4, 'ken@example.com', 40, new Date(Date.UTC(2024, 1, 29)), true]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('day/month dates typed as text among date cells are offered on the map step, as for a CSV file', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Excel mixed dates');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/lists/${list.id}/import`);
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'mixed.xlsx', mimeType: XLSX, buffer: await mixedDatesWorkbook() });
  await page.getByRole('button', { name: 'Read sheet' }).click();

  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  const since = page.getByLabel('How the file writes since');
  await expect(since.locator('option', { hasText: /^DD\/MM\/YYYY, like 31\/12\/2024 — reads all 4$/ })).toHaveCount(1);
  // The number cells need no other way of writing.
  await expect(page.getByLabel('How the file writes lifetimeValue')).toHaveCount(0);
  await since.selectOption((await since.locator('option', { hasText: /^DD\/MM\/YYYY/ }).getAttribute('value'))!);
  await expect(since.locator('option:checked')).toHaveText(/^DD\/MM\/YYYY/);
  await page.screenshot({ path: screenshotPath('excel-wizard-mixed-dates-map') });
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  await expect(stat(page, 'Rows with problems')).toHaveText('0');
  await expect(page.getByRole('gridcell', { name: 'since, row 3: 2024-12-31' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'since, row 4: 2024-02-01' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Read as/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('excel-wizard-mixed-dates-review') });
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByRole('button', { name: /Import 4 rows/ }).click();

  await expect(page).toHaveURL(/\/jobs\//);
  const jobId = page.url().split('/jobs/')[1]!.split(/[?#]/)[0]!;
  expect(await waitForJob(request, token, jobId)).toMatchObject({ state: 'completed' });
  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=customerId:ascending`, {
      headers: { 'x-auth-jwt': token },
    })
  ).json();
  expect(contents.items.map((r: { since: string; lifetimeValue: number }) => [r.since, r.lifetimeValue])).toEqual([
    ['2023-10-12', 0.125],
    ['2024-12-31', 20],
    ['2024-02-01', 30],
    ['2024-02-29', 40],
  ]);
});

test('workbooks that cannot be read say why and what to do, never a program error', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Excel refusals');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  const input = page.getByLabel('CSV file or Excel workbook');
  // The wizard's own alert (the page also has Next's route announcer, an empty alert).
  const alert = page.getByRole('main').getByRole('alert');

  await input.setInputFiles({
    name: 'old.xls',
    mimeType: 'application/vnd.ms-excel',
    buffer: Buffer.from(compoundFile(['Workbook', '\u0005SummaryInformation'])),
  });
  await expect(alert).toContainText('older Excel workbook (.xls');
  await expect(alert).toContainText('save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8"');

  await input.setInputFiles({
    name: 'locked.xlsx',
    mimeType: XLSX,
    buffer: Buffer.from(compoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'])),
  });
  await expect(alert).toContainText('protected with a password');

  await input.setInputFiles({ name: 'renamed.xlsx', mimeType: XLSX, buffer: Buffer.from('id,name\n1,a\n') });
  await expect(alert).toContainText('not an Excel workbook (.xlsx) that can be read');
  await expect(alert).not.toContainText(/TypeError|undefined|Cannot read/);
  await page.screenshot({ path: screenshotPath('excel-wizard-unreadable') });
});

test('number columns start required on the New list page, and unticked they take empty values', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/lists/new');
  const name = `Optional numbers ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Name of column 1').fill('sku');
  await page.getByRole('button', { name: 'Add column' }).click();
  await page.getByLabel('Name of column 2').fill('price');
  await page.getByLabel('Type of column 2').selectOption('number');
  await expect(page.getByLabel('Column 2 is required')).toBeChecked();
  await expect(page.getByText('Every row needs a number.')).toBeVisible();
  await page.getByLabel('Column 2 is required').uncheck();
  await expect(page.getByText('May be empty: stored as no value.')).toBeVisible();
  await expect(page.getByLabel('Column 2 is required')).toHaveAccessibleDescription(
    'May be empty: stored as no value.',
  );
  await page.screenshot({ path: screenshotPath('create-list-optional-number') });
  await page.getByRole('button', { name: 'Create list' }).click();
  await page.waitForURL(/\/lists\/[0-9a-f-]{36}$/);

  const token = await adminToken(request);
  const lists = await (
    await request.get(`/api/v1/lists?filter=${encodeURIComponent(`eq(name,'${name}')`)}`, {
      headers: { 'x-auth-jwt': token },
    })
  ).json();
  expect(lists.items[0].columns[1]).toMatchObject({ name: 'price', dataType: 'number', required: false });
});
