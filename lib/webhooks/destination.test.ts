import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkWebhookUrl, DestinationRefused, isPublicAddress } from './destination';
import { nextAttemptAt } from './retry-schedule';
import { newWebhookSecret } from './secret';
import { RESPONSE_EXCERPT_BYTES, sendSigned } from './send';

describe('webhook destinations (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::7f00:1',
    '::ffff:0:7f00:1',
    '2002:7f00:1::',
    '2001::',
    '100::1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::a9fe:a9fe',
    'fec0::1',
  ])('calls %s not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111'])('calls %s public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['http://93.184.216.34/hook', /must start with https/],
    ['https://127.0.0.1/hook', /loopback|private/],
    ['https://10.0.0.5/hook', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://[::1]/hook', /private|loopback/],
    ['https://[::ffff:10.0.0.1]/hook', /private/],
    ['https://localhost/hook', /127\.0\.0\.1|::1/],
    ['https://user:pw@93.184.216.34/hook', /user name or password/],
    ['not a url', /not a URL/],
  ])('refuses %s unless private destinations are allowed', async (url, message) => {
    const refusal = await checkWebhookUrl(url, false).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DestinationRefused);
    expect((refusal as Error).message).toMatch(message);
  });

  it('accepts a public https address, and http to a private one when allowed', async () => {
    await expect(checkWebhookUrl('https://93.184.216.34/hook', false)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).resolves.toBeInstanceOf(URL);
  });
});

describe('the retry schedule', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  const options = { baseSeconds: 30, forHours: 24 };

  it('waits 4× longer after each failure', () => {
    const delays = [1, 2, 3, 4, 5, 6].map(
      (attempts) => (nextAttemptAt(attempts, created, options, created)!.getTime() - created.getTime()) / 1000,
    );
    expect(delays).toEqual([30, 120, 480, 1920, 7680, 30720]);
  });

  it('gives up once the next attempt would fall past 24 hours after the event', () => {
    const late = new Date(created.getTime() + 20 * 3600 * 1000);
    expect(nextAttemptAt(6, created, options, late)).toBeUndefined();
    expect(nextAttemptAt(1, created, options, late)).toBeInstanceOf(Date);
  });
});

describe('sending a signed message', () => {
  const received: { headers: IncomingMessage['headers']; body: string; path: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body, path: request.url ?? '' });
      if (request.url === '/big') return response.end('x'.repeat(10_000));
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/ok' });
        return response.end();
      }
      if (request.url === '/silent') return; // never answers
      response.end('thanks');
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('signs as Standard Webhooks do: the package verifies it with the secret', async () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'job.completed', data: { id: 'j1' } });
    const outcome = await sendSigned(
      { url: `${base}/ok`, secret, messageId: 'msg_1', body },
      { timeoutMs: 2000, allowPrivate: true },
    );
    expect(outcome).toMatchObject({ ok: true, status: 200, excerpt: 'thanks' });
    const call = received.at(-1)!;
    expect(call.headers['webhook-id']).toBe('msg_1');
    expect(new Webhook(secret).verify(call.body, call.headers as Record<string, string>)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(call.body, call.headers as Record<string, string>)).toThrow();
  });

  it('keeps at most 1 KB of the answer', async () => {
    const outcome = await sendSigned(
      { url: `${base}/big`, secret: newWebhookSecret(), messageId: 'msg_2', body: '{}' },
      { timeoutMs: 2000, allowPrivate: true },
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.excerpt.length).toBe(RESPONSE_EXCERPT_BYTES);
  });

  it('does not follow a redirect', async () => {
    const before = received.length;
    const outcome = await sendSigned(
      { url: `${base}/redirect`, secret: newWebhookSecret(), messageId: 'msg_3', body: '{}' },
      { timeoutMs: 2000, allowPrivate: true },
    );
    expect(outcome).toMatchObject({ ok: false, status: 302 });
    expect(received.slice(before).map((r) => r.path)).toEqual(['/redirect']);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const outcome = await sendSigned(
      { url: `${base}/silent`, secret: newWebhookSecret(), messageId: 'msg_4', body: '{}' },
      { timeoutMs: 300, allowPrivate: true },
    );
    expect(outcome).toMatchObject({ ok: false, status: null, excerpt: 'No answer within 0.3 s.' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('refuses at connection time a name that resolves to loopback, when private is not allowed', async () => {
    const before = received.length;
    const port = new URL(base).port;
    const outcome = await sendSigned(
      { url: `http://localhost:${port}/ok`, secret: newWebhookSecret(), messageId: 'msg_5', body: '{}' },
      { timeoutMs: 2000, allowPrivate: false },
    );
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.excerpt).toMatch(/only to public addresses/);
    expect(received.length).toBe(before);
  });
});
