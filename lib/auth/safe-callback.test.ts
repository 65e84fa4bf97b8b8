import { describe, expect, it } from 'vitest';

import { safeCallbackPath } from './safe-callback';

const APP = 'http://127.0.0.1:3000';

describe('safeCallbackPath', () => {
  it.each([
    ['/lists/123?tab=jobs#top', '/lists/123?tab=jobs#top'],
    ['/jobs', '/jobs'],
    [`${APP}/jobs/1`, '/jobs/1'],
    ['/lists/../admin', '/admin'],
  ])('keeps a path of this site: %s', (input, expected) => {
    expect(safeCallbackPath(input, APP)).toBe(expected);
  });

  // What the login page receives after the query string is decoded.
  it.each([
    '/\\evil.example/phish',
    '/\t/evil.example/phish',
    '/\n/evil.example',
    '//evil.example',
    '///evil.example',
    '/.//evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http://127.0.0.1:3000.evil.example/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'evil.example',
    '/login?callbackUrl=//evil.example',
    '',
    undefined,
  ])('refuses anything that leaves the site, or loops back to sign-in: %j', (input) => {
    expect(safeCallbackPath(input, APP)).toBe('/lists');
  });

  it('refuses absolute addresses of this site when the app origin is not known', () => {
    expect(safeCallbackPath(`${APP}/jobs`)).toBe('/lists');
  });
});
