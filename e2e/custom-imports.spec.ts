import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { createList } from './support/lists';
import { closedSelectFits, screenshotPath, signIn } from './support/pages';

const PRODUCT_COLUMNS = [
  { name: 'sku', dataType: 'string', isKey: true },
  { name: 'name', dataType: 'string', required: true },
  { name: 'price', dataType: 'number' },
  { name: 'launched', dataType: 'date' },
];

/** A real workbook, made here with ExcelJS: a notes sheet first, then the products. */
async function productsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['Prices in EUR, updated monthly']);
  const sheet = wb.addWorksheet('Products');
  sheet.addRow(['sku', 'name', 'price', 'launched']);
  sheet.addRow(['P-1', 'Widget', 9.99, new Date(Date.UTC(2024, 4, 1))]);
  sheet.addRow(['P-2', 'Gadget', 0.1 + 0.2, 45292]);
  sheet.addRow(['P-3', 'Gizmo', 120, new Date(Date.UTC(2023, 11, 24))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('an Excel sheet is loaded through the custom import wizard: inputs, inline messages, preview, submit, live job', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), PRODUCT_COLUMNS, 'Products');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Custom imports' }).click();
  const scripts = page.getByRole('list', { name: 'Custom import scripts' });
  await expect(scripts.getByRole('link')).toHaveText([
    'Contacts cleanup → list',
    'Excel workbook sheet → list',
    'JSON Lines / JSON array → list',
  ]);
  await page.screenshot({ path: screenshotPath('custom-imports-1-scripts'), fullPage: true });
  await scripts.getByRole('link', { name: 'Excel workbook sheet → list' }).click();

  await expect(page.getByRole('heading', { name: 'Excel workbook sheet → list', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Inputs of Excel workbook sheet → list' });
  await expect(form.getByRole('button', { name: 'Choose Excel workbook…' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: screenshotPath('custom-imports-2-form'), fullPage: true });
  // The load options in a business user's words, as the import wizard says them: no mode names.
  await expect(form.getByLabel('How to load').locator('option')).toHaveText([
    '— choose —',
    'Add new records and update existing ones',
    'Add new records only',
    'Replace the whole list',
  ]);
  await expect(form).not.toContainText(/upsert|append|\(replace\)/);
  // The script by its title and version, not its file's id (that is under "Technical details").
  await expect(page.getByRole('main')).toContainText('Version 0.0.1');
  await expect(page.getByRole('main').getByText('0.0.1-excel-sheet')).toBeHidden();
  // Under the select, what the chosen way does — that way only, not all three at once.
  const mode = form.getByLabel('How to load');
  await expect(mode).toHaveValue('upsert');
  await expect(mode).toHaveAccessibleDescription(
    'A record whose key is already in the list replaces its values there.',
  );
  await mode.selectOption('replace');
  await expect(mode).toHaveAccessibleDescription(
    'The list then holds exactly these records; the records not among them are removed.',
  );
  await expect(form).not.toContainText('Add new records only:');
  await page.setViewportSize({ width: 1280, height: 720 });
  await mode.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('custom-imports-2-form-mode-laptop'), fullPage: false });
  await mode.selectOption('upsert');
  // On a phone the closed select reads in full (short options, the choice written out under it), and
  // the form is no wider than the screen (its fieldset took its longest option's width).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await closedSelectFits(mode)).toEqual({ text: 'Add new, update existing', fits: true });
  await expect(mode).toHaveAccessibleDescription(
    'Add new records and update existing ones. A record whose key is already in the list replaces its values there.',
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await mode.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('custom-imports-2-form-mode-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 860 });

  // The file is chosen; the sheet select fills from the workbook (first visible sheet suggested).
  await form.getByLabel('Excel workbook').setInputFiles({
    name: 'products.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await productsWorkbook(),
  });
  await expect(form.getByText('products.xlsx')).toBeVisible();
  const sheet = form.getByLabel(/^Sheet/);
  await expect(sheet).toHaveValue('Notes');
  await expect(sheet.locator('option')).toHaveText(['— choose —', 'Notes', 'Products']);
  await sheet.selectOption('Products');
  await form.getByLabel(/^Target list/).selectOption({ label: list.name });

  // A header row below the sheet's end: the message appears under that input.
  await form.getByLabel(/^Header row/).fill('9');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(form.getByText('Row 9 of sheet "Products" is empty')).toBeVisible();
  await expect(form.getByLabel(/^Header row/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: '2. Preview' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('custom-imports-3-inline-message'), fullPage: true });

  await form.getByLabel(/^Header row/).fill('1');
  await form.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('heading', { name: '2. Preview' })).toBeVisible();
  const preview = page.getByRole('table', { name: 'Preview' });
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(preview.getByRole('row').nth(2)).toContainText('P-2Gadget0.32024-01-01');
  await expect(preview).toContainText('Showing 3 of 3 records.');
  await page.screenshot({ path: screenshotPath('custom-imports-4-preview'), fullPage: true });

  await page.getByRole('button', { name: 'Submit import' }).click();
  await expect(page.getByRole('heading', { name: '3. Job' })).toBeVisible();
  // No "Success: …job <id> submitted" beside a job that may yet fail: the job's own state says it.
  await expect(page.getByText(/Custom import job 0\.0\.1-excel-sheet-[0-9a-f-]{36} submitted/)).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Job state: completed' })).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText(
      'Records read: 3 · New: 3 · Updated: 0 · Unchanged: 0 · Removed: 0 · Records in list after this import: 3',
    ),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('custom-imports-5-job'), fullPage: true });

  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=sku:ascending`, { headers: { 'x-auth-jwt': token } })
  ).json();
  expect(contents.items.map((r: Record<string, unknown>) => [r.sku, r.price, r.launched])).toEqual([
    ['P-1', 9.99, '2024-05-01'],
    ['P-2', 0.3, '2024-01-01'],
    ['P-3', 120, '2023-12-24'],
  ]);

  await page.getByRole('link', { name: 'Open the job page' }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByText('products.excel-sheet.csv')).toBeVisible();
});
