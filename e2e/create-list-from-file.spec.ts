import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN } from './support/api';
import { jobState, screenshotPath, signIn } from './support/pages';

/**
 * "Create list from a file": the server reads the whole file and proposes the columns — the key
 * unique on every row (Customer ID, not the Email that comes first), numbers not required where
 * they have blanks, decimals that start late — and the same file is imported right after.
 */
function customersFile(): string {
  const rows = ['Email,First name,Customer ID,Signed up,Lifetime value,Orders'];
  for (let i = 0; i < 120; i++) {
    const value = i % 7 === 0 ? '' : i < 70 ? String(100 + i) : `${100 + i}.50`;
    rows.push(
      `user${i}@example.com,Name ${i},${900000 + i},${String((i % 12) + 1).padStart(2, '0')}/${String((i % 16) + 13).padStart(2, '0')}/2023,${value},${i % 5}`,
    );
  }
  return rows.join('\n') + '\n';
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a list is created from a whole file, with a key unique on every row, and the same file is imported', async ({
  page,
}) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(customersFile()) });
  await expect(page.getByRole('status')).toContainText('judged on all 120 rows');
  await expect(page.getByRole('status')).toContainText('Key: Customer ID');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('customers');
  await expect(page.getByLabel('Column 3 is part of the key')).toBeChecked();
  await expect(page.getByLabel('Column 1 is part of the key')).not.toBeChecked();
  await expect(page.getByLabel('Type of column 3')).toHaveValue('integer');
  await expect(page.getByLabel('Type of column 4')).toHaveValue('date');
  await expect(page.getByLabel('How the file writes column 4')).toHaveValue(JSON.stringify({ pattern: 'MM/DD/YYYY' }));
  // Decimals start at row 72 and some values are blank: a number, not required.
  await expect(page.getByLabel('Type of column 5')).toHaveValue('number');
  await expect(page.getByLabel('Column 5 is required')).not.toBeChecked();
  await expect(page.getByLabel('Column 6 is required')).toBeChecked();
  // One line of fields a column at 1280: the Required box's meaning for numbers wrapped to four lines (167 px rows).
  const heights = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.clientHeight));
  expect(Math.max(...heights)).toBeLessThanOrEqual(72);
  await page.getByLabel('Name', { exact: true }).fill(`customers ${Date.now()}`);
  await page.screenshot({ path: screenshotPath('create-list-from-file'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Create list and import customers.csv (120 rows)' }).click();
  await page.waitForURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Loaded 120 records/).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('create-list-from-file-imported'), fullPage: true });
});

test('a list can be created from a file without importing it, and a file the server cannot read says why', async ({
  page,
}) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.getByRole('alert').filter({ hasText: 'The file is empty' })).toBeVisible();
  const file = 'sku;price;in_stock;zip;released\nA-1;9,99;ja;01234;01.05.2024\nA-2;19,50;nein;98765;13.06.2024\n';
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByRole('status')).toContainText('5 columns');
  await expect(page.getByLabel('Type of column 2')).toHaveValue('number');
  await expect(page.getByLabel('How the file writes column 2')).toHaveValue(JSON.stringify({ decimalSeparator: ',' }));
  await expect(page.getByLabel('Type of column 3')).toHaveValue('boolean');
  await expect(page.getByText('“ja” for yes, “nein” for no')).toBeVisible();
  await expect(page.getByLabel('Type of column 4')).toHaveValue('string');
  await page.getByLabel('Name', { exact: true }).fill(`katalog ${Date.now()}`);
  await page.getByRole('button', { name: 'Create the list only' }).click();
  await expect(page.getByRole('heading', { name: 'Columns' })).toBeVisible();
  await expect(
    page.getByText('written as a decimal point').or(page.getByText('written as a decimal comma')),
  ).toBeVisible();
  await expect(page.getByText('This list has no records yet')).toBeVisible();
});

test('1.000 in a file with decimal commas is a thousand, and the form says it could be read as 1', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  const file =
    'sku;price;qty;valid_from\nB-1;1.234,56;12;31/12/2024\nB-2;7,50;1.000;01/02/2025\nB-3;2,00;3;15/03/2025\n';
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByRole('status')).toContainText('4 columns');
  await expect(page.getByLabel('Type of column 3')).toHaveValue('number');
  await expect(page.getByLabel('How the file writes column 3')).toHaveValue(
    JSON.stringify({ decimalSeparator: ',', thousandsSeparator: '.' }),
  );
  await expect(page.getByRole('note').filter({ hasText: '“1.000” is 1000 read as a decimal comma' })).toContainText(
    'or 1 read as numbers like 1234567.89',
  );
  const name = `prices ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create list and import prices.csv (3 rows)' }).click();
  await page.waitForURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  const token = await adminToken(request);
  const jobId = page.url().split('/jobs/')[1]!.split(/[?#/]/)[0]!;
  const job = (await (await request.get(`/api/v1/jobs/${jobId}`, { headers: { 'x-auth-jwt': token } })).json()) as {
    listId: string;
  };
  const list = { id: job.listId };
  const contents = await request.get(`/api/v1/lists/${list.id}/contents?sortBy=sku:ascending`, {
    headers: { 'x-auth-jwt': token },
  });
  const rows = ((await contents.json()) as { items: { sku: string; qty: number }[] }).items;
  expect(rows.map((r) => [r.sku, r.qty])).toEqual([
    ['B-1', 12],
    ['B-2', 1000],
    ['B-3', 3],
  ]);
});

test('a spreadsheet export’s empty columns and rows of delimiters are not proposed, and the file imports', async ({
  page,
}) => {
  // As Excel saves it: two empty columns beside the table, two rows it counts as used.
  const file = 'sku;price;qty;valid_from;note;;\nA-1;1,50;2;31/12/2024;x;;\nA-2;2,50;3;01/01/2025;;;\n;;;;;;\n;;;;;;\n';
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByRole('status')).toContainText('5 columns, judged on all 2 rows');
  await expect(page.getByLabel('Type of column 5')).toBeVisible();
  await expect(page.getByLabel('Type of column 6')).toHaveCount(0);
  await expect(page.getByLabel('Column 1 is part of the key')).toBeChecked();
  await page.getByLabel('Name', { exact: true }).fill(`prices ${Date.now()}`);
  await page.screenshot({ path: screenshotPath('create-list-from-export'), fullPage: true });

  await page.getByRole('button', { name: 'Create list and import prices.csv (2 rows)' }).click();
  await page.waitForURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Loaded 2 records/).first()).toBeVisible();
});

test('a file whose header repeats a name is created and imported through the import steps, each column matched', async ({
  page,
}) => {
  // frictionless-py data/duplicate-headers.csv (MIT licence), with one more row.
  const file = 'id,name,id,age,id\n1101,John,0,30,a\n1102,Julie,0,26,b\n';
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'duplicate-headers.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByRole('status')).toContainText('"id" to more than one column');
  await expect(page.getByLabel('Name of column 3')).toHaveValue('id 2');
  const name = `dup ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create list and import duplicate-headers.csv (2 rows)' }).click();

  // The server refuses such a header: the wizard has the file already, and says why it is here.
  await expect(page.getByRole('heading', { name: 'Read' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText(`List “${name}” created. duplicate-headers.csv names “id”`);
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await expect(page.getByLabel('File column for id 2')).toHaveValue('2');
  await expect(page.getByLabel('File column for id 3')).toHaveValue('4');
  await page.screenshot({ path: screenshotPath('create-list-repeated-header-map'), fullPage: true });
  await page.getByRole('button', { name: 'Check every row' }).click();
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByRole('button', { name: `Import 2 rows into “${name}”` }).click();
  await page.waitForURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Loaded 2 records/).first()).toBeVisible();
});

test('a file that repeats whole rows gets a key that tells the other rows apart, and imports through the steps', async ({
  page,
}) => {
  // Shaped like csvkit's examples/realdata/ks_1033_data.csv: "state" is KS on every row, whole rows repeat.
  const copy = 'KS,ALLEN,1005-00-073-9421,5/19/2006';
  const file = [
    'state,county,nsn,ship_date',
    copy,
    copy,
    copy,
    'KS,ALLEN,1005-00-073-9421,6/1/2007',
    'KS,ANDERSON,1005-00-073-9421,5/19/2006',
    'KS,ANDERSON,2320-01-107-7155,5/19/2006',
  ].join('\n');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto('/lists/new');
  await page
    .getByLabel('CSV file to start from')
    .setInputFiles({ name: 'ks_1033.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const status = page.getByRole('status');
  await expect(status).toContainText('2 rows repeat another row in full: a list keeps one record per key');
  await expect(status).toContainText('Together, "county", "nsn", "ship_date" tell the 4 different rows apart');
  await expect(status).not.toContainText('never repeated');
  await page.screenshot({ path: screenshotPath('create-list-repeated-rows') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('create-list-repeated-rows-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const name = `ks ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create list and import ks_1033.csv (6 rows)' }).click();

  // Sent as it was, every copy would be refused: the wizard has the file, and deletes the copies in one go.
  await expect(page.getByRole('heading', { name: 'Read' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText(`List “${name}” created. ks_1033.csv repeats 2 rows in full`);
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await page.getByRole('button', { name: 'Check every row' }).click();
  const group = page.getByRole('complementary', { name: /Problems/ }).getByRole('region', { name: /share a key/ });
  await group.getByRole('button', { name: 'Fix all…' }).click();
  await group.getByLabel('Delete the later copies (the first row of each key stays)').check();
  await group.getByRole('button', { name: 'Delete 2 rows' }).click();
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByRole('button', { name: `Import 4 rows into “${name}”` }).click();
  await page.waitForURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Loaded 4 records/).first()).toBeVisible();
});
