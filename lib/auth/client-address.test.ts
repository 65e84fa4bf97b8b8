import { describe, expect, it } from 'vitest';

import { clientAddressOf, parseTrustedProxies, resolveClientAddress, UNKNOWN_CLIENT } from './client-address';

describe('resolveClientAddress', () => {
  it('uses the connection and ignores X-Forwarded-For without TRUST_PROXY (the client writes that header)', () => {
    expect(resolveClientAddress('203.0.113.7', '1.1.1.1, 2.2.2.2', undefined)).toBe('203.0.113.7');
    expect(resolveClientAddress('::ffff:203.0.113.7', undefined, undefined)).toBe('::ffff:203.0.113.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a named proxy', () => {
    const proxies = parseTrustedProxies('10.0.0.1');
    expect(resolveClientAddress('203.0.113.7', '1.1.1.1', proxies)).toBe('203.0.113.7');
  });

  it('reads the hop a trusted proxy appended, not what the client wrote before it', () => {
    const proxies = parseTrustedProxies('10.0.0.1');
    // The client claimed 1.1.1.1; the proxy appended the address it saw, 198.51.100.4.
    expect(resolveClientAddress('10.0.0.1', '1.1.1.1, 198.51.100.4', proxies)).toBe('198.51.100.4');
  });

  it('walks back through a chain of trusted proxies (CIDR ranges, IPv6, loopback)', () => {
    const proxies = parseTrustedProxies('loopback, 10.0.0.0/8, fd00::/8');
    expect(resolveClientAddress('127.0.0.1', '1.1.1.1, 198.51.100.4, 10.2.3.4, fd00::1', proxies)).toBe('198.51.100.4');
    expect(resolveClientAddress('::ffff:127.0.0.1', '[2001:db8::5]:4711', proxies)).toBe('2001:db8::5');
    expect(resolveClientAddress('::1', '198.51.100.4:5555', proxies)).toBe('198.51.100.4');
  });

  it('stops at a hop that is not an address, and falls back to the proxy itself when there is none', () => {
    const proxies = parseTrustedProxies('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', 'not-an-ip', proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', undefined, proxies)).toBe('10.0.0.1');
    expect(resolveClientAddress(undefined, '1.1.1.1', proxies)).toBe(UNKNOWN_CLIENT);
  });
});

describe('parseTrustedProxies', () => {
  it('is undefined when unset or empty', () => {
    expect(parseTrustedProxies(undefined)).toBeUndefined();
    expect(parseTrustedProxies('  ')).toBeUndefined();
  });

  it.each(['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1', '::1/129', '*'])('refuses %j with a message', (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(/TRUST_PROXY: .* is not an address/);
  });
});

describe('clientAddressOf', () => {
  it('reads the stamp from Fetch headers and from Node header objects', () => {
    expect(clientAddressOf(new Headers({ 'x-listport-client': '198.51.100.4' }))).toBe('198.51.100.4');
    expect(clientAddressOf({ 'x-listport-client': '198.51.100.4' })).toBe('198.51.100.4');
    expect(clientAddressOf(new Headers())).toBe(UNKNOWN_CLIENT);
  });
});
