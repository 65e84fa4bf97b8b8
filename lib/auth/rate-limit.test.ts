import { describe, expect, it } from 'vitest';

import { checkSignInRate, recordSignInFailure } from './rate-limit';

// The limiter keeps its state in the module; every test uses its own accounts and addresses.
let unique = 0;
const fresh = () => {
  unique++;
  return { email: `user${unique}@example.com`, ip: `10.0.${Math.floor(unique / 250)}.${unique % 250}` };
};

const MINUTE = 60_000;
const WINDOW = 15 * MINUTE;
const T0 = 1_700_000_000_000;

function fail(times: number, email: string, ip: string, at: (i: number) => number) {
  for (let i = 0; i < times; i++) recordSignInFailure(email, ip, at(i));
}

describe('checkSignInRate', () => {
  it('allows a first attempt', () => {
    const { email, ip } = fresh();
    expect(checkSignInRate(email, ip, T0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('blocks an account for the client that failed 10 times within the window, not for other clients', () => {
    const { email, ip } = fresh();
    fail(9, email, ip, (i) => T0 + i * 1000);
    expect(checkSignInRate(email, ip, T0 + 10_000).allowed).toBe(true);
    recordSignInFailure(email, ip, T0 + 9000);
    expect(checkSignInRate(email, ip, T0 + 10_000).allowed).toBe(false);
    // The owner, from their own address, is not locked out by a stranger's guesses.
    expect(checkSignInRate(email, fresh().ip, T0 + 10_000).allowed).toBe(true);
    // The guessing address may still sign in to other accounts (until its own limit of 50).
    expect(checkSignInRate(fresh().email, ip, T0 + 10_000).allowed).toBe(true);
  });

  it('cannot be used to lock an account out: 200 failures from 20 other addresses leave the owner free', () => {
    const owner = fresh();
    for (let a = 0; a < 20; a++) fail(10, owner.email, fresh().ip, (i) => T0 + i);
    expect(checkSignInRate(owner.email, owner.ip, T0 + 1000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('treats the email case-insensitively and ignores surrounding spaces', () => {
    const { email, ip } = fresh();
    fail(10, `  ${email.toUpperCase()} `, ip, (i) => T0 + i);
    expect(checkSignInRate(email, ip, T0 + 100).allowed).toBe(false);
  });

  it('says when to retry: when the oldest failure leaves the window', () => {
    const { email, ip } = fresh();
    fail(10, email, ip, (i) => T0 + i * MINUTE);
    const now = T0 + 10 * MINUTE;
    expect(checkSignInRate(email, ip, now)).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
    expect(checkSignInRate(email, ip, now + 1500)).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 - 1 });
  });

  it('rounds retryAfterSeconds up and never says 0 while blocked', () => {
    const { email, ip } = fresh();
    fail(10, email, ip, () => T0);
    expect(checkSignInRate(email, ip, T0 + WINDOW - 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(checkSignInRate(email, ip, T0 + WINDOW - 1001)).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('forgets failures once they are a full window old', () => {
    const { email, ip } = fresh();
    fail(10, email, ip, () => T0);
    expect(checkSignInRate(email, ip, T0 + WINDOW - 1).allowed).toBe(false);
    expect(checkSignInRate(email, ip, T0 + WINDOW)).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('slides the window: only failures of the last 15 minutes count', () => {
    const { email, ip } = fresh();
    fail(5, email, ip, (i) => T0 + i);
    fail(5, email, ip, (i) => T0 + 10 * MINUTE + i);
    expect(checkSignInRate(email, ip, T0 + 11 * MINUTE).allowed).toBe(false);
    // The first five expire; five recent ones remain.
    expect(checkSignInRate(email, ip, T0 + WINDOW + 10).allowed).toBe(true);
    fail(5, email, ip, (i) => T0 + WINDOW + 20 + i);
    expect(checkSignInRate(email, ip, T0 + WINDOW + 100).allowed).toBe(false);
  });

  it('blocks an address after 50 failures across many accounts, for any account', () => {
    const { ip } = fresh();
    for (let i = 0; i < 49; i++) recordSignInFailure(`spray${unique}-${i}@example.com`, ip, T0 + i);
    expect(checkSignInRate('someone@example.com', ip, T0 + 100).allowed).toBe(true);
    recordSignInFailure(`spray${unique}-last@example.com`, ip, T0 + 49);
    const blocked = checkSignInRate('someone-else@example.com', ip, T0 + 100);
    expect(blocked.allowed).toBe(false);
    expect(blocked.retryAfterSeconds).toBe(Math.ceil((WINDOW - 100) / 1000));
    // The same accounts from another address are fine.
    expect(checkSignInRate('someone-else@example.com', fresh().ip, T0 + 100).allowed).toBe(true);
  });

  it('gives a retry time after which the attempt is really allowed, when account and address are both blocked', () => {
    const account = fresh();
    fail(10, account.email, account.ip, () => T0); // account-and-address blocked until T0 + 15 min
    for (let i = 0; i < 50; i++) recordSignInFailure(`spray${unique}-${i}@example.com`, account.ip, T0 + 5 * MINUTE); // address until T0 + 20 min
    const now = T0 + 6 * MINUTE;
    const first = checkSignInRate(account.email, account.ip, now);
    expect(first.allowed).toBe(false);
    expect(first.retryAfterSeconds).toBe(14 * 60);
    expect(checkSignInRate(account.email, account.ip, now + first.retryAfterSeconds * 1000).allowed).toBe(true);
  });
});

describe('recordSignInFailure', () => {
  it('counts per account-and-address and per address independently', () => {
    const a = fresh();
    const b = fresh();
    // 10 failures for account a spread over two addresses: neither pair is blocked, nor either address.
    fail(5, a.email, a.ip, (i) => T0 + i);
    fail(5, a.email, b.ip, (i) => T0 + i);
    expect(checkSignInRate(a.email, a.ip, T0 + 100).allowed).toBe(true);
    expect(checkSignInRate(a.email, b.ip, T0 + 100).allowed).toBe(true);
    fail(5, a.email, b.ip, (i) => T0 + 10 + i);
    expect(checkSignInRate(a.email, b.ip, T0 + 100).allowed).toBe(false);
    expect(checkSignInRate(a.email, a.ip, T0 + 100).allowed).toBe(true);
    expect(checkSignInRate(b.email, b.ip, T0 + 100).allowed).toBe(true);
  });
});
