import { describe, expect, it } from 'vitest';

import { baseUrl } from '../support/api';

/** What the page hands its sign-in form, as the page's React payload carries it. */
function formTarget(html: string): string | undefined {
  return /\{\\"callbackUrl\\":\\"([^"\\]*)\\"\}/.exec(html)?.[1];
}

/** The sign-in page hands its form only a path of this site to go to afterwards. */
describe('GET /login?callbackUrl=…', () => {
  it.each(['/%5Cevil.example/phish', '/%09/evil.example/phish', '//evil.example/', 'https://evil.example/'])(
    'does not pass %s on to the form',
    async (callbackUrl) => {
      const page = await fetch(`${baseUrl()}/login?callbackUrl=${callbackUrl}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Sign in to Listport');
      expect(formTarget(html)).toBe('/lists');
    },
  );

  it('passes a path of this site on, and survives a repeated parameter', async () => {
    expect(formTarget(await (await fetch(`${baseUrl()}/login?callbackUrl=%2Fjobs%2Fabc`)).text())).toBe('/jobs/abc');
    const repeated = await fetch(`${baseUrl()}/login?callbackUrl=/jobs&callbackUrl=/lists`);
    expect(repeated.status).toBe(200);
  });
});
