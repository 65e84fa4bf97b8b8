import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiClientError, apiFetch } from './client';

/** A server that refuses the first `busy` requests with 429 (Retry-After: 0), then answers. */
let busy = 0;
let requests = 0;
const server = http.createServer((request, response) => {
  requests++;
  if (busy > 0) {
    busy--;
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
    response.end(JSON.stringify({ message: 'You already have 6 record reads running or waiting.' }));
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ method: request.method }));
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/lists/x/contents`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('apiFetch', () => {
  it("sends a read refused for the person's share again after its Retry-After", async () => {
    [busy, requests] = [2, 0];
    await expect(apiFetch(url)).resolves.toEqual({ method: 'GET' });
    expect(requests).toBe(3);
  });

  it('gives up after three more tries, with the server’s words', async () => {
    [busy, requests] = [10, 0];
    const error = await apiFetch(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).status).toBe(429);
    expect((error as ApiClientError).message).toMatch(/record reads running/);
    expect(requests).toBe(4);
  });

  it('never sends a change twice', async () => {
    [busy, requests] = [1, 0];
    await expect(apiFetch(url, { method: 'PUT', json: {} })).rejects.toMatchObject({ status: 429 });
    expect(requests).toBe(1);
  });
});
