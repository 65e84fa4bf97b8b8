import { expect, test, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { createList, uploadCsv, waitForJob } from './support/lists';
import { jobState, screenshotPath, signIn, stat } from './support/pages';

const THREE =
  'customerId,email,name,vip,since\n1,a@example.com,Ann,true,2024-01-02\n2,b@example.com,Bob,false,2024-02-03\n3,c@example.com,Cy,true,2024-03-04\n';

async function listWithThreeRecords(request: import('@playwright/test').APIRequestContext) {
  const token = await adminToken(request);
  const list = await createList(request, token, await demoWorkspaceId(request, token));
  await waitForJob(request, token, (await uploadCsv(request, token, list.id, THREE)).id);
  return { token, list };
}

async function openEditList(page: Page) {
  await page.getByText('Edit list', { exact: true }).click();
  await expect(page.getByRole('region', { name: 'Columns to edit' })).toBeVisible();
}

test('a list is renamed, gets a required column with a default, a refused rule, then is deleted', async ({
  page,
  request,
}) => {
  const { list } = await listWithThreeRecords(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  await openEditList(page);

  // Rename and describe.
  const newName = `${list.name} renamed`;
  const details = page.getByRole('form', { name: 'Name and description' });
  await details.getByLabel('Name').fill(newName);
  await details.getByLabel('Description').fill('Customers of the spring fair');
  await page.getByRole('button', { name: 'Save name and description' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Name and description saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: newName, level: 1 })).toBeVisible();

  // Add a required column: the dialog asks for the value of the 3 existing records.
  await page.getByRole('button', { name: 'Add column…' }).click();
  const add = page.getByRole('dialog', { name: 'Add a column' });
  await add.getByLabel('Name').fill('region');
  await add.getByLabel('Every record must have a value').check();
  await expect(add.getByText('Needed: the column is required and the list already has records.')).toBeVisible();
  await add.getByLabel('Value for the 3 existing records').fill('EU');
  await add.getByLabel('Allowed values, one per line').fill('EU\nUS');
  await page.screenshot({ path: screenshotPath('list-edit-add-column') });
  await expectAxeClean(page, { minimum: 'serious' });
  await add.getByRole('button', { name: 'Add column' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Column “region” added.' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Columns to edit' }).getByRole('rowheader', { name: 'region' }),
  ).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Records' }).getByText('EU').first()).toBeVisible();

  // A rule the records break is refused with how many and one example.
  await page.getByRole('button', { name: 'Change column name' }).click();
  const change = page.getByRole('dialog', { name: 'Change “name”' });
  await change.getByLabel('Allowed values, one per line').fill('Ann');
  await change.getByRole('button', { name: 'Save column' }).click();
  await expect(change.getByRole('alert')).toContainText('2 records of');
  await expect(change.getByRole('alert')).toContainText('would break this change to "name"');
  await page.screenshot({ path: screenshotPath('list-edit-refused-rule') });
  await change.getByRole('button', { name: 'Cancel' }).click();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('phone-list-edit'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('list-edit'), fullPage: true });

  // Delete: the confirmation names the list and its records.
  await page.getByRole('button', { name: 'Delete list…' }).click();
  const remove = page.getByRole('dialog', { name: `Delete “${newName}”?` });
  await expect(remove).toContainText('3 records');
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await remove.getByRole('button', { name: `Delete “${newName}” and its 3 records` }).click();
  await expect(page).toHaveURL(/\/lists$/);
  await expect(page.getByRole('link', { name: newName })).toHaveCount(0);
});

test('the wizard adds a file column the list lacks, and replace asks to type REPLACE', async ({ page, request }) => {
  const { list } = await listWithThreeRecords(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}/import`);
  await page.getByLabel('CSV file or Excel workbook').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('customerId,email,name,vip,since,city\n1,a@example.com,Ann,true,2024-01-02,Oslo\n'),
  });
  await page.getByRole('button', { name: 'Read file' }).click();
  await expect(page.getByText('Ignored file columns: city.')).toBeVisible();
  await page.getByRole('button', { name: 'Add “city” as a new column to the list' }).click();
  const add = page.getByRole('dialog', { name: 'Add a column' });
  await expect(add.getByLabel('Name')).toHaveValue('city');
  await page.screenshot({ path: screenshotPath('wizard-3-add-column') });
  await add.getByRole('button', { name: 'Add column' }).click();
  await expect(page.getByLabel('File column for city')).toHaveValue('5');
  await expect(page.getByText('Ignored file columns')).toHaveCount(0);

  await page.getByRole('button', { name: 'Check every row' }).click();
  await page.getByRole('button', { name: 'Continue to summary' }).click();
  await page.getByLabel('How to load').selectOption('replace');
  await expect(stat(page, 'Records removed')).toHaveText('2');
  await page.getByRole('button', { name: /Replace “.+” with 1 row…/ }).click();
  const confirm = page.getByRole('dialog', { name: /Replace all of/ });
  await expect(confirm).toContainText('2 records');
  const go = confirm.getByRole('button', { name: 'Remove 2 records and replace' });
  await expect(go).toBeDisabled();
  await confirm.getByLabel('Type REPLACE to confirm').fill('replace');
  await expect(go).toBeDisabled();
  await confirm.getByLabel('Type REPLACE to confirm').fill('REPLACE');
  await page.screenshot({ path: screenshotPath('wizard-5-replace-confirm') });
  await expectAxeClean(page, { minimum: 'serious' });
  await go.click();
  await expect(page).toHaveURL(/\/jobs\//);
  await expect(jobState(page, 'completed')).toBeVisible({ timeout: 30_000 });
});

test('one record is edited and another deleted from the list page, with the keyboard', async ({ page, request }) => {
  const { token, list } = await listWithThreeRecords(request);
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.goto(`/lists/${list.id}`);
  const grid = page.getByRole('grid', { name: 'Records' });
  await grid.getByRole('gridcell', { name: 'Bob' }).click();

  const editButton = page.getByRole('button', { name: 'Edit this record…' });
  await editButton.focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit customerId 2' });
  // The key is shown, not editable: the first field to change has the focus.
  await expect(edit.getByLabel('email')).toBeFocused();
  await expect(edit.getByLabel('email')).toHaveValue('b@example.com');
  // A value the list refuses is explained in the dialog, and nothing changes.
  await edit.getByLabel('since').fill('2024-13-40');
  await page.keyboard.press('Enter');
  await expect(edit.getByRole('alert')).toHaveText('The record was not saved: 1 value needs a change.');
  await expect(edit.getByLabel('since')).toHaveAttribute('aria-invalid', 'true');
  await expect(edit.getByLabel('since')).toHaveAccessibleDescription(/^since: “2024-13-40” is not /);
  await edit.getByLabel('since').fill('2024-02-03');
  await edit.getByLabel('name').fill('Bobby');
  await page.screenshot({ path: screenshotPath('list-record-edit') });
  await expectAxeClean(page, { minimum: 'serious' });
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(grid.getByRole('gridcell', { name: 'Bobby' })).toBeVisible();
  // The grid reads its records again; the focus stays on the edited record's button, not the page's top.
  await expect(editButton).toBeFocused();
  // Escape closes a dialog and gives the focus back to the button that opened it.
  await grid.getByRole('gridcell', { name: 'Bobby' }).click();
  await editButton.focus();
  await page.keyboard.press('Enter');
  await expect(edit).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();
  await expect(editButton).toBeFocused();

  await grid.getByRole('gridcell', { name: 'Cy' }).click();
  await page.getByRole('button', { name: 'Delete this record…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete customerId 3?' });
  await remove.getByRole('button', { name: 'Delete record' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Records (2)' })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'Cy' })).toHaveCount(0);

  const body = await (
    await request.get(`/api/v1/lists/${list.id}/contents`, { headers: { 'x-auth-jwt': token } })
  ).json();
  expect(
    (body.items as { customerId: number; name: string; since: string }[]).map((r) => [r.customerId, r.name, r.since]),
  ).toEqual([
    [1, 'Ann', '2024-01-02'],
    [2, 'Bobby', '2024-02-03'],
  ]);
});
