import { describe, expect, it } from 'vitest';

import { deliveryProblemWords } from './delivery-words';

describe('deliveryProblemWords', () => {
  it('says what a failed delivery means and what to do, without status codes alone', () => {
    expect(deliveryProblemWords({ responseStatus: 503, responseExcerpt: 'maintenance' })).toBe(
      'The receiving system had a problem or is down (503). Listport tries again; if this lasts, ask whoever runs it.',
    );
    expect(deliveryProblemWords({ responseStatus: 404, responseExcerpt: '' })).toContain('Check the URL’s path');
    expect(deliveryProblemWords({ responseStatus: 401, responseExcerpt: null })).toContain('signing secret');
    expect(deliveryProblemWords({ responseStatus: 302, responseExcerpt: null })).toContain('does not follow redirects');
    expect(deliveryProblemWords({ responseStatus: 422, responseExcerpt: null })).toContain('rejected the call (422)');
  });

  it('turns a connection error into plain words, and keeps the timeout and refusal messages', () => {
    const refused = { responseStatus: null, responseExcerpt: 'Could not connect: connect ECONNREFUSED 127.0.0.1:1' };
    expect(deliveryProblemWords(refused)).toBe(
      'Nothing answered at this address. Check the URL, and that the receiving system is running and reachable from Listport.',
    );
    expect(deliveryProblemWords({ responseStatus: null, responseExcerpt: 'No answer within 10 s.' })).toMatch(
      /^No answer within 10 s\. The receiver is too slow/,
    );
    const privateAddress = 'Webhooks go only to public addresses: 10.0.0.5 is private.';
    expect(deliveryProblemWords({ responseStatus: null, responseExcerpt: privateAddress })).toBe(privateAddress);
  });
});
