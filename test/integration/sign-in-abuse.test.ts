import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { adminApi, Api, baseUrl, tokenFor } from '../support/api';
import { createDatabase } from '../support/databases';
import { requestFrom } from '../support/from-address';
import { expectApiError } from '../support/list-helpers';
import { startApp, startAppExpectingExit, TEST_ADMIN, type RunningProcess } from '../support/processes';
import { signedIn } from '../support/sessions';

/**
 * Attacks on sign-in (issue 15, items 6, 13 and 21): a forged X-Forwarded-For must not escape the
 * limits, strangers must not lock an account's owner out, scrypt work is bounded for everyone, and
 * every attempt is in the instance's audit log. Clients are told apart by their loopback address.
 */
let admin: Api;

beforeAll(async () => {
  admin = await adminApi();
});

async function freshAccount() {
  const email = `abuse-${randomBytes(4).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const created = await admin.post('/api/v1/users', { email, name: 'Target', password });
  expect(created.status, created.text).toBe(201);
  return { email, password, id: created.body.id as string };
}

const token = (from: string, body: unknown, headers: Record<string, string> = {}, url = baseUrl()) =>
  requestFrom(from, `${url}/api/v1/auth/token`, 'POST', body, headers);

describe('the sign-in limit cannot be escaped with X-Forwarded-For (item 6)', () => {
  it('counts by the connection: eleven guesses, each claiming another address, get 429', async () => {
    const target = await freshAccount();
    for (let i = 1; i <= 10; i++) {
      const guess = await token(
        '127.0.0.21',
        { email: target.email, password: `guess-${i}-password` },
        {
          'x-forwarded-for': `198.51.100.${i}`,
        },
      );
      expect(guess.status, guess.text).toBe(401);
    }
    const limited = await token(
      '127.0.0.21',
      { email: target.email, password: 'guess-11-password' },
      {
        'x-forwarded-for': '198.51.100.99',
      },
    );
    expectApiError(limited, 429, 42900);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // The log has the ten checked failures, the last marked as reaching the limit, and nothing for
    // the refused one: a limited client cannot fill it.
    const events = (
      (await admin.get('/api/v1/audit')).body.items as { actorEmail: string; action: string; detail: any }[]
    ).filter((e) => e.actorEmail === target.email && e.action.startsWith('sign-in'));
    expect(events.map((e) => e.action)).toEqual(Array(10).fill('sign-in.failed'));
    expect(events[0]!.detail).toMatchObject({ client: '127.0.0.21', limited: expect.any(String) });
    expect(events[1]!.detail.limited).toBeUndefined();
  });

  it('limits a spray over many accounts per connection, whatever address it claims', async () => {
    for (let i = 1; i <= 50; i++) {
      const guess = await token(
        '127.0.0.22',
        { email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.com`, password: 'spray-password-1' },
        {
          'x-forwarded-for': `203.0.113.${i}`,
        },
      );
      expect(guess.status, `attempt ${i}: ${guess.text}`).toBe(401);
    }
    const limited = await token(
      '127.0.0.22',
      { email: 'nobody-51@example.com', password: 'spray-password-1' },
      {
        'x-forwarded-for': '203.0.113.200',
      },
    );
    expectApiError(limited, 429, 42900);
  });
});

describe('strangers cannot lock an account (item 13)', () => {
  it('locks only the guessing client: the owner signs in from their own address at once', async () => {
    const target = await freshAccount();
    for (let i = 1; i <= 10; i++) {
      expect((await token('127.0.0.31', { email: target.email, password: `wrong-${i}-password` })).status).toBe(401);
    }
    expect((await token('127.0.0.31', target)).status, 'the guesser, even with the right password').toBe(429);
    const owner = await token('127.0.0.32', target);
    expect(owner.status, owner.text).toBe(200);
    expect(owner.body.token).toEqual(expect.any(String));
  });
});

describe('scrypt work is bounded for the whole server (item 6)', () => {
  it('answers 429 past a client’s share of password checks at once, with Retry-After', async () => {
    const target = await freshAccount();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => token('127.0.0.41', { email: target.email, password: 'a-wrong-password-1' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length, statuses.join(',')).toBeGreaterThan(0);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('keeps the rest of the API answering while 150 clients send passwords at once', async () => {
    const target = await freshAccount();
    const medianOfMe = async () => {
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        // A new connection each time (as the flood's clients use), so no kept-alive socket is reused.
        const me = await requestFrom('127.0.0.1', `${baseUrl()}/api/v1/me`, 'GET', undefined, {
          'x-auth-jwt': admin.token!,
        });
        expect(me.status).toBe(200);
        latencies.push(performance.now() - started);
      }
      return latencies.sort((a, b) => a - b)[5]!;
    };
    const before = await medianOfMe();
    const flood = Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        token(`127.0.1.${i + 1}`, { email: target.email, password: `flood-${i}-password` }),
      ),
    );
    const during = await medianOfMe();
    const answers = await flood;
    const statuses = answers.map((a) => a.status);
    // Every request is answered: checked (401), or refused at once as busy (503 + Retry-After).
    expect(
      statuses.every((s) => s === 401 || s === 503),
      statuses.join(','),
    ).toBe(true);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    // Without the bound the median went from 30 ms to seconds (400 requests: 1–7 s). The machine
    // running the tests is shared: the bound is relative to the same calls just before the flood.
    expect(during, `median of GET /me: ${before.toFixed(0)} ms before, ${during.toFixed(0)} ms during`).toBeLessThan(
      Math.max(1000, before * 4),
    );
  });
});

describe('sign-ins, tokens and account creation are audited for the instance (item 21)', () => {
  it('records a failed and a good sign-in, token issue and revoke, and an account made outside any workspace', async () => {
    const target = await freshAccount();
    expect((await token('127.0.0.51', { email: target.email, password: 'not-it-password-1' })).status).toBe(401);
    const browser = await signedIn(baseUrl(), target.email, target.password);
    expect((await browser.api('GET', '/api/v1/me')).status).toBe(200);
    const api = new Api(baseUrl(), await tokenFor(target.email, target.password));
    const issued = await api.post('/api/v1/tokens', { label: 'audited' });
    expect(issued.status).toBe(201);
    expect((await api.delete(`/api/v1/tokens/${issued.body.id}`)).status).toBe(204);

    const events = (await admin.get('/api/v1/audit')).body.items as {
      action: string;
      actorEmail: string;
      targetId: string;
      workspaceId: string | null;
      detail: Record<string, unknown>;
    }[];
    const mine = events.filter((e) => e.actorEmail === target.email || e.targetId === target.id);
    const actions = mine.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'sign-in.failed', 'sign-in', 'token.issue', 'token.revoke']),
    );
    const failed = mine.find((e) => e.action === 'sign-in.failed')!;
    expect(failed).toMatchObject({ workspaceId: null, detail: { via: 'api-token', client: '127.0.0.51' } });
    expect(mine.find((e) => e.action === 'user.create')).toMatchObject({
      workspaceId: null,
      actorEmail: TEST_ADMIN.email,
    });
    expect(mine.find((e) => e.action === 'token.revoke')).toMatchObject({ targetId: issued.body.id });
    // The browser's sign-in too, with the address the server stamped (next-auth reads it as well).
    expect(mine.find((e) => e.action === 'sign-in' && e.detail.via === 'browser')).toMatchObject({
      detail: { client: '127.0.0.1' },
    });
  });
});

describe('TRUST_PROXY', () => {
  let app: RunningProcess & { baseUrl: string };
  let drop: () => Promise<void>;
  let uploadDir: string;

  beforeAll(async () => {
    const database = await createDatabase(inject('serverUrl'));
    drop = database.drop;
    uploadDir = await fs.mkdtemp(path.join(os.tmpdir(), 'listport-proxy-'));
    app = await startApp({ DATABASE_URL: database.url, UPLOAD_DIR: uploadDir, TRUST_PROXY: '127.0.0.61' });
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await drop?.();
    if (uploadDir) await fs.rm(uploadDir, { recursive: true, force: true });
  });

  it('reads the client from X-Forwarded-For only when the named proxy sends it', async () => {
    const email = 'nobody-behind-proxy@example.com';
    // Through the proxy, ten clients behind it are ten clients: none is limited by the others.
    for (let i = 1; i <= 10; i++) {
      const guess = await token(
        '127.0.0.61',
        { email, password: `guess-${i}-password` },
        {
          'x-forwarded-for': `1.2.3.4, 198.51.100.${i}`,
        },
        app.baseUrl,
      );
      expect(guess.status, guess.text).toBe(401);
    }
    const other = await token(
      '127.0.0.61',
      { email, password: 'guess-11-password' },
      {
        'x-forwarded-for': '198.51.100.77',
      },
      app.baseUrl,
    );
    expect(other.status, other.text).toBe(401);
    // …and one client behind it is one client, whatever it wrote before the proxy's entry.
    for (let i = 1; i <= 9; i++) {
      await token(
        '127.0.0.61',
        { email, password: `again-${i}-password` },
        {
          'x-forwarded-for': `10.9.9.${i}, 198.51.100.1`,
        },
        app.baseUrl,
      );
    }
    const limited = await token(
      '127.0.0.61',
      { email, password: 'again-10-password' },
      {
        'x-forwarded-for': '198.51.100.1',
      },
      app.baseUrl,
    );
    expectApiError(limited, 429, 42900);

    // A peer that is not the proxy cannot claim to be someone else.
    const root = new Api(app.baseUrl, await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password, app.baseUrl));
    expect(
      (
        await token(
          '127.0.0.62',
          { email, password: 'direct-password-1' },
          { 'x-forwarded-for': '198.51.100.50' },
          app.baseUrl,
        )
      ).status,
    ).toBe(401);
    const events = (await root.get('/api/v1/audit')).body.items as { action: string; detail: { client?: string } }[];
    const clients = events.filter((e) => e.action === 'sign-in.failed').map((e) => e.detail.client);
    expect(clients).toContain('198.51.100.77');
    expect(clients).toContain('127.0.0.62');
    expect(clients).not.toContain('198.51.100.50');
    expect(clients).not.toContain('1.2.3.4');
  });

  it('stops the start with a clear message when TRUST_PROXY is not addresses', async () => {
    const result = await startAppExpectingExit({
      TRUST_PROXY: 'proxy.example',
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TRUST_PROXY: "proxy\.example" is not an address/);
  });
});
