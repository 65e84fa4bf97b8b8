import { expect, type Locator, type Page } from '@playwright/test';

export async function signIn(page: Page, email: string, password: string, options: { expectSuccess?: boolean } = {}) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (options.expectSuccess ?? true) await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function expectSignedInShell(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lists', level: 1 })).toBeVisible();
}

export function screenshotPath(name: string): string {
  return `test-results/screens/${name}.png`;
}

/** A figure (the summary's "New records", a job's "Records read"), found by the term that names it. */
export function stat(page: Page, label: string): Locator {
  return page.getByRole('group', { name: label, exact: true }).getByRole('strong');
}

/** The job page's state, as its live status announces it. */
export function jobState(page: Page, state: 'completed' | 'failed' | 'cancelled'): Locator {
  return page.getByRole('status', { name: `Job state: ${state}`, exact: true });
}

/**
 * The chosen option as a closed select shows it, and whether it reads in full: a select cuts its
 * text at its edge (no wrap, no scroll), so it reads in full only when the select is as wide as the
 * browser makes a copy holding only that option, sized to its content.
 */
export async function closedSelectFits(select: Locator): Promise<{ text: string; fits: boolean }> {
  return select.evaluate((element: HTMLSelectElement) => {
    const text = element.selectedOptions[0]?.text ?? '';
    const copy = document.createElement('select');
    copy.className = element.className;
    copy.style.cssText =
      'field-sizing: content; position: absolute; visibility: hidden; min-width: 0; max-width: none; width: auto';
    copy.append(new Option(text));
    element.parentElement!.append(copy);
    const needed = copy.getBoundingClientRect().width;
    copy.remove();
    return { text, fits: element.getBoundingClientRect().width >= needed - 1 };
  });
}
