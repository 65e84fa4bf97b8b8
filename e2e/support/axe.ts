import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core over the whole page: no violation at all (`minimum: 'serious'` to allow lesser ones). */
export async function expectAxeClean(page: Page, options: { minimum?: 'minor' | 'serious' } = {}) {
  const results = await new AxeBuilder({ page }).analyze();
  const counted = results.violations.filter(
    (v) => options.minimum !== 'serious' || v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    counted.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
