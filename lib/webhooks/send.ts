import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';

import { guardedLookup } from './destination';

/** The receiver's answer is kept up to this much, to show on the delivery log; the rest is not read. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export type SendOutcome = {
  ok: boolean;
  status: number | null;
  /** The answer's first bytes, or what went wrong (timeout, refused address, connection error). */
  excerpt: string;
  durationMs: number;
};

export type SignedMessage = { url: string; secret: string; messageId: string; body: string; timestamp?: Date };

/**
 * POSTs one signed message (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature
 * v1 HMAC-SHA256 over "id.timestamp.body"). Redirects are not followed — a 3xx counts as a failure
 * — so a receiver cannot bounce the call to an address the URL check refused; the lookup refuses
 * private addresses at connection time too.
 */
export function sendSigned(
  message: SignedMessage,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendOutcome> {
  const timestamp = message.timestamp ?? new Date();
  const signature = new Webhook(message.secret).sign(message.messageId, timestamp, message.body);
  const url = new URL(message.url);
  const started = Date.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: Date.now() - started });
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivate) as never,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Listport-Webhooks/1',
          'webhook-id': message.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
          'content-length': Buffer.byteLength(message.body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const status = response.statusCode ?? 0;
          finish({
            ok: status >= 200 && status < 300,
            status,
            excerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'),
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, status: null, excerpt: `No answer within ${options.timeoutMs / 1000} s.` });
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        ok: false,
        status: null,
        excerpt: error.code === 'EREFUSEDDESTINATION' ? error.message : `Could not connect: ${error.message}`,
      });
    });
    request.end(message.body);
  });
}
