import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList } from './support/lists';
import { closedSelectFits, jobState, screenshotPath, signIn, stat } from './support/pages';

const COLUMNS = [
  { name: 'orderId', dataType: 'integer', isKey: true },
  { name: 'ordered', dataType: 'date' },
  { name: 'amount', dataType: 'number', required: false },
  { name: 'paid', dataType: 'boolean' },
];

async function openMapStep(page: Page, listId: string, csv: string) {
  await page.goto(`/lists/${listId}/import`);
  await page
    .getByLabel('CSV file or Excel workbook', { exact: true })
    .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByRole('heading', { name: 'Map columns' })).toBeFocused();
}

async function chooseWay(page: Page, column: string, startsWith: RegExp) {
  const select = page.getByLabel(`How the file writes ${column}`);
  await select.selectOption((await select.locator('option', { hasText: startsWith }).getAttribute('value'))!);
}

test('the wizard reads day/month dates and decimal commas the way the file writes them', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Orders');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${i + 1};${day}/${i % 2 ? '03' : '11'}/2024;${i + 1}.234,5${i % 10};${i % 3 ? 'ja' : 'nein'}`;
  });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, ['orderId;ordered;amount;paid', ...rows].join('\n'));

  // Days past 12 settle the order: day/month is proposed and chosen; so are decimal commas and ja/nein.
  await expect(page.getByLabel('How the file writes ordered')).toHaveValue(/\d/);
  await expect(page.getByLabel('How the file writes ordered').locator('option:checked')).toHaveText(
    /^DD\/MM\/YYYY, like 31\/12\/2024 — reads all 40/,
  );
  await expect(page.getByLabel('How the file writes amount').locator('option:checked')).toHaveText(
    /decimal comma.*reads all 40/,
  );
  await expect(page.getByLabel('How the file writes paid').locator('option:checked')).toHaveText(
    /“ja” for yes, “nein” for no — reads all 40/,
  );
  await page.screenshot({ path: screenshotPath('wizard-formats-proposed'), fullPage: true });
  await expectAxeClean(page);
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  await expect(page.getByRole('gridcell', { name: 'ordered, row 2: 2024-11-01' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'amount, row 2: 1234.50' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'paid, row 2: false' })).toBeVisible();
});

/**
 * The chosen way as the closed select shows it, and whether it reads in full: either the select is
 * wide enough for it, or the way is written out beside it, wrapping, on the screen.
 */
async function chosenWayFits(page: Page, column: string) {
  const select = page.getByLabel(`How the file writes ${column}`);
  const { text, fits } = await closedSelectFits(select);
  const writtenOnScreen = await select.evaluate((element: HTMLSelectElement, chosen) => {
    const written = [...element.parentElement!.querySelectorAll<HTMLElement>('.chosen-way')].find(
      (line) => line.textContent === chosen && line.checkVisibility(),
    );
    const box = written?.getBoundingClientRect();
    return box !== undefined && box.left >= 0 && box.right <= window.innerWidth;
  }, text);
  return { text, fits: fits || writtenOnScreen };
}

test('the chosen way of writing a column reads in full on a laptop and on a phone', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Orders');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${i + 1};${day}/${i % 2 ? '03' : '11'}/2024;${i + 1}.234,5${i % 10};${i % 3 ? 'ja' : 'nein'}`;
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, ['orderId;ordered;amount;paid', ...rows].join('\n'));
  await expect(page.getByLabel('How the file writes amount').locator('option:checked')).toHaveText(/decimal comma/);
  for (const [width, height, shot] of [
    [1280, 720, 'wizard-formats-written-as-laptop'],
    [390, 844, 'wizard-formats-written-as-phone'],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const column of ['ordered', 'amount', 'paid']) {
      const chosen = await chosenWayFits(page, column);
      expect(chosen, `${column} at ${width}px: “${chosen.text}”`).toMatchObject({ fits: true });
    }
    await page.getByLabel('How the file writes amount').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(shot), fullPage: false });
  }
  await expectAxeClean(page);
});

test('dates that read both ways are asked about, and the answer is remembered for the list', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Orders');
  const csv = [
    'orderId,ordered,amount,paid',
    '1,01/02/2024,5,true',
    '2,03/04/2024,,false',
    '3,2024-05-06,7.5,true',
  ].join('\n');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, csv);

  await expect(page.getByRole('button', { name: 'Check every row' })).toBeDisabled();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Say how the file writes “ordered”');
  await expect(
    page.getByText(/“01\/02\/2024” is 2024-02-01 as DD\/MM\/YYYY, 2024-01-02 as MM\/DD\/YYYY/),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('wizard-formats-ask'), fullPage: true });
  await expectAxeClean(page);
  await chooseWay(page, 'ordered', /^MM\/DD\/YYYY/);
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('gridcell', { name: 'ordered, row 2: 2024-01-02' })).toBeVisible();

  // The next import into this list offers the same answer.
  await openMapStep(page, list.id, csv);
  await expect(page.getByLabel('How the file writes ordered').locator('option:checked')).toHaveText(/^MM\/DD\/YYYY/);
  await expect(page.getByRole('button', { name: 'Check every row' })).toBeEnabled();
});

test('an edit in a day/month column is read day/month, and an impossible date says why', async ({ page, request }) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Joined dates');
  const rows = Array.from({ length: 20 }, (_, i) => `${i + 1};${String(i + 10)}/0${(i % 9) + 1}/2024;;true`);
  rows.push('21;13/13/2024;;true');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, ['orderId;ordered;amount;paid', ...rows].join('\n'));
  await chooseWay(page, 'ordered', /^DD\/MM\/YYYY/);
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();

  // The problem is the date itself (there is no month 13), not another way of writing dates.
  const bad = page.getByRole('gridcell', { name: 'ordered, row 22: 13/13/2024' });
  await bad.click();
  await expect(page.locator('#cell-problem')).toContainText('there is no month 13');
  await expect(page.getByRole('button', { name: /^Read as/ })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('wizard-formats-impossible-date'), fullPage: true });

  // Typed the way the file writes the column, it is read that way: 13 December 2024.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'ordered, row 22' })).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('13/12/2024');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('gridcell', { name: 'ordered, row 22: 2024-12-13' })).toBeFocused();
  await expect(page.locator('#cell-problem')).toContainText('no problem in this cell');
  await expect(page.getByRole('button', { name: 'Undo edit of ordered, row 22' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('wizard-formats-edit-read'), fullPage: true });

  // The server checks every record again: the edited one is uploaded as it reads it, and loads.
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await expect(stat(page, 'New records')).toHaveText('21');
  await page.getByRole('button', { name: /Import 21 rows/ }).click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=orderId:descending`, {
      headers: { 'x-auth-jwt': token },
    })
  ).json();
  expect(contents.items[0]).toMatchObject({ orderId: 21, ordered: '2024-12-13' });
});

test('two file columns named alike are told apart by letter, and the second one chosen is the one imported', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const columns = [
    { name: 'id', dataType: 'integer', isKey: true },
    { name: 'name', dataType: 'string' },
    { name: 'City', dataType: 'string' },
    { name: 'since', dataType: 'date' },
  ];
  const list = await createList(request, token, await demoWorkspaceId(request, token), columns, 'Addresses');
  const longCity = 'Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson, Marne, Grand Est';
  const csv = [
    'id,name,City,zip,since,City',
    '1,Ann,Lyon,69001,31/01/2024,Paris',
    '2,Bo,Nice,06000,29/02/2024,',
    `3,Cy,Metz,57000,n/a,"${longCity}"`,
  ].join('\n');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, csv);

  // Both "City" columns are offered, each with its spreadsheet letter; the notice says how they are told apart.
  await expect(page.getByText('The file names more than one column “City”.')).toBeVisible();
  const city = page.getByLabel('File column for City');
  await expect(city.locator('option:checked')).toHaveText('City (column C)');
  await expect(city.locator('option', { hasText: 'City (column F)' })).toHaveCount(1);
  await expect(page.getByText('Ignored file columns: zip, City (column F).')).toBeVisible();

  // Offered as a new column of the list, the second "City" gets a name of its own.
  await page.getByRole('button', { name: 'Add “City (column F)” as a new column to the list' }).click();
  const add = page.getByRole('dialog', { name: 'Add a column' });
  await expect(add.getByLabel('Name')).toHaveValue('City 2');
  await add.getByRole('button', { name: 'Cancel' }).click();

  // The way dates are written reads two of the three; the third is named.
  await expect(page.getByText('1 value cannot be read this way, like “n/a”.')).toBeVisible();

  await city.selectOption({ label: 'City (column F)' });
  const sample = page.getByRole('row', { name: /^City/ }).getByRole('cell').nth(2);
  await expect(sample).toContainText('Paris');
  await expect(sample.getByText('(empty)')).toBeVisible();
  // A long value takes up to two lines of the column: the region after the town's long name shows.
  const city2 = sample.getByText(longCity, { exact: true });
  await expect(city2).toHaveAttribute('tabindex', '0');
  const shown = await city2.evaluate((e) => ({ shown: e.clientHeight, whole: e.scrollHeight }));
  expect(shown.shown, 'the value is shown whole').toBeGreaterThanOrEqual(shown.whole);
  await page.screenshot({ path: screenshotPath('wizard-repeated-headers'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('wizard-repeated-headers-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('wizard-repeated-headers-laptop') });
  await expectAxeClean(page);
  await page.getByRole('button', { name: 'Check every row' }).click();

  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  await expect(page.getByRole('gridcell', { name: 'City, row 2: Paris' })).toBeVisible();
  await page.getByRole('gridcell', { name: 'since, row 4: n/a' }).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('01/03/2024');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('gridcell', { name: 'since, row 4: 2024-03-01' })).toBeFocused();

  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByRole('button', { name: /Import 3 rows/ }).click();
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
  const contents = await (
    await request.get(`/api/v1/lists/${list.id}/contents?sortBy=id:ascending`, { headers: { 'x-auth-jwt': token } })
  ).json();
  expect(contents.items.map((r: { City: string | null }) => r.City)).toEqual(['Paris', null, longCity]);
});

test('on a phone every way of writing a column reads in full in its select, the chosen one written out under it', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token), COLUMNS, 'Orders');
  const rows = Array.from({ length: 40 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `${i + 1};${day}/${i % 2 ? '03' : '11'}/2024;${i + 1}.234,5${i % 10};${i % 3 ? 'ja' : 'nein'}`;
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await openMapStep(page, list.id, ['orderId;ordered;amount;paid', ...rows].join('\n'));
  const amount = page.getByLabel('How the file writes amount');
  await expect(amount.locator('option:checked')).toHaveText('like 1.234.567,89 — all 40');
  await expect(page.getByLabel('How the file writes paid').locator('option:checked')).toHaveText(
    '“ja” / “nein” — all 40',
  );
  await expect(amount).toHaveAccessibleDescription(
    'a decimal comma, thousands grouped with dots, like 1.234.567,89 — reads all 40',
  );
  for (const column of ['ordered', 'amount', 'paid']) {
    // Each option as wide as the browser makes a select holding only it: no wider than the select.
    const cut = await page.getByLabel(`How the file writes ${column}`).evaluate((select: HTMLSelectElement) => {
      const width = select.getBoundingClientRect().width;
      return [...select.options].flatMap((option) => {
        const copy = document.createElement('select');
        copy.style.cssText = 'field-sizing: content; position: absolute; visibility: hidden; max-width: none';
        copy.append(new Option(option.text));
        select.parentElement!.append(copy);
        const needed = copy.getBoundingClientRect().width;
        copy.remove();
        return needed > width + 1 ? [`${option.text} (${Math.round(needed)} > ${Math.round(width)} px)`] : [];
      });
    });
    expect(cut, `options of ${column} cut at the select's edge`).toEqual([]);
  }
  await amount.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('wizard-formats-options-phone'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 720 });
  // A laptop has the room: the options say the way in full.
  await expect(amount.locator('option:checked')).toHaveText(/^a decimal comma, thousands grouped with dots/);
  await page.screenshot({ path: screenshotPath('wizard-formats-options-laptop'), fullPage: false });
});

/**
 * Bavaria's open election results for Vaterstetten (Bundestag 2021, one row per polling district),
 * as vaterstetten-in-zahlen keeps them: 69 columns, `;`, dates written 26.09.2021. A list of five of
 * them leaves 64 file columns not imported.
 * https://github.com/fxedel/vaterstetten-in-zahlen/blob/691905445d08ec29e06e4f5ba9e6ec25b399e36e/data/wahlen/bundestagswahl2021/raw/Open-Data-Bundestagswahl1576.csv
 */
const ELECTION_DISTRICTS = [
  'datum;wahl;ags;gebiet-nr;gebiet-name;max-schnellmeldungen;anz-schnellmeldungen;A1;A2;A3;A;B;B1;C;D;E;F;D1;F1;D2;F2;D3;F3;D4;F4;D5;F5;D6;F6;D7;F7;D8;F8;D9;F9;D10;F10;D11;F11;D12;F12;D13;F13;D14;F14;D15;F15;D16;F16;D17;F17;D18;F18;D19;F19;D20;F20;D21;F21;D22;F22;D23;F23;D24;F24;D25;F25;D26;F26',
  '26.09.2021;Wahl zum Deutschen Bundestag;09175132;0001;Stimmbezirk 1;1;1;689;766;0;1455;491;2;1;490;2;489;216;185;74;72;27;31;56;77;60;63;15;15;29;18;3;0;0;4;6;5;0;7;0;2;0;0;0;0;0;0;0;0;0;0;4;8;0;1;0;0;0;0;0;0;0;0;0;1;0;0;0;0',
  '26.09.2021;Wahl zum Deutschen Bundestag;09175132;0002;Stimmbezirk 2;1;1;354;541;0;895;284;8;2;282;2;282;152;117;27;35;13;14;25;41;42;42;4;1;7;18;2;0;0;3;4;3;0;0;0;0;0;0;0;0;0;0;0;0;0;0;6;5;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;3',
  '26.09.2021;Wahl zum Deutschen Bundestag;09175132;0003;Stimmbezirk 3;1;1;473;619;0;1092;362;1;1;361;1;361;132;106;64;53;11;17;47;72;70;72;10;12;15;11;5;2;0;4;3;1;0;2;0;4;0;0;0;0;0;0;0;0;0;0;4;3;0;0;0;0;0;0;0;0;0;0;0;2;0;0;0;0',
].join('\r\n');

test('a wide file’s columns not imported wait behind one line, so the mapping is checked in a few key presses', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const columns = [
    { name: 'gebiet-nr', dataType: 'string', isKey: true },
    { name: 'datum', dataType: 'date' },
    { name: 'gebiet-name', dataType: 'string' },
    { name: 'A', dataType: 'integer' },
    { name: 'B', dataType: 'integer' },
  ];
  const list = await createList(request, token, await demoWorkspaceId(request, token), columns, 'Wahl');
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openMapStep(page, list.id, ELECTION_DISTRICTS);
  await expect(page.getByLabel('How the file writes datum').locator('option:checked')).toHaveText(
    /^DD\.MM\.YYYY, like 31\.12\.2024 — reads all 3/,
  );

  // The 64 offers to add a column are one line; "Check every row" is a few Tab presses away (72 before).
  const notImported = page.getByText('Add some of the 64 file columns not imported to the list…');
  await expect(notImported).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add “A1” as a new column to the list' })).toBeHidden();
  let presses = 0;
  const check = page.getByRole('button', { name: 'Check every row' });
  while (!(await check.evaluate((b) => b === document.activeElement)) && presses < 40) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(presses).toBeLessThanOrEqual(12);
  await page.screenshot({ path: screenshotPath('wizard-wide-file-map-1280'), fullPage: true });

  // Opened from the keyboard, it lists every one, each with its first values and its offer.
  await page.keyboard.press('Shift+Tab');
  await expect(notImported).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add “A1” as a new column to the list' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'File columns not imported' })).toContainText(
    '“ags” is not a column of the list. First values: 09175132',
  );
  await expectAxeClean(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('wizard-wide-file-map-390'), fullPage: true });

  await check.click();
  await expect(page.getByRole('heading', { name: 'Review & fix' })).toBeFocused();
  await expect(page.getByRole('gridcell', { name: 'datum, row 2: 2021-09-26' })).toBeVisible();
});
