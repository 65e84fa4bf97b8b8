import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

/** Issue 18, points 2, 6, 7 and 8, as a business user meets them in the browser. */

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 720],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`${name}-${width}x${height}`) });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** Big enough (with a pattern to check on every record) to be watched while it runs. */
function bigCsv(rows: number): string {
  const lines = ['id,name'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},C-${i}`);
  return lines.join('\n') + '\n';
}

test('a running job shows its step, percentage and time left on its page and in the jobs list', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(
    request,
    token,
    await demoWorkspaceId(request, token),
    [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'name', dataType: 'string', pattern: '^C-[0-9]+$' },
    ],
    'Big',
  );
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const job = await uploadCsv(request, token, list.id, bigCsv(1_500_000));

  await page.goto(`/jobs/${job.id}`);
  const bar = page.getByRole('progressbar', { name: 'Progress of this job' });
  // A measured step: the bar has a value and the same status is written beside it.
  await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/, { timeout: 20_000 });
  await expect(page.getByText(/^Checking the file: \d+%/)).toBeVisible();
  await shoot(page, 'job-running');

  await page.goto('/jobs');
  const row = page.getByRole('row', { name: new RegExp(list.name) });
  const rowBar = row.getByRole('progressbar');
  const ended = row.getByText(/loaded$/);
  await expect(rowBar.or(ended)).toBeVisible();
  if (await rowBar.isVisible()) await shoot(page, 'jobs-running');

  const finished = await waitForJob(request, token, job.id);
  expect(finished.state).toBe('completed');
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('a job keeps the file chosen and the file loaded; ids behind Technical details; failed jobs loaded nothing', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
  ]);
  const response = await request.post(`/api/v1/lists/${list.id}/importJobs`, {
    headers: { 'x-auth-jwt': token },
    multipart: {
      mode: 'replace',
      browserFixes: JSON.stringify({
        cellsEdited: 37,
        rowsDeleted: 2,
        valuesReplaced: [{ column: 'name', count: 285 }],
      }),
      dataFile: { name: 'customers (as loaded).csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\n1,Ann\n') },
      originalFile: { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from('id;name\r\n1;ann\r\n') },
    },
  });
  expect(response.status()).toBe(202);
  const job = await waitForJob(request, token, (await response.json()).id);
  const failed = await uploadCsv(request, token, list.id, 'id,name\nx,Bob\n');
  await waitForJob(request, token, failed.id);

  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole('heading', { name: 'Import of customers.csv', level: 1 })).toBeVisible();
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files).toContainText('The file you chose: customers.csv');
  await expect(files).toContainText('The file that was loaded: customers (as loaded).csv');
  await expect(files.getByRole('link', { name: 'Download the file you chose' })).toHaveAttribute(
    'href',
    `/api/v1/lists/${list.id}/importJobs/${job.id}/originalFile`,
  );
  await expect(files.getByRole('link', { name: 'Download the file that was loaded' })).toBeVisible();
  await expect(files).toContainText('37 cells edited, 2 rows deleted, 285 values replaced in name');
  // The checksum is there for whoever needs it, folded away for everyone else.
  await expect(page.getByText(job.sha256Sum)).toBeHidden();
  await page.getByText('Technical details').click();
  await expect(page.getByText(job.sha256Sum)).toBeVisible();
  // Times in the reader's zone, with the UTC instant on hover and in text for screen readers.
  const created = page.getByRole('list', { name: 'Timeline' }).locator('time').first();
  await expect(created).toHaveAttribute('title', / UTC$/);
  await expect(created).toContainText(/\(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
  await expectNoSeriousA11yViolations(page);
  await shoot(page, 'job-files');

  await page.goto(`/lists/${list.id}`);
  const failedRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'failed', exact: true }) });
  await expect(failedRow).toContainText('nothing loaded');

  // The audit log as sentences.
  await page.goto('/admin');
  await expect(page.getByText(`replaced “${list.name}” with customers.csv: 1 new`)).toBeVisible();
});

test('the create-list form speaks plainly: type names, ready patterns, errors by column', async ({ page }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  const type = page.getByLabel('Type of column 1');
  await expect(type.locator('option')).toHaveText([
    'Text',
    'Whole number',
    'Number',
    'Yes/No',
    'Date',
    'Date and time',
  ]);
  await page.getByText('What is a pattern?').click();
  await expect(page.getByText(/UK postcode: .* — accepts SW1A 1AA/)).toBeVisible();
  await expect(page.locator('datalist#ready-patterns option')).toHaveCount(5);

  await page.getByLabel('Name', { exact: true }).fill(`Plain ${Date.now()}`);
  await page.getByLabel('Name of column 1').fill('id');
  await page.getByRole('button', { name: 'Add column' }).click();
  await page.getByLabel('Name of column 2').fill('id');
  await page.getByRole('button', { name: /^Create list/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The list cannot be created yet' });
  await expect(alert).toContainText(/Column 2 “id”, name: /);
  await expect(alert).not.toContainText('columns.1');
  await shoot(page, 'create-list-error');
});

/** A workbook whose sheet has an #N/A cell in a record. */
async function workbookWithError(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Products');
  sheet.addRow(['sku', 'name', 'price']);
  sheet.addRow(['P-1', 'Widget', 9.99]);
  sheet.addRow(['P-2', 'Gadget', 1]);
  sheet.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  sheet.addRow(['P-3', 'Gizmo', 120]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a custom import preview with an error cell says so, lists it, and submits only when the row is left out', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(
    request,
    token,
    await demoWorkspaceId(request, token),
    [
      { name: 'sku', dataType: 'string', isKey: true },
      { name: 'name', dataType: 'string', required: true },
      { name: 'price', dataType: 'number' },
    ],
    'Products',
  );
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/custom-imports');
  await page.getByRole('link', { name: 'Excel workbook sheet → list' }).click();
  const form = page.getByRole('form', { name: 'Inputs of Excel workbook sheet → list' });
  await form.getByLabel('Excel workbook').setInputFiles({
    name: 'products.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbookWithError(),
  });
  await expect(form.getByLabel(/^Sheet/)).toHaveValue('Products');
  await form.getByLabel(/^Target list/).selectOption({ label: list.name });
  await form.getByRole('button', { name: 'Preview' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'The preview found 1 problem in the data.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Problems in the data' })).toContainText('Cell C3');
  await expect(page.getByRole('table', { name: 'Preview' })).toContainText('Showing 2 of 3 records.');
  await expect(page.getByText('Inputs valid')).toHaveCount(0);
  const submit = page.getByRole('button', { name: 'Submit import' });
  await expect(submit).toBeDisabled();
  // A region of its own, in the Tab order whenever it is wider than its place (e2e/phone-tables.spec.ts).
  await expect(page.getByRole('region', { name: 'Preview records' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await shoot(page, 'custom-import-error-cell');

  await page.getByLabel(/Leave out the rows with these error cells/).check();
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page.getByRole('status', { name: 'Job state: completed' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Success/)).toHaveCount(0);
  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=sku:ascending`, { headers: { 'x-auth-jwt': token } })
  ).json();
  expect(contents.items.map((r: Record<string, unknown>) => r.sku)).toEqual(['P-1', 'P-3']);
});

test('a job’s log lines give their times in the reader’s zone, as its timeline does', async ({ browser, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
  ]);
  const job = await waitForJob(request, token, (await uploadCsv(request, token, list.id, 'id,name\n1,Ann\n')).id);
  const logs = await (await request.get(`/api/v1/jobs/${job.id}/logs`, { headers: { 'x-auth-jwt': token } })).json();
  const first = logs.items[0] as { timeStamp: string; message: string };
  // India is 5:30 from UTC: neither the hour nor the minutes of a UTC clock match.
  const zone = 'Asia/Kolkata';
  const local = new Date(first.timeStamp).toLocaleTimeString('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const context = await browser.newContext({ timezoneId: zone });
  const page = await context.newPage();
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole('log').getByText(first.message)).toHaveText(new RegExp(`^${local} INFO`));
  await context.close();
});
