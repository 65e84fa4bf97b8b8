import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { jobState, screenshotPath, signIn, stat } from './support/pages';

/** The list of the story: a key, a required email, and typed columns the file writes its own way. */
const COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'name', dataType: 'string' },
  { name: 'amount', dataType: 'number', required: false },
  { name: 'vip', dataType: 'boolean' },
  { name: 'since', dataType: 'date' },
];

const EMPTY_EMAILS = new Set([17, 450, 1501]);
const NAMES = ['Zoë Müller', 'François Dupré', 'Jürgen Groß  ', 'Ana Peña '];

/**
 * A business user's real export, 2,000 rows: Windows-1252 accents, semicolons, headers renamed and
 * reordered, an extra column, half the dates as 31/12/2024, "N/A" in 285 amounts, trailing spaces,
 * three empty emails and one duplicated key (record 2000 repeats customer 1000).
 */
function messyExport(): Buffer {
  const lines = ['E-Mail;Customer ID;Full name;Amount;VIP;Since;Notes'];
  for (let i = 1; i <= 2000; i++) {
    const email = EMPTY_EMAILS.has(i) ? '' : `kunde${i}@example.com`;
    const id = i === 2000 ? 1000 : i;
    const amount = i % 7 === 0 ? 'N/A' : `${i}.50`;
    const since = i % 2 === 1 ? `${13 + (i % 15)}/${1 + (i % 12)}/2024` : `2024-0${1 + (i % 9)}-15`;
    lines.push([email, id, NAMES[i % 4], amount, i % 3 === 0 ? 'yes' : 'no', since, `Notiz ${i}`].join(';'));
  }
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/**
 * The map step reads day/month dates into dates by itself ("Written as", tested in
 * wizard-formats.spec.ts); here the column keeps the list's own format, so the dates reach the
 * review step as problems and its group fix is what the user reaches for.
 */
async function keepListFormat(page: Page, column: string) {
  await expect(page.getByText('Looking at every value…')).toHaveCount(0);
  const writtenAs = page.getByLabel(`How the file writes ${column}`);
  // A file whose dates the list reads already (the fixed left-out rows) has nothing to choose.
  if ((await writtenAs.count()) > 0) await writtenAs.selectOption('list');
}

async function openWizard(page: Page, listId: string) {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${listId}/import`);
  await expect(page.getByRole('heading', { name: 'Choose file' })).toBeFocused();
}

/** Drop → read → map (the renamed "Full name" by hand) → review. */
async function readAndMap(page: Page, file: { name: string; buffer: Buffer }, delimiter: string) {
  await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles({ ...file, mimeType: 'text/csv' });
  await expect(page.getByRole('heading', { name: 'Read' })).toBeFocused();
  await expect(page.getByLabel('Values are separated by')).toHaveValue(delimiter);
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await page.getByLabel('File column for name').selectOption({ label: 'Full name' });
  await keepListFormat(page, 'since');
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
}

test.describe('Review & fix', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a 2,000-row messy export: problems readable, fixed in groups, bad rows left out and imported later', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS);
    await openWizard(page, list.id);
    await readAndMap(page, { name: 'customers.csv', buffer: messyExport() }, ';');

    // Problems are written out beside the grid, in view, without hovering anything.
    const panel = page.getByRole('complementary', { name: /Problems/ });
    const dates = panel.getByRole('region', { name: '1,000 cells in “since” are not a date (YYYY-MM-DD)' });
    const amounts = panel.getByRole('region', { name: '285 cells in “amount” are not a number' });
    await expect(dates).toBeInViewport();
    await expect(amounts).toBeVisible();
    await expect(
      dates.getByText('Use “Read as DD/MM/YYYY, like 31/12/2024” to fix all 1,000 at once.'),
    ).toBeInViewport();
    await expect(amounts.getByText('“N/A” × 285')).toBeVisible();
    await expect(panel.getByRole('heading', { name: '3 empty cells in “email”' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: '2 rows share a key in “customerId”' })).toBeVisible();
    await expect(stat(page, 'Rows with problems')).toHaveText('1,145');
    // Column headers count their problems, also for columns scrolled off to the right.
    await expect(page.getByRole('button', { name: '1,000 problems in since: show only these rows' })).toBeAttached();
    await page.screenshot({ path: screenshotPath('review-1-problems') });
    await expectAxeClean(page, { minimum: 'serious' });

    // One click reads the day/month/year dates; the group disappears at once.
    await dates.getByRole('button', { name: /^Read as DD\/MM\/YYYY \(1,000\)/ }).click();
    await expect(page.getByText('Read 1,000 values as DD/MM/YYYY, like 31/12/2024.')).toBeVisible();
    await expect(dates).toHaveCount(0);

    // The 285 "N/A": a group fix that says what it will change before it changes it.
    await amounts.getByRole('button', { name: 'Fix all…' }).click();
    await amounts.getByLabel('Set all to empty').check();
    await expect(amounts.getByRole('status')).toHaveText('This changes 285 cells in 285 rows.');
    await page.screenshot({ path: screenshotPath('review-2-group-fix') });
    await amounts.getByRole('button', { name: 'Apply to 285 cells' }).click();
    await expect(amounts).toHaveCount(0);
    // The fix took its button away: the keyboard's place is the panel's heading, not the page's top.
    await expect(panel.getByRole('heading', { name: /^Problems \(/ })).toBeFocused();
    await expect(stat(page, 'Rows with problems')).toHaveText('5');

    // Find & replace finds the empty cells and fills them.
    await page.getByText('Fixes for the whole file').click();
    await page.getByLabel('Find empty cells').check();
    await page.getByLabel('Fill with').fill('0');
    await page.getByLabel('In column').selectOption({ label: 'amount' });
    await page.getByRole('button', { name: 'Fill empty cells' }).click();
    await expect(page.getByText('Filled 285 empty cells.')).toBeVisible();
    await page.getByText('Fixes for the whole file').click();

    // The email header's count filters the grid; the selected cell's problem is written next to it.
    await page.getByRole('button', { name: '3 problems in email: show only these rows' }).click();
    await expect(page.getByText('Rows with a problem in “email” (3)')).toBeVisible();
    const cell = page.getByRole('gridcell', { name: 'email, row 18: empty' });
    await cell.click();
    const message = page.locator('#cell-problem');
    await expect(message).toHaveText(
      'Row 18 · email: "email" is empty, but it is required. Enter text in "email", or remove the row.',
    );
    await expect(message).toBeInViewport();
    await expect(cell).toHaveAttribute('aria-describedby', 'cell-problem');
    await page.screenshot({ path: screenshotPath('review-3-cell-problem') });
    await page.getByRole('button', { name: 'Show all rows', exact: true }).click();

    // A group's "Show these rows" shows only its rows (here the two sharing a key), its column in view.
    await panel
      .getByRole('region', { name: '2 rows share a key in “customerId”' })
      .getByRole('button', { name: 'Show these rows' })
      .click();
    await expect(page.getByText('Shown: 2 rows share a key in “customerId”')).toBeVisible();
    await expect(page.getByRole('grid').getByRole('row')).toHaveCount(3);
    await expect(
      page
        .getByRole('grid')
        .getByRole('gridcell', { name: /^customerId, row \d+:/ })
        .first(),
    ).toBeFocused();
    await page.getByRole('button', { name: 'Show all rows', exact: true }).click();

    // Leave the 5 rows with problems out.
    await page.getByRole('button', { name: 'Import the 1,995 valid rows, leave out 5 rows with problems' }).click();
    await expect(page.getByRole('heading', { name: 'Summary & import' })).toBeFocused();
    await expect(page.getByText('5 rows with problems are left out')).toBeVisible();
    await expect(stat(page, 'Rows to load')).toHaveText('1,995');
    await page.screenshot({ path: screenshotPath('review-4-summary-left-out') });
    await expectAxeClean(page, { minimum: 'serious' });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the 5 left-out rows (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('customers left-out rows.csv');
    const leftOut = readFileSync((await download.path())!, 'utf8')
      .split('\r\n')
      .filter(Boolean);
    expect(leftOut[0]).toBe('E-Mail,Customer ID,Full name,Amount,VIP,Since,Notes,Problems');
    expect(leftOut).toHaveLength(6);
    expect(leftOut[1]).toMatch(/^,17,/);
    expect(leftOut[1]).toContain('email: ""email"" is empty, but it is required.');
    expect(leftOut.find((l) => l.includes('Notiz 2000'))).toContain('The same key is on row 1001.');

    await page.getByRole('button', { name: /Import 1,995 rows/ }).click();
    await expect(page).toHaveURL(/\/jobs\//);
    await expect(stat(page, 'Rows left out')).toHaveText('5', { timeout: 60_000 });
    await expect(page.getByText(/5 rows with problems were left out in the import wizard/)).toBeVisible();
    const jobId = page.url().split('/jobs/')[1]!;
    const job = await (
      await request.get(`/api/v1/lists/${list.id}/importJobs/${jobId}`, { headers: { 'x-auth-jwt': token } })
    ).json();
    expect(job.state).toBe('completed');
    expect(job.results).toMatchObject({ rowsLeftOut: 5, rowsRead: 1995, inserted: 1995 });
    await expect(stat(page, 'Records in list after this import')).toHaveText('1,995');
    // The left-out rows came with the import: the job page gives the same CSV the summary gave.
    const jobDownloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the 5 rows left out (CSV)' }).click();
    const jobDownload = await jobDownloading;
    expect(jobDownload.suggestedFilename()).toBe('customers left-out rows.csv');
    expect(
      readFileSync((await jobDownload.path())!, 'utf8')
        .split('\r\n')
        .filter(Boolean),
    ).toEqual(leftOut);
    await page.screenshot({ path: screenshotPath('review-5-job-left-out') });

    // The downloaded rows, fixed in a spreadsheet, go through the wizard like any file.
    const fixed = leftOut
      .map((line) =>
        line.startsWith(',')
          ? `fixed${line.split(',')[1]}@example.com${line}`
          : line.replace(/^(kunde2000@example.com),1000,/, '$1,2000,'),
      )
      .join('\r\n');
    await page.goto(`/lists/${list.id}/import`);
    await readAndMap(page, { name: 'customers left-out rows.csv', buffer: Buffer.from(fixed) }, ',');
    await expect(stat(page, 'Rows with problems')).toHaveText('0');
    await page.getByRole('button', { name: 'Continue to summary' }).click();
    await page.getByRole('button', { name: /Import 5 rows/ }).click();
    await expect(stat(page, 'Records in list after this import')).toHaveText('2,000', { timeout: 60_000 });
    await expect(stat(page, 'Records in list now')).toHaveCount(0);

    // Back on the first job: what it left, and what the list has now, told apart.
    await page.goto(`/jobs/${jobId}`);
    await expect(stat(page, 'Records in list after this import')).toHaveText('1,995');
    await expect(stat(page, 'Records in list now')).toHaveText('2,000');
    await page.screenshot({ path: screenshotPath('review-6-job-later') });

    // The list's history names the first import by the file the person chose, not the CSV made from it.
    await page.goto(`/lists/${list.id}`);
    const revisions = page.getByRole('list', { name: 'Revisions, newest first' });
    await expect(revisions.getByText('Revision 1: Import of customers.csv')).toBeVisible();
    await expect(revisions.getByRole('link', { name: 'customers (as loaded).csv' })).toBeVisible();
  });

  test('keyboard only: one Tab stop, arrows to a problem, edit, next problem, continue', async ({ page, request }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS);
    await openWizard(page, list.id);
    const csv = [
      'customerId,email,name,amount,vip,since',
      '1,a@example.com,Ann,1.5,yes,2024-01-01',
      '2,,Bob,2,no,2024-01-02',
      '3,c@example.com,Cy,3,no,2024-01-03',
      '4,d@example.com,Di,4,yes,31/01/2024',
    ].join('\n');
    await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles({
      name: 'small.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Read file' }).click();
    await keepListFormat(page, 'since');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();

    // From the checkbox before the grid, one Tab enters the grid at its active cell…
    await page.getByLabel('Only rows with problems').focus();
    await page.keyboard.press('Tab');
    const first = page.getByRole('gridcell', { name: 'customerId, row 2: 1' });
    await expect(first).toBeFocused();
    // …and one more leaves it: the grid is a single Tab stop.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role=grid]') === null)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(first).toBeFocused();

    // Arrows to the empty email of row 3, Enter edits, Enter saves and keeps focus on the cell.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const email = page.getByRole('gridcell', { name: 'email, row 3: empty' });
    await expect(email).toBeFocused();
    await expect(page.locator('#cell-problem')).toContainText('"email" is empty, but it is required.');
    await page.keyboard.press('Enter');
    // Keys go to the editor only once it has focus (a loaded machine renders it a frame later).
    await expect(page.getByRole('textbox', { name: 'email, row 3' })).toBeFocused();
    await page.keyboard.type('bob@example.com');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('gridcell', { name: 'email, row 3: bob@example.com' })).toBeFocused();
    await expect(page.locator('#cell-problem')).toContainText('no problem in this cell');

    // F8 goes to the next problem — far to the right — and focuses it; Escape cancels an edit.
    await page.keyboard.press('F8');
    const date = page.getByRole('gridcell', { name: 'since, row 5: 31/01/2024' });
    await expect(date).toBeFocused();
    await expect(date).toBeInViewport();
    const dateEditor = page.getByRole('textbox', { name: 'since, row 5' });
    await page.keyboard.press('F2');
    await expect(dateEditor).toBeFocused();
    await page.keyboard.type('nonsense');
    await page.keyboard.press('Escape');
    await expect(date).toBeFocused();
    await page.keyboard.press('F2');
    await expect(dateEditor).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2024-01-31');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('gridcell', { name: 'since, row 5: 2024-01-31' })).toBeFocused();
    await expect(stat(page, 'Rows with problems')).toHaveText('0');
    await page.keyboard.press('Home');
    await expect(page.getByRole('gridcell', { name: 'customerId, row 5: 4' })).toBeFocused();
    await page.keyboard.press('Control+Home');
    await expect(first).toBeFocused();

    // Back out of the grid to "Continue to summary", then Tab to the import button.
    const forward = page.getByRole('button', { name: 'Continue to summary' });
    for (let i = 0; i < 6 && !(await forward.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Shift+Tab');
    await expect(forward).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Summary & import' })).toBeFocused();
    const submit = page.getByRole('button', { name: /Import 4 rows/ });
    await expect(submit).toBeEnabled();
    for (let i = 0; i < 12 && !(await submit.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(submit).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^Import of / })).toBeFocused();
    await expect(stat(page, 'Records in list after this import')).toHaveText('4', { timeout: 60_000 });
  });

  test("the summary names the rows of the person's file, not of the upload, when rows were left out", async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token));
    const header = 'customerId,email,name,vip,since';
    await waitForJob(
      request,
      token,
      (await uploadCsv(request, token, list.id, `${header}\n5,e5@example.com,Five,true,2024-01-01\n`)).id,
    );
    await openWizard(page, list.id);
    const rows = [
      '1,a@example.com,A,true,2024-01-01',
      '2,,B,true,2024-01-01',
      '3,,C,true,2024-01-01',
      '5,e@example.com,Five,false,2024-02-02',
    ];
    await page
      .getByLabel('CSV file or Excel workbook', { exact: true })
      .setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await page.getByRole('button', { name: 'Read file' }).click();
    await page.getByRole('button', { name: 'Check every row' }).click();
    await page.getByRole('button', { name: 'Import the 2 valid rows, leave out 2 rows with problems' }).click();
    await page.getByLabel('How to load').selectOption('append');
    // Customer 5 is row 5 of the file; in the upload, without rows 3 and 4, it is row 3.
    await expect(
      page.getByRole('alert').filter({ hasText: 'The server found 1 problem with this mode' }),
    ).toContainText('Row 5: the key customerId = "5" is already in the list');
  });

  test('seven short columns all in view beside the panel, a long text cut at a width', async ({ page, request }) => {
    const token = await adminToken(request);
    // Ids, yes/no, counts, codes, amounts and dates, then a note longer than any column should be.
    const columns = [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'vip', dataType: 'boolean' },
      { name: 'qty', dataType: 'integer' },
      { name: 'size', dataType: 'string' },
      { name: 'amount', dataType: 'number' },
      { name: 'since', dataType: 'date' },
      { name: 'country', dataType: 'string' },
      { name: 'notes', dataType: 'string' },
    ];
    const list = await createList(request, token, await demoWorkspaceId(request, token), columns);
    const note = (i: number) => `Called on ${i} March about the second delivery which came a week later than promised`;
    const lines = [columns.map((c) => c.name).join(',')];
    for (let i = 1; i <= 300; i++)
      lines.push([i, i % 3 === 0 ? 'yes' : 'no', i % 12, 'XL', `${i}.50`, '2024-03-15', 'DE', note(i)].join(','));
    await openWizard(page, list.id);
    await page
      .getByLabel('CSV file or Excel workbook', { exact: true })
      .setInputFiles({ name: 'orders.csv', buffer: Buffer.from(lines.join('\n')), mimeType: 'text/csv' });
    await page.getByRole('button', { name: 'Read file' }).click();
    await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    await expect(grid.getByRole('gridcell', { name: /^notes, row 2:/ })).toBeVisible();
    await page.screenshot({ path: screenshotPath('review-7-column-widths') });

    // Each column is as wide as its values: the seven short ones all in view beside the problems panel.
    const view = await grid.evaluate((e) => {
      const box = e.getBoundingClientRect();
      return { left: box.left + e.clientLeft, right: box.left + e.clientLeft + e.clientWidth };
    });
    for (const column of columns.slice(0, 7)) {
      const header = (await grid.getByRole('columnheader', { name: column.name, exact: true }).boundingBox())!;
      expect(header.x, column.name).toBeGreaterThanOrEqual(view.left);
      expect(header.x + header.width, column.name).toBeLessThanOrEqual(view.right);
    }
    // The long notes are cut at a width, not shown whole: the cell's editor holds the full text.
    const notes = grid.getByRole('gridcell', { name: /^notes, row 2:/ });
    expect((await notes.boundingBox())!.width).toBeLessThan((view.right - view.left) / 2.5);
    expect(await notes.locator('.cell-text').evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await notes.click();
    await page.keyboard.press('Enter');
    await expect(grid.getByRole('textbox', { name: 'notes, row 2' })).toHaveValue(note(1));
    await page.keyboard.press('Escape');
  });

  test('a value two ways read differently: the review asks instead of choosing in one click', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const columns = [
      { name: 'id', dataType: 'integer', isKey: true },
      { name: 'balance', dataType: 'number' },
    ];
    const list = await createList(request, token, await demoWorkspaceId(request, token), columns);
    // A US file: "1,000" is a thousand, which a decimal comma would read as 1.
    const file = ['id,balance', '1,"$1,234.50"', '2,"$99.00"', '3,"1,000"', '4,12.5'].join('\n');
    await openWizard(page, list.id);
    await page
      .getByLabel('CSV file or Excel workbook', { exact: true })
      .setInputFiles({ name: 'us.csv', buffer: Buffer.from(file), mimeType: 'text/csv' });
    await page.getByRole('button', { name: 'Read file' }).click();
    await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
    await keepListFormat(page, 'balance');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();

    const balances = page.getByRole('region', { name: '3 cells in “balance” are not a number' });
    await expect(balances.getByText('“1,000” can be read in 2 ways. Choose the one this file means:')).toBeVisible();
    const asThousand = balances.getByRole('button', {
      name: 'Read as a decimal point, thousands grouped with commas, like 1,234,567.89: “1,000” is 1000 (1)',
    });
    await expect(asThousand).toBeVisible();
    await expect(
      balances.getByRole('button', { name: 'Read as a decimal comma, like 1234567,89: “1,000” is 1 (1)' }),
    ).toBeVisible();
    // No one-click "Read as a decimal comma" that would quietly make a thousand into 1.
    await expect(balances.getByRole('button', { name: /^Read as a decimal comma \(/ })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath('review-8-two-readings') });

    await asThousand.click();
    await expect(
      page.getByText('Read 1 value as a decimal point, thousands grouped with commas, like 1,234,567.89.'),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: '2 cells in “balance” are not a number' })).toBeVisible();
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    await expect(grid.getByRole('gridcell', { name: /^balance, row 4:/ })).toContainText('1000');
  });

  test('the problems panel stays beside or above the grid in a 900-pixel window', async ({ page, request }) => {
    await page.setViewportSize({ width: 900, height: 720 });
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS);
    await openWizard(page, list.id);
    await readAndMap(page, { name: 'customers.csv', buffer: messyExport() }, ';');
    const panel = page.getByRole('complementary', { name: /Problems/ });
    // Scrolled to the review area, the panel (above the grid here) and the grid are both in view.
    await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await expect(
      panel.getByRole('heading', { name: '1,000 cells in “since” are not a date (YYYY-MM-DD)' }),
    ).toBeInViewport();
    await expect(page.getByRole('grid')).toBeInViewport();
    await page.screenshot({ path: screenshotPath('review-6-narrow') });
  });
});

/** The QA list: an integer key, a required name, and a date, a number, a yes/no and a note. */
const QA_COLUMNS = [
  { name: 'id', dataType: 'integer', isKey: true },
  { name: 'name', dataType: 'string', required: true },
  { name: 'email', dataType: 'string' },
  { name: 'signup', dataType: 'date' },
  { name: 'balance', dataType: 'number' },
  { name: 'active', dataType: 'boolean' },
  { name: 'note', dataType: 'string' },
];
const LONG_NOTE =
  'This is a very long point about the customer: called twice about the invoice, wants paper copies sent to the second address, and prefers calls after 4 pm.';

async function readAndCheck(page: Page, name: string, csv: string) {
  await page
    .getByLabel('CSV file or Excel workbook', { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
  await keepListFormat(page, 'signup');
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
}

/** Both screen sizes people have: a laptop and a phone. */
async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`${name}-1280`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath(`${name}-390`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe('Review & fix: what QA found', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('an unclosed quote is named as the server names it, with the rows it swallowed', async ({ page, request }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), QA_COLUMNS);
    await openWizard(page, list.id);
    await readAndCheck(
      page,
      'unclosed.csv',
      [
        'id,name,email,signup,balance,active',
        '50,"Unclosed quote,x@x.com,2024-01-01,1,true',
        '51,Fine,f@x.com,2024-01-01,2,false',
      ].join('\n'),
    );
    const panel = page.getByRole('complementary', { name: /Problems/ });
    await expect(panel.getByRole('heading', { name: '1 row has a quote (") in the wrong place' })).toBeVisible();
    await expect(panel).toContainText('rows of the file can be missing here');
    await expect(panel).not.toContainText('wrong number of values');
    await page.getByRole('gridcell', { name: 'id, row 2: 50' }).click();
    const detail = page.locator('#cell-problem');
    await expect(detail).toContainText('Row 2 has a quote (") in the wrong place');
    await expect(detail).toContainText(
      'the next line of the file (from “51,Fine,f@x.com,2024-01-01,2,false”) was read into that one value: that row is missing here.',
    );
    await expect(detail).toContainText('write a quote inside a value as two quotes ("")');
    await screenshots(page, 'qa-1-unclosed-quote');
  });

  test('rows with too many or too few values are marked in the grid, and Delete fits its cell', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const columns = [
      { name: 'column_a', dataType: 'integer', required: false },
      { name: 'column_b', dataType: 'string', isKey: true },
      { name: 'column_c', dataType: 'integer', required: false },
    ];
    const list = await createList(request, token, await demoWorkspaceId(request, token), columns);
    await openWizard(page, list.id);
    // csvkit's examples/bad.csv (MIT licence), byte for byte: one row too long, one too short.
    const bad = 'column_a,column_b,column_c\n1,27,,"I\'m too long!"\n,"I\'m too short!"\n0,mixed types.... uh oh,17\n';
    await page
      .getByLabel('CSV file or Excel workbook', { exact: true })
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Read file' }).click();
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
    // The row's problem is on its first cell, where Next problem goes: not on no cell at all.
    await expect(page.getByRole('gridcell', { name: 'column_a, row 2: 1' })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('gridcell', { name: 'column_a, row 3: empty' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByRole('gridcell', { name: 'column_a, row 4: 0' })).not.toHaveAttribute('aria-invalid');
    // The values past the last column have no cell: the problems panel names them, row by row.
    const rows = page.getByRole('list').filter({ hasText: 'Row 2:' });
    await expect(rows.getByRole('listitem')).toHaveText([
      "Row 2: 1 value more than the header: “I'm too long!”",
      'Row 3: 1 value fewer than the header',
    ]);
    // The grid is as high as its three rows, and its header no wider than they are (no empty cell after Delete).
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    expect((await grid.boundingBox())!.height).toBeLessThan(200);
    const widths = await grid
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(0, 2).map((r) => Math.round(r.getBoundingClientRect().width)));
    expect(widths[0]).toBe(widths[1]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await grid.boundingBox())!.height).toBeLessThan(200);
    await page.setViewportSize({ width: 1280, height: 860 });
    const button = page.getByRole('button', { name: 'Delete row 2' });
    const inner = (await button.boundingBox())!;
    const cell = (await button.locator('..').boundingBox())!;
    expect(inner.y + inner.height).toBeLessThanOrEqual(cell.y + cell.height);
    expect(inner.x + inner.width).toBeLessThanOrEqual(cell.x + cell.width);
    expect(
      await button.evaluate(
        (b) => b.scrollWidth <= b.clientWidth && b.parentElement!.scrollWidth <= b.parentElement!.clientWidth,
      ),
    ).toBe(true);
    await screenshots(page, 'qa-ragged-rows');
  });

  test('a long value is shown whole for the selected cell, in review and in the records', async ({ page, request }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), QA_COLUMNS);
    await openWizard(page, list.id);
    const header = QA_COLUMNS.map((c) => c.name).join(',');
    const csv = `${header}\n1,Ann,a@x.com,2024-01-01,1,true,Short\n2,Bob,b@x.com,2024-01-02,2,false,"${LONG_NOTE}"\n`;
    await readAndCheck(page, 'notes.csv', csv);
    const cell = page.getByRole('gridcell', { name: `note, row 3: ${LONG_NOTE}` });
    await cell.click();
    await expect(page.locator('#cell-problem')).toContainText(`no problem in this cell. Value: ${LONG_NOTE}`);
    await screenshots(page, 'qa-2-review-long-value');
    // A short value the cell shows whole is not said twice.
    await page.getByRole('gridcell', { name: 'note, row 2: Short' }).click();
    await expect(page.locator('#cell-problem')).not.toContainText('Value:');

    await waitForJob(request, token, (await uploadCsv(request, token, list.id, csv)).id);
    await page.goto(`/lists/${list.id}`);
    const records = page.getByRole('grid', { name: 'Records' });
    await records.getByRole('gridcell', { name: LONG_NOTE }).click();
    await expect(page.locator('.cell-detail')).toHaveText(`id 2 · note: ${LONG_NOTE}`);
    await records.getByRole('gridcell', { name: LONG_NOTE }).scrollIntoViewIfNeeded();
    await screenshots(page, 'qa-2-records-long-value');
  });

  test('F8 visits every problem cell in reading order; a replacement that is invalid too says so', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), QA_COLUMNS);
    await openWizard(page, list.id);
    const lines = [QA_COLUMNS.map((c) => c.name).join(',')];
    for (let row = 2; row <= 13; row++) {
      const name = row === 8 ? '' : `P${row}`;
      const balance = row === 5 ? 'abc' : row === 8 ? 'x' : `${row}`;
      const signup = row === 12 || row === 13 ? '31/12/2024' : '2024-01-01';
      lines.push([row, name, `p${row}@x.com`, signup, balance, 'true', ''].join(','));
    }
    await readAndCheck(page, 'f8.csv', lines.join('\n'));
    await page.getByLabel('Only rows with problems').check();

    // Fix row 5's balance: row 5 leaves the view, row 8 moves into its place.
    await page.getByRole('gridcell', { name: 'balance, row 5: abc' }).dblclick();
    await page.getByRole('textbox', { name: 'balance, row 5' }).fill('5');
    await page.keyboard.press('Enter');
    await expect(stat(page, 'Rows with problems')).toHaveText('3');
    for (const name of [
      'name, row 8: empty',
      'balance, row 8: x',
      'signup, row 12: 31/12/2024',
      'signup, row 13: 31/12/2024',
      'name, row 8: empty',
    ]) {
      await page.keyboard.press('F8');
      await expect(page.getByRole('gridcell', { name })).toBeFocused();
    }

    // "Replace all with one value" checks the value against the column's rule before applying it.
    const panel = page.getByRole('complementary', { name: /Problems/ });
    const group = panel.getByRole('region', { name: '2 cells in “signup” are not a date (YYYY-MM-DD)' });
    await group.getByRole('button', { name: 'Fix all…' }).click();
    await group.getByLabel('Replace all with one value').check();
    await group.getByLabel('New value').fill('31/12/2024');
    await expect(group.getByRole('alert')).toHaveText(
      'The new value would not fix these cells: "31/12/2024" is not a date in the form YYYY-MM-DD. Write dates as year-month-day, for example 2024-03-31. Applying it would leave 2 cells with a problem still.',
    );
    await expect(group.getByRole('button', { name: /^Apply/ })).toBeDisabled();
    await screenshots(page, 'qa-4-replace-invalid');
    await group.getByLabel('New value').fill('2024-12-31');
    await expect(group.getByRole('status')).toHaveText('This changes 2 cells in 2 rows.');
    await group.getByRole('button', { name: 'Apply to 2 cells' }).click();
    await expect(stat(page, 'Rows with problems')).toHaveText('1');
  });
});

test.describe('Review & fix: a price sheet and its keys', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  const PRICE_COLUMNS = [
    { name: 'product', dataType: 'string', isKey: true },
    { name: 'discount', dataType: 'string' },
    { name: 'price', dataType: 'number', required: false },
  ];

  test('currency signs in a number column are removed in one click, the numbers read as the file writes them', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), PRICE_COLUMNS, 'Prices');
    await openWizard(page, list.id);
    // As test/fixtures/real-world/31-percent-and-currency.csv writes prices, and as US sheets do.
    await readAndCheck(
      page,
      'prices.csv',
      [
        'product,discount,price',
        'P0,33%,€98.93',
        'P1,0%,"$1,234.50"',
        'P2,3%,12.00 €',
        'P3,5%,USD 7',
        'P4,1%,3.5',
      ].join('\n'),
    );
    const panel = page.getByRole('complementary', { name: /Problems/ });
    const group = panel.getByRole('region', { name: '4 cells in “price” are not a number' });
    await expect(group.getByText('Use “Remove the currency sign” to fix all 4 at once')).toBeVisible();
    await screenshots(page, 'review-currency-signs');
    // Keyboard alone: the group's one-click fix is a button like the others.
    await group.getByRole('button', { name: 'Remove the currency sign (4)' }).focus();
    await page.keyboard.press('Enter');
    await expect(stat(page, 'Rows with problems')).toHaveText('0');
    await expect(page.getByRole('gridcell', { name: 'price, row 3: 1234.50' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Undo remove currency signs in “price”/ })).toBeVisible();
    await screenshots(page, 'review-currency-removed');

    await page.getByRole('button', { name: 'Continue to summary' }).click();
    await page.getByRole('button', { name: /Import 5 rows/ }).click();
    await expect(page).toHaveURL(/\/jobs\//);
    await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
    const contents = await (
      await request.get(`/api/v1/lists/${list.id}/contents?sortBy=product:ascending`, {
        headers: { 'x-auth-jwt': token },
      })
    ).json();
    expect(contents.items.map((item: { price: number }) => item.price)).toEqual([98.93, 1234.5, 12, 7, 3.5]);
  });

  test('"Replace all with one value" in a key column says it would give rows the same key, and does not', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const list = await createList(request, token, await demoWorkspaceId(request, token), PRICE_COLUMNS, 'Prices');
    await openWizard(page, list.id);
    await readAndCheck(page, 'keys.csv', ['product,discount,price', ',1%,1', ',2%,2', ',3%,3', 'A,4%,4'].join('\n'));
    const panel = page.getByRole('complementary', { name: /Problems/ });
    const group = panel.getByRole('region', { name: '3 empty cells in “product”' });
    await group.getByRole('button', { name: 'Fix all…' }).focus();
    await page.keyboard.press('Enter');
    await group.getByLabel('Replace all with one value').check();
    await group.getByLabel('New value').fill('X');
    await expect(group.getByRole('alert')).toHaveText(
      'This would give 3 rows the same key “X”; keys must be unique. Enter a different key in each row, delete the rows, or leave them out.',
    );
    await expect(group.getByRole('button', { name: /^Apply/ })).toBeDisabled();
    await page.keyboard.press('Enter');
    await screenshots(page, 'review-replace-same-key');
    // A key another row holds already counts that row too.
    await group.getByLabel('New value').fill('A');
    await expect(group.getByRole('alert')).toContainText('This would give 4 rows the same key “A”');
    await expect(stat(page, 'Rows with problems')).toHaveText('3');
    await expect(page.getByRole('gridcell', { name: 'product, row 2: empty' })).toBeVisible();

    // Find & replace's "Fill empty cells" (and "Replace all") in a key column: said, not done.
    await page.getByText('Fixes for the whole file').click();
    const replace = page.getByRole('form', { name: 'Find and replace' });
    await replace.getByLabel('Find empty cells').check();
    await replace.getByLabel('Fill with').fill('X');
    await replace.getByLabel('In column').selectOption({ label: 'product' });
    await replace.getByLabel('Fill with').press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was replaced' })).toHaveText(
      'Nothing was replaced: this would give 3 rows the same key “X”; keys must be unique. Choose one column that is not a key, or replace only values that stay different.',
    );
    await expect(stat(page, 'Rows with problems')).toHaveText('3');
    await page.getByText('Nothing was replaced').scrollIntoViewIfNeeded();
    await screenshots(page, 'review-fill-same-key');
  });
  test('one-click "Read as" on a key column says it would give rows the same key, and does not read them', async ({
    page,
    request,
  }) => {
    const token = await adminToken(request);
    const columns = [
      { name: 'day', dataType: 'date', isKey: true },
      { name: 'rate', dataType: 'number', required: false },
    ];
    const list = await createList(request, token, await demoWorkspaceId(request, token), columns, 'Rates');
    await openWizard(page, list.id);
    await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('day,rate\n2024-02-01,1.5\n01/02/2024,1.6\n15/02/2024,1.7\n'),
    });
    await page.getByRole('button', { name: 'Read file' }).click();
    await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
    await keepListFormat(page, 'day');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
    const group = page.getByRole('complementary', { name: /Problems/ }).getByRole('region', { name: /in “day”/ });
    // “01/02/2024” reads both ways: one button per reading, each a one-click fix.
    await expect(group.getByText('“01/02/2024” can be read in 2 ways. Choose the one this file means:')).toBeVisible();
    // Read day first it is 2024-02-01, the key of row 2: said in the words of the group's other fixes, not done.
    await group
      .getByRole('button', { name: /^Read as DD\/MM\/YYYY, like 31\/12\/2024: “01\/02\/2024” is 2024-02-01/ })
      .click();
    await expect(group.getByRole('alert')).toHaveText(
      'This would give 2 rows the same key “2024-02-01”; keys must be unique. Enter a different key in each row, delete the rows, or leave them out.',
    );
    await expect(stat(page, 'Rows with problems')).toHaveText('2');
    await expect(page.getByRole('gridcell', { name: 'day, row 3: 01/02/2024' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
    await screenshots(page, 'review-read-as-same-key');
    // Read month first, every key stays unique: applied in one click.
    await group
      .getByRole('button', { name: /^Read as MM\/DD\/YYYY, like 12\/31\/2024: “01\/02\/2024” is 2024-01-02/ })
      .click();
    await expect(page.getByRole('gridcell', { name: 'day, row 3: 2024-01-02' })).toBeVisible();
    await expect(stat(page, 'Rows with problems')).toHaveText('1');
    await expect(page.getByRole('alert').filter({ hasText: 'same key' })).toHaveCount(0);
  });
});
