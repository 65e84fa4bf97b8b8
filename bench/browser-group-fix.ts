import { buttonEnabled, launchChromium, openImportWizard, takeLongestTask, whenShown } from './browser';

/**
 * A group fix and its undo in the import wizard, in headless Chromium: a file whose every tenth
 * amount is "n/a" (100,000 cells of 1,000,000 rows) is read and checked, then Find & replace
 * writes 0 in all of them at once (one undo step), then Undo puts them all back. Each is timed
 * from the click to the answer on screen — the worker changed and revalidated every cell, and the
 * counts show it — with the longest main-thread task meanwhile.
 */
export async function measureGroupFix(
  baseUrl: string,
  listId: string,
  file: string,
  expectedCells: number,
  admin: { email: string; password: string },
) {
  const browser = await launchChromium();
  try {
    const page = await openImportWizard(browser, baseUrl, listId, admin);
    await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Read file' }).click();
    await page.getByRole('button', { name: 'Check every row' }).click({ timeout: 120_000 });
    const cells = expectedCells.toLocaleString('en-US');
    const problemRows = (n: string) =>
      page.getByRole('status').filter({ hasText: new RegExp(`Rows with problems\\s*${n}(?![\\d,])`) });
    await problemRows(cells).waitFor({ timeout: 120_000 });

    const replace = page.getByRole('form', { name: 'Find and replace' });
    // The whole-file fixes start folded away.
    if (!(await replace.isVisible())) await page.getByText('Fixes for the whole file').click();
    await replace.getByLabel('Find', { exact: true }).fill('n/a');
    await replace.getByLabel('Replace with').fill('0');
    await replace.getByLabel('In column').selectOption({ label: 'amount' });
    await replace.getByLabel('Whole cell').check();
    await takeLongestTask(page);
    let started = performance.now();
    await replace.getByRole('button', { name: 'Replace all' }).click();
    await whenShown(page, (text) => document.body.textContent?.includes(text) === true, `Replaced in ${cells} cells.`);
    const fixMs = Math.round(performance.now() - started);
    const fixLongestTaskMs = await takeLongestTask(page);
    await problemRows('0').waitFor();

    const undo = page.getByRole('button', { name: `Undo replace “n/a” (${cells} cells)` });
    started = performance.now();
    await undo.click();
    await whenShown(page, buttonEnabled, `Redo replace “n/a” (${cells} cells)`);
    const undoMs = Math.round(performance.now() - started);
    const undoLongestTaskMs = await takeLongestTask(page);
    // An undo that restored fewer problems than the fix removed would be timed as if it worked.
    await problemRows(cells).waitFor({ timeout: 5_000 });
    return { fixMs, undoMs, fixLongestTaskMs, undoLongestTaskMs };
  } finally {
    await browser.close();
  }
}
