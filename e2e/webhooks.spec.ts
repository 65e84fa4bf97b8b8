import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';

import { adminToken, DEMO_ADMIN, demoWorkspaceId } from './support/api';
import { expectAxeClean } from './support/axe';
import { screenshotPath, signIn } from './support/pages';

let receiver: Server;
let base = '';
const received: string[] = [];
/** Paths under /down answer 503 until the test "repairs" the receiver. */
let downRepaired = false;

test.beforeAll(async () => {
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(request.url ?? '/');
      const down = request.url?.startsWith('/down') && !downRepaired;
      response.writeHead(down ? 503 : 200, { 'content-type': 'text/plain' });
      response.end(down ? 'maintenance' : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

test.afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

async function openWebhooks(page: Page) {
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
}

/** Removes the endpoint shown in `card` through its button and the confirmation. */
async function removeEndpoint(page: Page, card: Locator, url: string) {
  await card.getByRole('button', { name: `Remove the endpoint ${url}` }).click();
  await page
    .getByRole('dialog', { name: 'Remove this endpoint?' })
    .getByRole('button', { name: 'Remove endpoint' })
    .click();
  await expect(card).toBeHidden();
}

test('an admin adds an endpoint, sends a test event and sees it delivered, then removes it', async ({ page }) => {
  await openWebhooks(page);
  const url = `${base}/hook-${Date.now()}`;
  await page.getByLabel('URL').fill(url);
  await page.getByLabel('Description (optional)').fill('CRM sync');
  await expect(page.getByRole('checkbox', { name: /A job completed/ })).toBeChecked();
  await page.getByRole('button', { name: 'Add endpoint' }).click();

  const card = page.getByRole('region', { name: url, exact: true });
  await expect(card).toBeVisible();
  await expect(card.getByText('on', { exact: true })).toBeVisible();
  await expect(card.getByText('Nothing sent yet')).toBeVisible();
  await card.getByRole('button', { name: 'Show secret' }).click();
  await expect(card.getByText(/^whsec_[A-Za-z0-9+/]{20,}/)).toBeVisible();
  await card.getByRole('button', { name: 'Hide secret' }).click();

  await card.getByRole('button', { name: 'Send a test event' }).click();
  const row = card.getByRole('row').filter({ hasText: 'webhook.test' });
  await expect(row).toContainText('delivered', { timeout: 15_000 });
  await expect(row).toContainText('200');
  expect(received).toContain(new URL(url).pathname);

  await expectAxeClean(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('webhooks-1280'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('webhooks-390'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 860 });

  await row.getByRole('button', { name: /^Send webhook\.test of .* again$/ }).click();
  await expect(row).toContainText('delivered', { timeout: 15_000 });
  await expect.poll(() => received.filter((p) => p === new URL(url).pathname).length, { timeout: 15_000 }).toBe(2);

  await removeEndpoint(page, card, url);
});

test('an endpoint that keeps failing is switched off with a notice, and can be switched on again', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  const workspaceId = await demoWorkspaceId(request, token);
  const url = `${base}/down-${Date.now()}`;
  const created = await request.post(`/api/v1/workspaces/${workspaceId}/webhooks`, {
    headers: { 'x-auth-jwt': token },
    data: { url, events: ['job.completed'] },
  });
  expect(created.status()).toBe(201);
  const hook = await created.json();
  for (let i = 0; i < 3; i++) {
    await request.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`, {
      headers: { 'x-auth-jwt': token },
    });
  }
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}`, {
              headers: { 'x-auth-jwt': token },
            })
          ).json()
        ).enabled,
      { timeout: 20_000 },
    )
    .toBe(false);

  await openWebhooks(page);
  const card = page.getByRole('region', { name: url, exact: true });
  await expect(card.getByRole('alert')).toContainText('This endpoint was switched off');
  await expect(card.getByRole('alert')).toContainText('3 failed attempts in a row');
  // What went wrong and what to do, in words, beside what the receiver said.
  const failed = card.getByRole('row').filter({ hasText: 'webhook.test' }).first();
  await expect(failed).toContainText('The receiving system had a problem or is down (503).');
  await expect(failed).toContainText('ask whoever runs it');
  await expect(failed).toContainText('It said: “maintenance”');
  await expect(card.getByRole('alert')).toContainText('The deliveries below say what went wrong');
  await expectAxeClean(page);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('webhooks-switched-off') });

  // The receiver works again: switching on sends what was waiting.
  downRepaired = true;
  await card.getByRole('button', { name: 'Switch on' }).click();
  await expect(card.getByRole('alert')).toBeHidden();
  await expect(card.getByText('on', { exact: true })).toBeVisible();
  await expect(card.getByRole('row').filter({ hasText: 'delivered' })).toHaveCount(3, { timeout: 20_000 });
  await card.getByRole('button', { name: 'Switch off' }).click();
  await expect(card.getByText('off', { exact: true })).toBeVisible();
});

test('on a phone a delivery’s failure reads in words without scrolling sideways', async ({ page, request }) => {
  const token = await adminToken(request);
  const workspaceId = await demoWorkspaceId(request, token);
  // Nothing listens on the receiver's port once it is closed: the delivery cannot connect.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/unreachable-${Date.now()}`;
  await new Promise((resolve) => closed.close(resolve));
  const created = await request.post(`/api/v1/workspaces/${workspaceId}/webhooks`, {
    headers: { 'x-auth-jwt': token },
    data: { url, events: ['job.completed'] },
  });
  expect(created.status()).toBe(201);
  const hook = await created.json();
  await request.post(`/api/v1/workspaces/${workspaceId}/webhooks/${hook.id}/test`, {
    headers: { 'x-auth-jwt': token },
  });

  await openWebhooks(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const card = page.getByRole('region', { name: url, exact: true });
  const words = card.getByText('Nothing answered at this address.', { exact: false });
  await expect(words).toBeVisible({ timeout: 15_000 });
  // The explanation wraps at the screen's width: nothing of it is out of view to the right.
  await words.scrollIntoViewIfNeeded();
  const box = (await words.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  // Each line says what it is, as the table's header said at 1280.
  const delivery = card.getByRole('row').filter({ hasText: 'webhook.test' }).first();
  expect(
    await delivery.locator('td[data-label="Answer"]').evaluate((td) => getComputedStyle(td, '::before').content),
  ).toBe('"Answer: "');
  await page.screenshot({ path: screenshotPath('webhooks-unreachable-390'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('webhooks-unreachable-1280') });

  await removeEndpoint(page, card, url);
});

test('the API reference renders the OpenAPI document from the app itself', async ({ page }) => {
  // Bundled with the app: nothing may be fetched from another host (a CDN, web fonts).
  const outside: string[] = [];
  page.on('request', (r) => {
    const { protocol, hostname } = new URL(r.url());
    if (protocol.startsWith('http') && hostname !== '127.0.0.1' && hostname !== 'localhost') outside.push(r.url());
  });
  await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API reference' }).click();
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByText('Listport API').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('/workspaces/{workspaceId}/webhooks').first()).toBeVisible();
  expect(outside).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath('api-reference-1280') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('api-reference-390') });
});
