import http, { type IncomingMessage } from 'node:http';

import { CLIENT_ADDRESS_HEADER, parseTrustedProxies, resolveClientAddress } from '@/lib/auth/client-address';

const INSTALLED = Symbol.for('listport.clientAddressStamp');

/**
 * Stamps every request this process's HTTP server receives with the client's address, decided from
 * the connection (and X-Forwarded-For only when the peer is a proxy named in TRUST_PROXY). Route
 * handlers see only headers — Next fills X-Forwarded-For from the socket only when the client did not
 * send one — so the address is passed on in a header the client cannot set: it is overwritten here,
 * before Next reads the request.
 */
export function installClientAddressStamp(trustProxy: string | undefined): void {
  const proxies = parseTrustedProxies(trustProxy);
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const request = args[0] as IncomingMessage;
      request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
        request.socket?.remoteAddress,
        request.headers['x-forwarded-for'],
        proxies,
      );
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
