import { BlockList, isIP } from 'node:net';

/**
 * The header the server stamps on every request with the client's address as it decided it (see
 * lib/runtime/client-address-stamp.ts); whatever a client sends under this name is overwritten.
 */
export const CLIENT_ADDRESS_HEADER = 'x-listport-client';

/** Used when the stamp is missing (a test calling a handler directly): every such request shares one limit. */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * Parses TRUST_PROXY: the proxies in front of the app, as addresses and CIDR ranges separated by
 * commas, or `loopback` (127.0.0.0/8 and ::1). Throws a message naming the wrong entry.
 */
export function parseTrustedProxies(value: string | undefined): BlockList | undefined {
  if (!value?.trim()) return undefined;
  const list = new BlockList();
  for (const entry of value.split(',').map((e) => e.trim())) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 4 ? 32 : 128;
    if (
      !family ||
      extra !== undefined ||
      (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
    ) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an address, a CIDR range (10.0.0.0/8) or "loopback"; separate entries with commas.`,
      );
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** `[::1]` and `1.2.3.4:5678` as some proxies write them, to the bare address. */
function bareAddress(entry: string): string {
  const value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return withPort ? withPort[1]! : value;
}

/**
 * Who the client is: the connection's peer address — unless the peer is a trusted proxy, then the
 * X-Forwarded-For hops are read from the right (each proxy appends the address it saw), skipping
 * trusted proxies; the first hop that is not one is the client. Without TRUST_PROXY the header is
 * ignored: anyone can write it.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: BlockList | undefined,
): string {
  const peerAddress = peer ? bareAddress(peer) : UNKNOWN_CLIENT;
  if (!proxies || !trusted(proxies, peerAddress)) return peerAddress;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map(bareAddress)
    .filter(Boolean);
  let client = peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address was not written by a proxy we trust: stop at the last good one.
    if (!isIP(hop)) break;
    client = hop;
    if (!trusted(proxies, hop)) break;
  }
  return client;
}

/** The client address the server stamped on a request (Fetch headers or Node's header object). */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return address || UNKNOWN_CLIENT;
}
