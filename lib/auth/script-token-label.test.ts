import { describe, expect, it } from 'vitest';

import { MAX_TOKEN_LABEL, scriptTokenLabel, userAgentProduct } from './script-token-label';

const MADE = new Date('2026-12-01T10:37:05.123Z');

describe('the label of a token a script got without one', () => {
  it('says when it was made, in UTC, and by which client', () => {
    expect(scriptTokenLabel(MADE, 'curl/8.5.0')).toBe(
      'Token made by a script on 1 Dec 2026, 10:37:05 UTC (curl 8.5.0)',
    );
    expect(scriptTokenLabel(MADE, 'python-requests/2.31.0')).toBe(
      'Token made by a script on 1 Dec 2026, 10:37:05 UTC (python-requests 2.31.0)',
    );
    expect(scriptTokenLabel(MADE, null)).toBe('Token made by a script on 1 Dec 2026, 10:37:05 UTC');
    expect(scriptTokenLabel(new Date('2027-01-09T03:04:00Z'), '')).toBe(
      'Token made by a script on 9 Jan 2027, 03:04:00 UTC',
    );
  });

  it('tells apart tokens made a second apart by the same client', () => {
    const later = new Date(MADE.getTime() + 1000);
    expect(scriptTokenLabel(later, 'curl/8.5.0')).not.toBe(scriptTokenLabel(MADE, 'curl/8.5.0'));
  });

  it('takes only the first product of the User-Agent, in safe characters, cut to fit', () => {
    expect(userAgentProduct('Go-http-client/1.1')).toBe('Go-http-client 1.1');
    expect(userAgentProduct('nightly-sync')).toBe('nightly-sync');
    expect(userAgentProduct('node-fetch/1.0 (+https://github.com/bitinn/node-fetch)')).toBe('node-fetch 1.0');
    expect(userAgentProduct('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36')).toBe('a web browser');
    expect(userAgentProduct('<script>alert(1)</script>')).toBeUndefined();
    expect(userAgentProduct('sync<b>/1"onmouseover')).toBe('sync');
    expect(userAgentProduct('  ')).toBeUndefined();
    const long = userAgentProduct(`${'x'.repeat(300)}/1.0`)!;
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
    expect(scriptTokenLabel(MADE, `${'y'.repeat(300)}/${'9'.repeat(300)}`).length).toBeLessThanOrEqual(MAX_TOKEN_LABEL);
  });
});
