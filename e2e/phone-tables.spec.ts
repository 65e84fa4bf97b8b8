import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { screenshotPath, signIn } from './support/pages';

test.use({ viewport: { width: 390, height: 844 } });

/** A list wider than a phone: nine columns, one of them with a length limit. */
const COLUMNS = [
  { name: 'customerId', dataType: 'integer', isKey: true },
  { name: 'email', dataType: 'string', required: true },
  { name: 'fullName', dataType: 'string' },
  { name: 'company', dataType: 'string', maxLength: 40 },
  { name: 'city', dataType: 'string' },
  { name: 'amount', dataType: 'number', required: false },
  { name: 'vip', dataType: 'boolean' },
  { name: 'since', dataType: 'date' },
  { name: 'notes', dataType: 'string' },
];

/** Long names and notes; every tenth company is longer than the list allows. */
function wideCsv(rows: number): string {
  const lines = [COLUMNS.map((c) => c.name).join(',')];
  for (let i = 1; i <= rows; i++) {
    const company = i % 10 === 2 ? 'International Business Machines Deutschland GmbH & Co. KG' : `Firma ${i} GmbH`;
    const notes = `A long note for row ${i} with more words than a phone shows on one line`;
    lines.push(
      [i, `kunde${i}@example.com`, `Person ${i} Müller-Lüdenscheidt`, company, 'Frankfurt am Main', `${i}.5`, 'true']
        .concat(['2024-01-15', `"${notes}"`])
        .join(','),
    );
  }
  return lines.join('\n');
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page itself scrolls sideways').toBeLessThanOrEqual(0);
}

/** A wide table: a named region in the Tab order, with the sideways hint, scrolled by the arrow keys. */
async function expectScrollTable(page: Page, region: Locator) {
  await expect(region).toHaveAttribute('tabindex', '0');
  const hintId = await region.getAttribute('aria-describedby');
  expect(hintId).toBeTruthy();
  await expect(page.locator(`[id="${hintId}"]`)).toHaveText('Scroll sideways to see more columns.');
  await expect(page.locator(`[id="${hintId}"]`)).toBeVisible();
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  // Back at the start before anything is measured, once the arrow key's smooth scroll has ended:
  // scrolled back while it ran, the table ended up still scrolled (a job's state half hidden).
  await region.evaluate(
    (e) =>
      new Promise<void>((resolve) => {
        const settled = () => {
          const left = e.scrollLeft;
          setTimeout(() => (e.scrollLeft === left ? resolve() : settled()), 100);
        };
        settled();
      }),
  );
  await region.evaluate((e) => e.scrollTo({ left: 0, behavior: 'instant' }));
  await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBe(0);
}

test('on a phone wide tables scroll inside themselves with a cue, and the review step is usable', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Wide');
  await waitForJob(request, token, (await uploadCsv(request, token, list.id, wideCsv(3))).id);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);

  // The jobs list: the keyboard reaches the table's region with Tab and sees where it is.
  await page.goto('/jobs');
  const jobs = page.getByRole('region', { name: 'Jobs', exact: true });
  await page.getByRole('button', { name: 'Filter' }).focus();
  for (let i = 0; i < 5 && !(await jobs.evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(jobs).toBeFocused();
  const ring = await jobs.evaluate((e) => {
    const style = getComputedStyle(e);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style, 'a focus ring').not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await expectScrollTable(page, jobs);
  await expectNoSidewaysScroll(page);
  // A job's state reads without scrolling: fully in view, clear of the sideways-scroll shadow (1.5rem).
  const state = jobs.getByRole('row').nth(1).getByRole('cell').first();
  await expect(state).toHaveText(/^(completed|failed|running|pending|cancelled)$/);
  const [stateBox, jobsBox] = [await state.locator('.badge').boundingBox(), await jobs.boundingBox()];
  expect(stateBox!.x).toBeGreaterThanOrEqual(jobsBox!.x);
  expect(stateBox!.x + stateBox!.width).toBeLessThanOrEqual(jobsBox!.x + jobsBox!.width - 24);
  await page.screenshot({ path: screenshotPath('phone-tables-jobs'), fullPage: true });

  await page.goto(`/lists/${list.id}`);
  await expectScrollTable(page, page.getByRole('region', { name: 'Columns of the list', exact: true }));
  await expectNoSidewaysScroll(page);

  await page.goto('/lists/new');
  await expectScrollTable(page, page.getByRole('region', { name: 'Columns of the new list' }));
  await expectNoSidewaysScroll(page);

  // The import wizard's map step.
  await page.goto(`/lists/${list.id}/import`);
  await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles({
    name: 'wide.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(wideCsv(40)),
  });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('button', { name: 'Check every row' })).toBeEnabled();
  // Each list column is a block: nothing to scroll sideways to, every "Comes from" select wholly on
  // the screen, and no block made tall by its long first values (two lines each at most).
  const map = page.getByRole('region', { name: 'Map file columns to list columns' });
  await expect(map).not.toHaveAttribute('tabindex');
  await expect(page.getByText('Scroll sideways to see more columns.')).toBeHidden();
  await expectNoSidewaysScroll(page);
  for (const column of COLUMNS) {
    const select = (await page.getByLabel(`File column for ${column.name}`, { exact: true }).boundingBox())!;
    expect(select.x, column.name).toBeGreaterThanOrEqual(0);
    expect(select.x + select.width, column.name).toBeLessThanOrEqual(390);
    expect(select.width, `${column.name}: the select takes the screen's width`).toBeGreaterThan(300);
  }
  const heights = await map
    .locator('tr.map-row')
    .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
  expect(heights).toHaveLength(COLUMNS.length);
  const lineHeight = await map
    .locator('.first-value')
    .first()
    .evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
  // customerId's block has three short values and a name that wraps; a long value adds one line at most.
  for (const [i, height] of heights.entries()) {
    expect(height, COLUMNS[i]!.name).toBeLessThanOrEqual(heights[0]! + 3 * lineHeight + 2);
  }
  for (const value of await map.locator('.first-value').all()) {
    expect((await value.boundingBox())!.height, await value.innerText()).toBeLessThanOrEqual(2 * lineHeight + 1);
  }
  // A note of two lines' length on a phone is shown whole: no cut after a number of characters.
  const whole = 'A long note for row 1 with more words than a phone shows on one line';
  const note = map.locator('.sample-value', { hasText: whole });
  await expect(note).toHaveText(whole);
  const shown = await note.evaluate((e) => ({ shown: e.clientHeight, whole: e.scrollHeight }));
  expect(shown.shown, 'the note is shown whole').toBeGreaterThanOrEqual(shown.whole);
  const noteBox = (await note.boundingBox())!;
  expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: screenshotPath('phone-tables-map'), fullPage: true });
  // At 1280 the mapping stays a table.
  await page.setViewportSize({ width: 1280, height: 720 });
  expect(
    await map
      .locator('tr.map-row')
      .first()
      .evaluate((r) => getComputedStyle(r).display),
  ).toBe('table-row');
  // Each match badge ("same name") on one line: it wrapped onto two in its narrow column.
  const badgeLines = await map
    .locator('tr.map-row .badge')
    .evaluateAll((badges) =>
      badges.map((b) => Math.round(b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight))),
    );
  expect(badgeLines.length).toBeGreaterThan(0);
  expect(badgeLines).toEqual(badgeLines.map(() => 1));
  await page.screenshot({ path: screenshotPath('phone-tables-map-laptop') });
  await page.setViewportSize({ width: 390, height: 844 });

  // Review & fix: the next problem's column is scrolled into view beside the row numbers, and its
  // message is written out whole.
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Rows of the file' });
  await expect(page.getByText('Scroll sideways to see more columns.')).toBeVisible();
  await page.getByRole('button', { name: 'Next problem (F8)' }).click();
  const cell = page.getByRole('gridcell', { name: /^company, row 3:/ });
  await expect(cell).toBeFocused();
  const message = page.locator('#cell-problem');
  await expect(message).toContainText('Row 3 · company:');
  await expect(message).toContainText('Shorten the value');
  expect(await message.evaluate((e) => e.scrollHeight - e.clientHeight), 'the message is cut off').toBeLessThanOrEqual(
    1,
  );
  const [gridBox, cellBox, rowNumber] = await Promise.all([
    grid.boundingBox(),
    cell.boundingBox(),
    grid.getByRole('rowheader', { name: '3', exact: true }).boundingBox(),
  ]);
  expect(cellBox!.x).toBeGreaterThanOrEqual(rowNumber!.x + rowNumber!.width - 1);
  expect(cellBox!.x + cellBox!.width).toBeLessThanOrEqual(gridBox!.x + gridBox!.width + 1);
  expect(rowNumber!.x).toBeGreaterThanOrEqual(gridBox!.x - 1);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-tables-review') });

  // The group fix's choices: each radio button beside its words, not above them.
  const group = page.getByRole('complementary', { name: /Problems/ }).getByRole('region', { name: /company/ });
  await group.getByRole('button', { name: 'Fix all…' }).click();
  const choices = group.locator('label.choice');
  await expect(choices).toHaveCount(3);
  for (const choice of await choices.all()) {
    const [radio, words] = await Promise.all([
      choice.getByRole('radio').boundingBox(),
      choice.locator('span').boundingBox(),
    ]);
    expect(radio!.x + radio!.width, await choice.innerText()).toBeLessThanOrEqual(words!.x);
    expect(radio!.y, await choice.innerText()).toBeLessThan(words!.y + words!.height);
    expect(words!.y, await choice.innerText()).toBeLessThan(radio!.y + radio!.height);
  }
  await group.getByLabel('Replace all with one value').check();
  await expect(group.getByLabel('New value')).toBeVisible();
  await group.screenshot({ path: screenshotPath('phone-tables-group-fix') });
});

/**
 * A wide list loaded twice, then the History's compare of the two versions opened, signed in as the
 * demo admin: the compare's region.
 */
async function compareOfTwoLoads(page: Page, request: APIRequestContext, loads: string[][]) {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Wide');
  for (const csv of loads) {
    expect(
      (await waitForJob(request, token, (await uploadCsv(request, token, list.id, csv.join('\n'))).id)).state,
    ).toBe('completed');
  }
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  const timeline = page.getByRole('list', { name: 'Revisions, newest first' });
  await timeline.getByRole('listitem').first().getByRole('button', { name: 'What changed' }).click();
  return page.getByRole('region', { name: 'Records changed between revision 1 and 2' });
}

test('on a phone the History’s compare shows a changed value beside the record’s key', async ({ page, request }) => {
  // Records 1 and 3 (record 2's company is longer than the list allows); then only the last column,
  // notes, of record 3 changes.
  const [header, first, third] = wideCsv(3)
    .split('\n')
    .filter((_, i) => i !== 2) as [string, string, string];
  const region = await compareOfTwoLoads(page, request, [
    [header, first, third],
    [header, third.replace(/"A long note[^"]*"/, 'Called back')],
  ]);
  const row = region.getByRole('row').nth(1);
  await expect(row.getByRole('insertion')).toHaveText('Called back');
  // The key, then the changed column: both read without scrolling sideways.
  await expect(region.getByRole('columnheader')).toHaveText([
    'Change',
    'customerId',
    'notes',
    ...COLUMNS.slice(1, 8).map((c) => c.name),
  ]);
  const [cell, box] = [await row.getByRole('insertion').boundingBox(), await region.boundingBox()];
  expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width - 24);
  await expectNoSidewaysScroll(page);
  await region.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('phone-tables-history-diff') });
});

test('on a phone the History’s compare cuts long unchanged values to two lines, whole on focus', async ({
  page,
  request,
}) => {
  // Records 1 and 3, then only their amounts change: their long names and notes stay as they were.
  const [header, first, third] = wideCsv(3)
    .split('\n')
    .filter((_, i) => i !== 2) as [string, string, string];
  const region = await compareOfTwoLoads(page, request, [
    [header, first, third],
    [header, first.replace(',1.5,', ',2.5,'), third.replace(',3.5,', ',4.5,')],
  ]);
  const rows = region.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByRole('insertion')).toHaveText('2.5');
  // Each record's row is two lines of text at most (it was 6–8 with the notes written out whole).
  const lineHeight = await rows
    .first()
    .locator('td')
    .first()
    .evaluate((td) => parseFloat(getComputedStyle(td).lineHeight));
  for (const row of await rows.all()) {
    const height = (await row.boundingBox())!.height;
    expect(height, await row.innerText()).toBeLessThanOrEqual(2 * lineHeight + 20);
  }
  // The note is cut on the screen but whole for a screen reader, and shown whole once it has the focus.
  const whole = 'A long note for row 1 with more words than a phone shows on one line';
  const note = rows.first().getByText(whole, { exact: true });
  await expect(note).toHaveAttribute('tabindex', '0');
  const cut = await note.evaluate((e) => ({ shown: e.clientHeight, whole: e.scrollHeight }));
  expect(cut.whole, 'the note is cut').toBeGreaterThan(cut.shown + 1);
  await page.screenshot({ path: screenshotPath('phone-tables-history-diff-cut') });
  await note.focus();
  await expect(note).toBeFocused();
  const focused = await note.evaluate((e) => ({ shown: e.clientHeight, whole: e.scrollHeight }));
  expect(focused.shown, 'shown whole on focus').toBeGreaterThanOrEqual(focused.whole);
  expect(focused.shown).toBeGreaterThan(cut.shown);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath('phone-tables-history-diff-focus') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await region.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('phone-tables-history-diff-laptop') });
});

test('the jobs filter’s From and To are days of the reader’s calendar', async ({ browser, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Zoned');
  await waitForJob(request, token, (await uploadCsv(request, token, list.id, wideCsv(1))).id);
  // A zone whose calendar is on another day than UTC's right now: the job's day there is "today".
  const utcHour = new Date().getUTCHours();
  const timezoneId = utcHour >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
  const context = await browser.newContext({ timezoneId, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/jobs?listId=${list.id}`);
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
  expect(today, 'the zone is on another day than UTC').not.toBe(new Date().toISOString().slice(0, 10));
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill(today);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/from=/);
  await expect(page.getByRole('region', { name: 'Jobs', exact: true }).getByRole('link')).toHaveText([
    'Import of data.csv',
  ]);
  await context.close();
});
