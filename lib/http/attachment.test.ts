import { describe, expect, it } from 'vitest';

import { attachmentDisposition } from './attachment';

describe('attachmentDisposition', () => {
  it('percent-encodes everything but attr-chars, the apostrophe too', () => {
    expect(attachmentDisposition("it's (1)*.csv")).toBe("attachment; filename*=UTF-8''it%27s%20%281%29%2A.csv");
  });

  it('keeps a header injection in the name as text', () => {
    const header = attachmentDisposition('a";\r\nSet-Cookie: x=1;.csv');
    expect(header).toMatch(/^attachment; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
  });

  it('takes a name with a lone surrogate (encodeURIComponent alone throws)', () => {
    expect(attachmentDisposition('a\uD800b.csv')).toBe("attachment; filename*=UTF-8''a%EF%BF%BDb.csv");
  });
});
