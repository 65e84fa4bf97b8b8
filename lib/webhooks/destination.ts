import { promises as dns, lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent. By default only to public addresses over https: a workspace admin
 * must not be able to make the server call its own database port, a cloud metadata address or a
 * printer on the office network (SSRF). WEBHOOK_ALLOW_PRIVATE=true lifts that for tests and
 * on-premise receivers.
 */
// Two lists: node's BlockList also matches IPv4 addresses against IPv6 rules (as ::ffff:a.b.c.d),
// so ::ffff:0:0/96 in one list would refuse every IPv4 address.
const NOT_PUBLIC_IPV4 = new BlockList();
const NOT_PUBLIC_IPV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC_IPV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible (::7f00:1 is 127.0.0.1)
  ['::ffff:0:0', 96], // IPv4-mapped, in any spelling (::ffff:7f00:1)
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo (embeds an IPv4 address)
  ['2002::', 16], // 6to4 (embeds an IPv4 address: 2002:7f00:1:: is 127.0.0.1's)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['64:ff9b::', 96], // NAT64 (embeds an IPv4 address)
  ['64:ff9b:1::', 48], // local-use NAT64, RFC 8215 (64:ff9b:1::a9fe:a9fe reaches 169.254.169.254 through it)
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
] as const) {
  NOT_PUBLIC_IPV6.addSubnet(network, prefix, 'ipv6');
}

/** An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !NOT_PUBLIC_IPV4.check(address, 'ipv4') : !NOT_PUBLIC_IPV6.check(address, 'ipv6');
}

export class DestinationRefused extends Error {}

/** Checks a webhook URL before it is saved: scheme, and every address its host resolves to. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefused(`"${raw.slice(0, 200)}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new DestinationRefused('Webhook URLs must start with https://.');
  }
  if (url.username || url.password) {
    throw new DestinationRefused(
      'Webhook URLs cannot carry a user name or password; the signature authenticates each call.',
    );
  }
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused) {
    throw new DestinationRefused(
      `${host} is a private, loopback or link-local address (${refused}); webhooks are sent only to public addresses.`,
    );
  }
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    const found = await dns.lookup(host, { all: true, verbatim: true });
    if (found.length === 0) throw new Error('no address');
    return found.map((a) => a.address);
  } catch {
    throw new DestinationRefused(`The host name ${host} cannot be resolved.`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the HTTP request that refuses non-public answers at connection time, so a name
 * that resolved to a public address when saved cannot be pointed at a private one later (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, []);
      const usable = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (usable.length === 0) {
        const refusal: NodeJS.ErrnoException = new DestinationRefused(
          `${hostname} resolves only to private, loopback or link-local addresses; webhooks are sent only to public addresses.`,
        );
        refusal.code = 'EREFUSEDDESTINATION';
        return callback(refusal, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}
