import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

/** Review & fix 2.0, point 4 (nothing lost): undo/redo, a session resumed after a reload, a warning before leaving. */

const COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'name', dataType: 'string' },
  { name: 'amount', dataType: 'number' },
  { name: 'since', dataType: 'date' },
];

/** 2,000 customers, semicolons: "N/A" in 285 amounts, and one empty email (row 6). */
const ROWS = 2000;
const NA_ROWS = 285;
function customersCsv(): Buffer {
  const lines = ['customerId;email;name;amount;since'];
  for (let i = 0; i < ROWS; i++) {
    const amount = i % 7 === 3 && i < 7 * NA_ROWS ? 'N/A' : `${(i * 3.25).toFixed(2)}`;
    const email = i === 4 ? '' : `c${i + 1}@example.com`;
    lines.push(`${i + 1};${email};Customer ${i + 1};${amount};2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
  }
  return Buffer.from(lines.join('\r\n'));
}

/** The review step's count of rows with problems, as shown on screen. */
async function expectProblemRows(page: Page, count: number) {
  await expect(page.getByRole('status').filter({ hasText: 'Rows with problems' })).toContainText(
    new RegExp(`Rows with problems\\s*${count.toLocaleString('en-US')}(?!\\d)`),
  );
}

/** A cell of the grid by column and file row, found by what it says (its accessible name). */
function cell(page: Page, column: string, fileRow: number) {
  return page.getByRole('gridcell', { name: new RegExp(`^${column}, row ${fileRow}: `) });
}

async function openReview(page: Page, listId: string) {
  await page.goto(`/lists/${listId}/import`);
  await page
    .getByLabel('CSV file or Excel workbook', { exact: true })
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: customersCsv() });
  await page.getByRole('button', { name: 'Read file' }).click();
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeVisible();
  await expectProblemRows(page, NA_ROWS + 1);
}

async function replaceNa(page: Page) {
  const replace = page.getByRole('form', { name: 'Find and replace' });
  // The whole-file fixes start folded away.
  if (!(await replace.isVisible())) await page.getByText('Fixes for the whole file').click();
  await replace.getByLabel('Find', { exact: true }).fill('N/A');
  await replace.getByLabel('Replace with').fill('0');
  await replace.getByLabel('In column').selectOption({ label: 'amount' });
  await replace.getByLabel('Whole cell').check();
  await replace.getByRole('button', { name: 'Replace all' }).click();
  await expectProblemRows(page, 1);
}

async function editCell(page: Page, column: string, fileRow: number, value: string) {
  await cell(page, column, fileRow).dblclick();
  await page.getByRole('textbox', { name: `${column}, row ${fileRow}` }).fill(value);
  await page.keyboard.press('Enter');
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
});

test('undo and redo every kind of change, with the buttons and with Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Undo');
  await openReview(page, list.id);
  const undo = page.getByRole('button', { name: /^Undo/ });
  const redo = page.getByRole('button', { name: /^Redo/ });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();

  // A bulk replace is one step, named with what it changed; undoing it brings back every problem.
  await replaceNa(page);
  await expect(page.getByRole('button', { name: 'Undo replace “N/A” (285 cells)' })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('review-session-1-after-replace') });
  await page.getByRole('button', { name: 'Undo replace “N/A” (285 cells)' }).click();
  await expectProblemRows(page, NA_ROWS + 1);
  await expect(cell(page, 'amount', 5)).toHaveAccessibleName(/^amount, row 5: N\/A$/);
  await expect(page.getByRole('button', { name: 'Redo replace “N/A” (285 cells)' })).toBeEnabled();
  await expect(undo).toBeDisabled();
  await expect(page.getByText('Undone: replace “N/A” (285 cells).')).toBeVisible();

  // The keys, with focus in the review step (here on the Redo button).
  await redo.focus();
  await page.keyboard.press('Control+Shift+Z');
  await expectProblemRows(page, 1);
  await expect(cell(page, 'amount', 5)).toHaveAccessibleName(/^amount, row 5: 0$/);
  await page.keyboard.press('Control+Z');
  await expectProblemRows(page, NA_ROWS + 1);
  await page.keyboard.press('Control+Y');
  await expectProblemRows(page, 1);

  // An edit: inside the open editor, Ctrl+Z is the browser's text undo and leaves the rows alone.
  await editCell(page, 'email', 6, 'five@example.com');
  await expectProblemRows(page, 0);
  await expect(page.getByRole('button', { name: 'Undo edit of email, row 6' })).toBeEnabled();
  await cell(page, 'name', 7).dblclick();
  const editor = page.getByRole('textbox', { name: 'name, row 7' });
  await editor.fill('Typed');
  await editor.press('Control+Z');
  await expect(page.getByRole('button', { name: 'Undo edit of email, row 6' })).toBeEnabled();
  await expectProblemRows(page, 0);
  await editor.press('Escape');

  await page.getByRole('button', { name: 'Undo edit of email, row 6' }).click();
  await expectProblemRows(page, 1);
  await expect(cell(page, 'email', 6)).toHaveAccessibleName(/^email, row 6: empty/);

  // A delete, undone with the key: the row is back where it was, with its problem.
  await page.getByRole('button', { name: 'Delete row 6' }).click();
  await expectProblemRows(page, 0);
  await expect(page.getByRole('button', { name: 'Undo delete row 6' })).toBeEnabled();
  await page.getByRole('button', { name: 'Undo delete row 6' }).focus();
  await page.keyboard.press('Control+Z');
  await expectProblemRows(page, 1);
  await expect(cell(page, 'email', 6)).toBeVisible();
  // Undone twice now: the replace is next in line again.
  await expect(page.getByRole('button', { name: 'Undo replace “N/A” (285 cells)' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Redo delete row 6' })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('review-session-2-undo-redo') });
});

test('a reload asks first, then the import is offered back with its edits and its undo', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Resume');
  await openReview(page, list.id);
  await replaceNa(page);
  await editCell(page, 'name', 3, 'Grace Hopper');
  await editCell(page, 'email', 6, 'five@example.com');
  await expectProblemRows(page, 0);

  // The browser's own leave question on a reload: refusing it keeps the page as it is.
  const asked: string[] = [];
  const question = page.waitForEvent('dialog');
  // Not awaited first: the page's script waits on the question until it is answered.
  const reloading = page.evaluate(() => window.location.reload()).catch(() => undefined);
  const refused = await question;
  asked.push(refused.type());
  await refused.dismiss();
  await reloading;
  expect(asked).toEqual(['beforeunload']);
  await expect(cell(page, 'name', 3)).toHaveAccessibleName(/Grace Hopper/);

  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(['beforeunload', 'beforeunload']);

  const prompt = page.getByRole('region', { name: 'Unfinished import' });
  await expect(prompt).toContainText('Resume your import of customers.csv — 2,000 rows, 3 edits, just now.');
  await page.screenshot({ path: screenshotPath('review-session-3-resume-prompt') });
  await expectAxeClean(page, { minimum: 'serious' });
  await prompt.getByRole('button', { name: 'Resume' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeVisible({ timeout: 30_000 });
  await expectProblemRows(page, 0);
  await expect(cell(page, 'name', 3)).toHaveAccessibleName(/^name, row 3: Grace Hopper$/);
  await expect(cell(page, 'amount', 5)).toHaveAccessibleName(/^amount, row 5: 0$/);
  await page.screenshot({ path: screenshotPath('review-session-4-resumed') });

  // The history came back too: undo goes on from where it was.
  await page.getByRole('button', { name: 'Undo edit of email, row 6' }).click();
  await expectProblemRows(page, 1);
  await page.getByRole('button', { name: 'Redo edit of email, row 6' }).click();
  await expectProblemRows(page, 0);

  // Loaded: nothing is offered back any more.
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByRole('button', { name: /Import 2,000 rows/ }).click();
  await expect(page).toHaveURL(/\/jobs\//);
  await page.goto(`/lists/${list.id}/import`);
  await expect(page.getByRole('heading', { name: 'Choose file' })).toBeVisible();
  await expect(page.getByLabel('CSV file or Excel workbook', { exact: true })).toBeAttached();
  await expect(page.getByRole('region', { name: 'Unfinished import' })).toHaveCount(0);
});

test('a menu link asks before leaving; the work can be resumed, or discarded', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Leave');
  await openReview(page, list.id);
  await replaceNa(page);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Jobs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave this import?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your file, your choices and your 1 edit are kept in this browser');
  await page.screenshot({ path: screenshotPath('review-session-5-leave-dialog') });
  await expectAxeClean(page, { minimum: 'serious' });
  await dialog.getByRole('button', { name: 'Stay and continue' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/lists/${list.id}/import$`));
  await expect(page.getByRole('button', { name: 'Undo replace “N/A” (285 cells)' })).toBeVisible();

  await nav.getByRole('link', { name: 'Jobs' }).click();
  await dialog.getByRole('button', { name: 'Leave the import' }).click();
  await expect(page).toHaveURL(/\/jobs$/);

  await page.goto(`/lists/${list.id}/import`);
  const prompt = page.getByRole('region', { name: 'Unfinished import' });
  await expect(prompt).toContainText('Resume your import of customers.csv — 2,000 rows, 1 edit,');
  await prompt.getByRole('button', { name: 'Discard' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Choose file' })).toBeFocused();
  await expect(page.getByLabel('CSV file or Excel workbook', { exact: true })).toBeAttached();
  // Nothing to leave behind now: a menu link leaves at once, and nothing is offered back.
  await nav.getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await page.goto(`/lists/${list.id}/import`);
  await expect(page.getByRole('heading', { name: 'Choose file' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unfinished import' })).toHaveCount(0);
});
