import http from 'node:http';

import type { ApiResponse } from './api';

/**
 * A JSON request sent from another loopback address (127.0.0.2 and up all reach the server on
 * Linux): as the server sees it, another client — the way an attacker's and a victim's machines differ.
 */
export function requestFrom<T = any>(
  localAddress: string,
  url: string,
  method: string,
  json?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const request = http.request(
      url,
      {
        method,
        localAddress,
        agent: false,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: keep the text.
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: responseHeaders, text });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
