import fs from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';

import { CHROMIUM_LAUNCH_OPTIONS } from '../e2e/support/chromium';

/**
 * The browser side of an import in headless Chromium: time from dropping a file to the review grid
 * being ready (read + parse + validate every row in the worker), the longest main-thread task
 * meanwhile, the time to scroll the grid to its last row, and the tab's memory: the peak resident
 * memory of Chromium's renderer processes (the page and its Web Worker run there).
 */
export async function measureBrowser(
  baseUrl: string,
  listId: string,
  file: string,
  expectedRows: number,
  admin: { email: string; password: string },
) {
  const browser = await launchChromium();
  try {
    const page = await openImportWizard(browser, baseUrl, listId, admin);
    const tabMemory = sampleRendererMemory();
    const started = performance.now();
    await page.getByLabel('CSV file or Excel workbook', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Read file' }).click();
    // Split where the time goes: reading the file (to the map step, its formats judged on every
    // value), then checking every row (to the review grid).
    await whenShown(page, buttonEnabled, 'Check every row');
    const mapSeconds = (performance.now() - started) / 1000;
    await page.getByRole('button', { name: 'Check every row' }).click();
    // Ready: the counts are shown and the grid's first row has its cells.
    await whenShown(page, () => {
      const counted = [...document.querySelectorAll('[role=group]')].some(
        (g) => g.textContent?.startsWith('Rows with problems') && g.querySelector('strong'),
      );
      const grid = document.querySelector('[role=grid][aria-label="Rows of the file"]');
      return counted && grid?.querySelector('[role=row][aria-rowindex="2"] [role=gridcell]') != null;
    });
    const readSeconds = (performance.now() - started) / 1000;
    const stat = (label: string) => page.getByRole('group', { name: label, exact: true }).getByRole('strong');
    const grid = page.getByRole('grid', { name: 'Rows of the file' });
    const rowCount = Number((await stat('Rows').textContent())?.replace(/,/g, ''));
    // A read that lost or invented rows would be timed as if it worked.
    if (rowCount !== expectedRows) throw new Error(`The wizard read ${rowCount} rows of a file with ${expectedRows}.`);
    const scrollStarted = performance.now();
    // Grids show rows in blocks of 500,000 (browsers cap element heights): go to the last block, then its end.
    const next = page.getByRole('button', { name: /^Next 500,000/ });
    while ((await next.count()) > 0 && (await next.isEnabled())) await next.click();
    await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await whenShown(
      page,
      (last) => document.querySelector(`[role=row][aria-rowindex="${last}"] [role=gridcell]`) != null,
      String(rowCount + 1),
    );
    const scrollMs = Math.round(performance.now() - scrollStarted);
    const longestTaskMs = Math.round(await page.evaluate(() => (window as unknown as { __longest: number }).__longest));
    const heapMb = Math.round(
      (await page.evaluate(
        () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
      )) /
        1024 /
        1024,
    );
    const tabPeakMb = await tabMemory.stop();
    return { readSeconds, mapSeconds, scrollMs, longestTaskMs, heapMb, tabPeakMb };
  } finally {
    await browser.close();
  }
}

export function launchChromium(): Promise<Browser> {
  const { args, ...options } = CHROMIUM_LAUNCH_OPTIONS;
  // The tab's heap is one of the figures: Chromium rounds it unless asked for precise values.
  return chromium.launch({ ...options, args: [...args, '--enable-precise-memory-info'] });
}

/**
 * Waits until `shown` is true in the page, asked every 20 ms. A locator's waitFor asks again at
 * growing intervals (0, 20, 50, 100, 100, then every 500 ms), so a wait of a few seconds noticed
 * the page's answer up to half a second late and the bench timed Playwright's polling.
 */
export async function whenShown(page: Page, shown: (text: string) => boolean, text = '', timeout = 120_000) {
  await page.waitForFunction(shown, text, { polling: 20, timeout });
}

/** For whenShown: a button reading exactly `label` can be pressed. */
export const buttonEnabled = (label: string) =>
  [...document.querySelectorAll('button')].some((b) => b.textContent === label && !b.disabled);

/** Signs in and opens the list's import wizard, recording the longest main-thread task from then on. */
export async function openImportWizard(
  browser: Browser,
  baseUrl: string,
  listId: string,
  admin: { email: string; password: string },
): Promise<Page> {
  const page = await browser.newPage({ baseURL: baseUrl });
  await page.goto('/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`/lists/${listId}/import`);
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return page;
}

/** The longest main-thread task seen since openImportWizard (or the last reset), and starts over. */
export async function takeLongestTask(page: Page): Promise<number> {
  return Math.round(
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      const longest = w.__longest;
      w.__longest = 0;
      return longest;
    }),
  );
}

/** Peak of the summed resident memory of every Chromium renderer process, sampled every 100 ms. */
function sampleRendererMemory() {
  let peakKb = 0;
  const sample = async () => {
    let totalKb = 0;
    for (const pid of await fs.readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(pid)) continue;
      const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!cmdline.includes('--type=renderer')) continue;
      const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      totalKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    peakKb = Math.max(peakKb, totalKb);
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Math.round(peakKb / 1024);
    },
  };
}
