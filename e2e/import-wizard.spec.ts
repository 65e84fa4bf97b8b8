import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { closedSelectFits, jobState, screenshotPath, signIn, stat } from './support/pages';

/** A file as people really send them: other header names and order, an extra column, and problems. */
const MESSY = [
  'E-Mail;Customer ID;Full name;VIP;Since;Notes',
  'ada@example.com;1;Ada Lovelace;yes;10/12/2023;first',
  ';2;Grace Hopper;no;09/12/2023;missing email',
  'linus@example.com;3a;Linus;maybe;2023-01-15;bad id and vip',
  'ken@example.com;4;  Ken Thompson  ;true;2023-02-01;',
  'dup@example.com;4;Duplicate Ken;false;2023-02-02;same key as row 5',
].join('\r\n');

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a messy file is mapped, fixed in the review grid and imported', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  await expect(page.getByRole('heading', { name: 'Choose file' })).toBeFocused();
  await page.screenshot({ path: screenshotPath('wizard-1-drop'), fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY) });
  await expect(page.getByRole('heading', { name: 'Read' })).toBeFocused();
  await expect(page.getByLabel('Values are separated by')).toHaveValue(';');
  await page.screenshot({ path: screenshotPath('wizard-2-read'), fullPage: true });
  await page.getByRole('button', { name: 'Read file' }).click();

  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await expect(page.getByText('5 rows and 6 columns read')).toBeVisible();
  await expect(page.getByLabel('File column for customerId')).toHaveValue('1');
  await expect(page.getByLabel('File column for email')).toHaveValue('0');
  await expect(page.getByLabel('File column for name')).toHaveValue('');
  await page.getByLabel('File column for name').selectOption({ label: 'Full name' });
  await expect(page.getByText('Ignored file columns: Notes.')).toBeVisible();
  // 10/12/2023 reads as a date both day-first and month-first: the wizard asks before checking.
  await expect(page.getByRole('button', { name: 'Check every row' })).toBeDisabled();
  await expect(
    page.getByText(/“10\/12\/2023” is 2023-12-10 as DD\/MM\/YYYY, 2023-10-12 as MM\/DD\/YYYY/),
  ).toBeVisible();
  const writtenAs = page.getByLabel('How the file writes since');
  await writtenAs.selectOption(
    (await writtenAs.locator('option', { hasText: /^MM\/DD\/YYYY/ }).getAttribute('value'))!,
  );
  await page.screenshot({ path: screenshotPath('wizard-3-map'), fullPage: true });
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  const problems = stat(page, 'Rows with problems');
  await expect(problems).toHaveText('4');
  await page.screenshot({ path: screenshotPath('wizard-4-review-before'), fullPage: true });

  // Fix in place: a bad id, a missing email, a bulk fix for booleans, delete the duplicate.
  await page.getByRole('gridcell', { name: 'customerId, row 4: 3a' }).dblclick();
  await page.getByRole('textbox', { name: 'customerId, row 4' }).fill('3');
  await page.keyboard.press('Enter');
  await page.getByRole('gridcell', { name: 'email, row 3: empty' }).dblclick();
  await page.getByRole('textbox', { name: 'email, row 3' }).fill('grace@example.com');
  await page.keyboard.press('Enter');
  await page.getByText('Fixes for the whole file').click();
  await page.getByRole('button', { name: 'Normalise true/false' }).click();
  await page.getByRole('gridcell', { name: 'vip, row 4: maybe' }).dblclick();
  await page.getByRole('textbox', { name: 'vip, row 4' }).fill('false');
  await page.keyboard.press('Enter');
  await expect(problems).toHaveText('2');
  await page.getByLabel('Only rows with problems').check();
  await page.getByRole('button', { name: 'Delete row 6' }).click();
  await expect(problems).toHaveText('0');
  await page.screenshot({ path: screenshotPath('wizard-4-review-fixed'), fullPage: true });
  await page.getByRole('button', { name: 'Continue to summary' }).click();

  await expect(page.getByRole('heading', { name: 'Summary & import' })).toBeFocused();
  await expect(stat(page, 'New records')).toHaveText('4');
  await page.screenshot({ path: screenshotPath('wizard-5-summary'), fullPage: true });
  await page.getByRole('button', { name: /Import 4 rows/ }).click();

  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(stat(page, 'New')).toHaveText('4');
  await page.screenshot({ path: screenshotPath('wizard-6-job-completed'), fullPage: true });

  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=customerId:ascending`, {
      headers: { 'x-auth-jwt': token },
    })
  ).json();
  expect(contents.items).toEqual([
    { customerId: 1, email: 'ada@example.com', name: 'Ada Lovelace', vip: true, since: '2023-10-12' },
    { customerId: 2, email: 'grace@example.com', name: 'Grace Hopper', vip: false, since: '2023-09-12' },
    { customerId: 3, email: 'linus@example.com', name: 'Linus', vip: false, since: '2023-01-15' },
    { customerId: 4, email: 'ken@example.com', name: '  Ken Thompson  ', vip: true, since: '2023-02-01' },
  ]);
});

async function reviewFile(page: Page, listId: string, csv: string) {
  await page.goto(`/lists/${listId}/import`);
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
}

test('the summary checks "Stop checking after" as it is typed and keeps the count on the button', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await reviewFile(
    page,
    list.id,
    'customerId,email,name,vip,since\n1,a@example.com,A,true,2024-01-01\n2,b@example.com,B,false,2024-01-02\n3,c@example.com,C,true,2024-01-03\n',
  );
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await expect(page.getByRole('heading', { name: 'Summary & import' })).toBeFocused();
  const field = page.getByLabel('Stop checking after this many errors');
  const submit = page.getByRole('button', { name: `Import 3 rows into “${list.name}”` });
  await expect(stat(page, 'New records')).toHaveText('3');
  await expect(submit).toBeEnabled();
  // Where both fields are while the value is valid: a message must not move them (it used to push
  // the threshold field onto a line of its own under "How to load").
  const mode = page.getByLabel('How to load');
  await expect(mode.locator('option')).toHaveText([
    'Add new records and update existing ones',
    'Add new records only',
    'Replace the whole list',
  ]);
  await expect(mode).toHaveAccessibleDescription(
    'A record whose key is already in the list replaces its values there.',
  );
  expect(await closedSelectFits(mode)).toEqual({ text: 'Add new records and update existing ones', fits: true });
  // On a phone the closed select reads in full too: its options read short, and the choice is
  // written out in full under it (it used to show "Add new records and update exist").
  await page.setViewportSize({ width: 390, height: 844 });
  await mode.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('wizard-5-summary-mode-phone'), fullPage: false });
  for (const [value, sentence] of [
    ['append', 'Add new records only: a record whose key is already in the list is an error, and nothing is loaded.'],
    [
      'upsert',
      'Add new records and update existing ones: a record whose key is already in the list replaces its values there.',
    ],
  ] as const) {
    await mode.selectOption(value);
    const closed = await closedSelectFits(mode);
    expect(closed, `“${closed.text}” at 390px`).toMatchObject({ fits: true });
    await expect(mode).toHaveAccessibleDescription(sentence);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(mode.locator('option:checked')).toHaveText('Add new records and update existing ones');
  const boxes = async () => ({ mode: await mode.boundingBox(), field: await field.boundingBox() });
  const valid = await boxes();
  expect(valid.field!.y).toBe(valid.mode!.y);
  for (const [typed, problem] of [
    ['2.5', 'Enter a whole number, without decimals, from 1 to 10,000.'],
    ['0', 'Enter a whole number from 1 to 10,000.'],
    ['-5', 'Enter a whole number from 1 to 10,000.'],
    ['10001', 'Enter a whole number from 1 to 10,000.'],
  ] as const) {
    await field.fill(typed);
    await expect(field).toHaveAccessibleDescription(problem);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(submit).toBeDisabled();
    expect(await boxes(), `the fields with "${typed}" typed`).toEqual(valid);
    await expect(stat(page, 'New records')).toHaveText('3');
    await expect(page.getByText(/The request is not valid/)).toHaveCount(0);
    if (typed === '2.5') {
      await page.screenshot({ path: screenshotPath('wizard-5-summary-threshold-invalid'), fullPage: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await field.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('wizard-5-summary-threshold-invalid-phone'), fullPage: false });
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  }
  await field.fill('5');
  await expect(page.getByText('Enter a whole number', { exact: false })).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid');
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  const jobId = page.url().split('/jobs/')[1]!;
  const job = await (await request.get(`/api/v1/jobs/${jobId}`, { headers: { 'x-auth-jwt': token } })).json();
  expect(job.errorThreshold).toBe(5);
});

test('a file without one valid row says what to do instead of offering to import 0 rows', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await reviewFile(
    page,
    list.id,
    'customerId,email,name,vip,since\nx,,A,true,2024-01-01\ny,,B,true,2024-01-01\nz,,C,true,2024-01-01\n',
  );
  await expect(stat(page, 'Rows with problems')).toHaveText('3');
  await expect(page.getByText('No valid rows to import yet: every row has a problem.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import the/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('wizard-4-review-no-valid-rows'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('wizard-4-review-no-valid-rows-phone'), fullPage: false });
  // One row fixed: the button offers that row, leaving out the others.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('gridcell', { name: 'customerId, row 2: x' }).dblclick();
  await page.getByRole('textbox', { name: 'customerId, row 2' }).fill('1');
  await page.keyboard.press('Enter');
  await page.getByRole('gridcell', { name: 'email, row 2: empty' }).dblclick();
  await page.getByRole('textbox', { name: 'email, row 2' }).fill('a@example.com');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('button', { name: 'Import the 1 valid row, leave out 2 rows with problems' }),
  ).toBeEnabled();
  await expect(page.getByText('No valid rows to import yet')).toHaveCount(0);
});

test('a file without rows says so at each step; blank lines alone are an empty file', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  const choose = (name: string, text: string) =>
    page
      .getByLabel('CSV file or Excel workbook')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  await choose('header-only.csv', 'customerId,email,name,vip,since\r\n');
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByText('0 rows and 5 columns read')).toBeVisible();
  await expect(page.locator('.alert')).toContainText('The file has only its header row: there are no rows to import.');
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.locator('.alert')).toContainText('There are no rows to import.');
  await expect(page.getByText('Every row can be imported as it is.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Continue to summary' })).toBeDisabled();

  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await choose('blank-lines.csv', '\n\n  \n');
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.locator('.alert')).toContainText('The file is empty: it has no header row.');

  // A 0-byte file and a binary one are named as such when dropped, before any reading is offered.
  await page.getByRole('button', { name: 'Back' }).click();
  await choose('nothing.csv', '');
  await expect(page.locator('.alert')).toContainText('The file is empty: it has no header row.');
  await expect(page.getByRole('button', { name: 'Read file' })).toHaveCount(0);
  await page.getByLabel('CSV file or Excel workbook').setInputFiles({
    name: 'photo.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]),
  });
  await expect(page.locator('.alert')).toContainText('The file is not a text file');
  await expect(page.getByText('This file is not UTF-8')).toHaveCount(0);
});

test('rows of delimiters only, as a spreadsheet exports them, are not rows', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  const file = [
    'customerId;email;name;vip;since',
    '1;ada@example.com;Ada;yes;2023-10-12',
    ';;;;',
    '2;grace@example.com;Grace;no;2023-09-12',
    ';;;;',
    ';;;;',
  ].join('\r\n');
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByText('2 rows and 5 columns read')).toBeVisible();
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  await expect(stat(page, 'Rows with problems')).toHaveText('0');
  await expect(page.getByText(/empty cells? in/)).toHaveCount(0);
  // Rows keep their numbers in the file: Grace is row 4.
  await expect(page.getByRole('gridcell', { name: 'email, row 4: grace@example.com' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('wizard-delimiter-rows'), fullPage: true });
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await expect(stat(page, 'New records')).toHaveText('2');
  await page.getByRole('button', { name: /Import 2 rows/ }).click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  await expect(stat(page, 'New')).toHaveText('2');
});

test('a file the server rejects shows its errors and offers the error report', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  const job = await uploadCsv(
    request,
    token,
    list.id,
    'customerId,email,name,vip,since\n1,a@example.com,A,true,2024-01-01\nx,,B,perhaps,2024-13-01\n',
  );
  await waitForJob(request, token, job.id);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${job.id}`);
  await expect(jobState(page, 'failed')).toBeVisible();
  await expect(page.getByRole('heading', { name: /4 errors — nothing was loaded/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /"customerId" "x" is not a whole number/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('job-failed-with-errors'), fullPage: true });
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download error report (CSV)' }).click();
  const download = await downloadPromise;
  const report = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
  expect(report).toContain('Import errors');
  expect(report.split('\r\n')[2]).toMatch(/^x,,B,perhaps,2024-13-01,".*is not a whole number/);
  await expectNoSeriousA11yViolations(page);
});

test('a job with hundreds of errors shows them 100 at a time', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  let csv = 'customerId,email,name,vip,since\n';
  for (let i = 1; i <= 250; i++) csv += `id-${i},a${i}@example.com,A,true,2024-01-01\n`;
  const job = await uploadCsv(request, token, list.id, csv, { errorThreshold: '1000' });
  await waitForJob(request, token, job.id);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole('heading', { name: /250 errors — nothing was loaded/ })).toBeVisible();
  const pages = page.getByRole('group', { name: 'Pages of errors' }).first();
  await expect(pages.getByText('Errors 1–100 of 250')).toBeVisible();
  await expect(page.getByRole('cell', { name: /^Row 2: "customerId" "id-1"/ })).toBeVisible();
  await pages.getByRole('button', { name: 'Next 100 →' }).click();
  await expect(pages.getByText('Errors 101–200 of 250')).toBeVisible();
  await expect(page.getByRole('cell', { name: /^Row 102: "customerId" "id-101"/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^Row 2: / })).toHaveCount(0);
  await pages.getByRole('button', { name: 'Next 100 →' }).click();
  await expect(pages.getByText('Errors 201–250 of 250')).toBeVisible();
  await expect(pages.getByRole('button', { name: 'Next 100 →' })).toBeDisabled();
  await page.screenshot({ path: screenshotPath('job-errors-paged'), fullPage: false });
  await expectNoSeriousA11yViolations(page);
});

test('a job whose checking stopped at its error threshold says its count is a floor', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  let csv = 'customerId,email,name,vip,since\n';
  for (let i = 1; i <= 32; i++) csv += `id-${i},a${i}@example.com,A,true,2024-01-01\n`;
  const job = await uploadCsv(request, token, list.id, csv, { errorThreshold: '5' });
  const ended = await waitForJob(request, token, job.id);
  expect(ended).toMatchObject({ state: 'failed', totalErrors: 5, results: { stoppedAtErrorThreshold: true } });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs/${job.id}`);
  await expect(
    page.getByRole('heading', {
      name: 'At least 5 errors — checking stopped at the limit of 5; nothing was loaded',
      exact: true,
    }),
  ).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('job-stopped-at-threshold'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('job-stopped-at-threshold-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/jobs?listId=${list.id}`);
  const row = page.getByRole('row', { name: /Import of data\.csv/ });
  await expect(row.getByRole('cell').nth(5)).toHaveText('5+');
  await page.screenshot({ path: screenshotPath('jobs-list-stopped-at-threshold'), fullPage: false });

  // A file checked to its end keeps its plain count.
  const whole = await uploadCsv(request, token, list.id, csv, { errorThreshold: '100' });
  expect(await waitForJob(request, token, whole.id)).toMatchObject({ state: 'failed', totalErrors: 32 });
  await page.goto(`/jobs/${whole.id}`);
  await expect(page.getByRole('heading', { name: '32 errors — nothing was loaded', exact: true })).toBeVisible();
});

test('purge asks first, names the list and its records, and says which job blocks it', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await waitForJob(
    request,
    token,
    (
      await uploadCsv(
        request,
        token,
        list.id,
        'customerId,email,name,vip,since\n1,a@example.com,A,true,2024-01-01\n2,b@example.com,B,false,\n',
      )
    ).id,
  );
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  await expect(page.getByRole('grid', { name: 'Records' }).getByText('a@example.com')).toBeVisible();

  // A long import holds the list: the purge is refused with a link to that job.
  const big = [
    'customerId,email,name,vip,since',
    ...Array.from({ length: 400_000 }, (_, i) => `${i + 10},u${i}@example.com,User ${i},false,2024-01-01`),
  ].join('\n');
  const blocking = await uploadCsv(request, token, list.id, big, { mode: 'replace' });
  await page.getByRole('button', { name: 'Purge…' }).click();
  const dialog = page.getByRole('dialog', { name: /Purge “Customers/ });
  await expect(dialog).toContainText('2 records');
  await dialog.getByRole('button', { name: 'Purge 2 records' }).click();
  await expect(dialog.getByRole('alert')).toContainText('only one import or purge runs on a list at a time');
  await expect(dialog.getByRole('link', { name: 'See the running job' })).toHaveAttribute(
    'href',
    `/jobs/${blocking.id}`,
  );
  await page.screenshot({ path: screenshotPath('purge-409'), fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await waitForJob(request, token, blocking.id);
  await page.reload();
  await page.getByRole('button', { name: 'Purge…' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Purge 400,000 records/ })
    .click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  const after = await (await request.get(`/api/v1/lists/${list.id}`, { headers: { 'x-auth-jwt': token } })).json();
  expect(after.recordCount).toBe(0);
});

test('a file column the list has, not chosen for it, is said to be not imported — not offered as a new column', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  await page.getByLabel('CSV file or Excel workbook').setInputFiles({
    name: 'same-headers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customerId,email,name,vip,since,Notes\n1,a@example.com,Ann,true,2024-01-01,hello\n'),
  });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await page.getByLabel('File column for email').selectOption({ label: 'name' });

  const notImported = page.getByRole('list', { name: 'File columns not imported' });
  await expect(notImported).toContainText(
    'File column “email” is not imported. The list’s column “email” takes its values from file column “name”.',
  );
  await expect(notImported).not.toContainText('“email” is not a column of the list');
  await expect(page.getByRole('button', { name: 'Add “email” as a new column to the list' })).toHaveCount(0);
  // A column the list does not have is still offered as a new one.
  await expect(notImported).toContainText('“Notes” is not a column of the list.');
  await expect(page.getByRole('button', { name: 'Add “Notes” as a new column to the list' })).toBeVisible();
  await notImported.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('qa-3-map-not-imported-1280') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('qa-3-map-not-imported-390'), fullPage: true });
});

test('the map step shows first values alike in their first words apart, a long one cut to two lines', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const columns = [
    { name: 'sku', dataType: 'integer', isKey: true },
    { name: 'product', dataType: 'string' },
  ];
  const list = await createList(request, token, await demoWorkspaceId(request, token), columns, 'Desks');
  // Three desks told apart by their last words only (cut after 40 characters, all three read the same).
  const products = [160, 180, 200].map((size) => `Schreibtisch Eiche massiv, höhenverstellbar, ${size} cm`);
  const description =
    'Massive Eiche, geölt; elektrisch höhenverstellbar von 65 bis 130 cm mit Memory-Funktion für vier Höhen, ' +
    'Kabelkanal und Kollisionsschutz; Tischplatte 25 mm stark, Kanten gerundet, Gestell aus pulverbeschichtetem ' +
    'Stahl in Schwarz oder Weiß, Traglast 120 kg; Lieferung zerlegt in zwei Paketen, Montage etwa 30 Minuten ' +
    'mit dem beiliegenden Werkzeug, Anleitung in Deutsch, Englisch und Französisch.';
  const csv = ['sku,product,description', ...products.map((p, i) => `${i + 1},"${p}","${description}"`)].join('\n');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/lists/${list.id}/import`);
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'desks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();

  const firstValues = page.getByRole('row', { name: /^product/ }).locator('.first-value');
  const notImported = page.getByRole('list', { name: 'File columns not imported' });
  const longValue = notImported.getByText(description, { exact: true }).first();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
    // Each desk whole, to its size: nothing cut.
    await expect(firstValues).toHaveText(products);
    for (const value of await firstValues.all()) {
      const { shown, whole } = await value.evaluate((e) => ({ shown: e.clientHeight, whole: e.scrollHeight }));
      expect(shown, `${width}: ${await value.innerText()} is shown whole`).toBeGreaterThanOrEqual(whole);
    }
    await page.screenshot({ path: screenshotPath(`map-first-values-${width}`), fullPage: true });
    // A value longer than two lines is cut there, whole for a screen reader, and whole on focus.
    await expect(longValue).toHaveAttribute('tabindex', '0');
    const lineHeight = await longValue.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
    const cut = await longValue.evaluate((e) => ({ shown: e.getBoundingClientRect().height, whole: e.scrollHeight }));
    expect(cut.shown, `${width}: two lines`).toBeLessThanOrEqual(2 * lineHeight + 1);
    expect(cut.whole, `${width}: the description is cut`).toBeGreaterThan(cut.shown + 1);
    await longValue.focus();
    const focused = await longValue.evaluate((e) => ({
      shown: e.getBoundingClientRect().height,
      whole: e.scrollHeight,
    }));
    expect(focused.shown, `${width}: shown whole on focus`).toBeGreaterThanOrEqual(focused.whole);
    expect(focused.shown).toBeGreaterThan(cut.shown);
    await page.screenshot({ path: screenshotPath(`map-first-values-${width}-focus`), fullPage: true });
    await longValue.blur();
  }
});

test('empty columns without a name are said to be left out, not listed as ignored columns', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  // A spreadsheet's export: an empty column inside the table, two beside it, and one more column.
  const csv = [
    'customerId,email,,name,vip,since,Notes,,',
    '1,a@example.com,,A,true,2024-01-01,first,,',
    '2,b@example.com,,B,false,2024-01-02,,,',
  ].join('\n');
  await page.goto(`/lists/${list.id}/import`);
  await page
    .getByLabel('CSV file or Excel workbook')
    .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  // The six columns that have a name or a value: the three empty ones are not counted.
  await expect(page.getByText('2 rows and 6 columns read.')).toBeVisible();
  await expect(page.getByText('Ignored file columns: Notes.')).toBeVisible();
  await expect(page.getByText('Left out: columns C, H and I of the file have no name and no values.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('wizard-3-map-empty-columns'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText('Left out: columns').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('wizard-3-map-empty-columns-phone'), fullPage: false });
});
