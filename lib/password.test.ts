import { describe, expect, it } from 'vitest';

import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { isAcceptablePassword, PASSWORD_RULE } from './password-rule';

describe('isAcceptablePassword', () => {
  it('accepts 10+ characters with a letter and a digit or symbol', () => {
    expect(isAcceptablePassword('abcdefghi1')).toBe(true);
    expect(isAcceptablePassword('correct horse')).toBe(true);
    expect(isAcceptablePassword('Passwort!!')).toBe(true);
    expect(isAcceptablePassword('Ünïcödé-123')).toBe(true);
    expect(isAcceptablePassword('a'.repeat(199) + '1')).toBe(true);
  });

  it('refuses passwords shorter than 10 characters', () => {
    expect(isAcceptablePassword('abcdefgh1')).toBe(false);
    expect(isAcceptablePassword('')).toBe(false);
  });

  it('refuses passwords longer than 200 characters', () => {
    expect(isAcceptablePassword('a'.repeat(200) + '1')).toBe(false);
  });

  it('refuses letters only and digits or symbols only', () => {
    expect(isAcceptablePassword('abcdefghijkl')).toBe(false);
    expect(isAcceptablePassword('ÄÖÜäöüßéèê')).toBe(false);
    expect(isAcceptablePassword('1234567890')).toBe(false);
    expect(isAcceptablePassword('!@#$%^&*()_+')).toBe(false);
  });

  it('states the rule for users', () => {
    expect(PASSWORD_RULE).toMatch(/10 characters/);
  });
});

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt parameters, a random salt and the hash, and verifies the right password', async () => {
    const stored = await hashPassword('correct horse 1');
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(64);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse 1', stored)).toBe(true);
  });

  it('refuses a wrong password, including one differing only in case or a space', async () => {
    const stored = await hashPassword('correct horse 1');
    expect(await verifyPassword('correct horse 2', stored)).toBe(false);
    expect(await verifyPassword('Correct horse 1', stored)).toBe(false);
    expect(await verifyPassword('correct horse 1 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password 1', a)).toBe(true);
    expect(await verifyPassword('same password 1', b)).toBe(true);
  });

  it('treats composed and decomposed Unicode the same (NFKC)', async () => {
    const composed = 'Z\u00f6e-password-1';
    const decomposed = 'Zo\u0308e-password-1';
    expect(composed).not.toBe(decomposed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('refuses malformed or foreign stored values instead of throwing', async () => {
    const stored = await hashPassword('correct horse 1');
    expect(await verifyPassword('correct horse 1', '')).toBe(false);
    expect(await verifyPassword('correct horse 1', 'plaintext')).toBe(false);
    expect(await verifyPassword('correct horse 1', stored.replace(/^scrypt/, 'bcrypt'))).toBe(false);
    expect(await verifyPassword('correct horse 1', stored.split('$').slice(0, 5).join('$'))).toBe(false);
    // A truncated hash has the wrong length.
    expect(await verifyPassword('correct horse 1', stored.slice(0, -8))).toBe(false);
  });

  it('refuses a tampered hash', async () => {
    const stored = await hashPassword('correct horse 1');
    const parts = stored.split('$');
    const hash = Buffer.from(parts[5]!, 'base64');
    hash[0] = hash[0]! ^ 0xff;
    parts[5] = hash.toString('base64');
    expect(await verifyPassword('correct horse 1', parts.join('$'))).toBe(false);
  });

  it('has a well-formed dummy hash that matches no password', async () => {
    expect(DUMMY_HASH.split('$')).toHaveLength(6);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('anything-123', DUMMY_HASH)).toBe(false);
  });
});
