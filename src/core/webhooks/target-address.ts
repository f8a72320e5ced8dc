/**
 * Which addresses a webhook may be sent to (docs/security.md "Webhook SSRF"). A merchant chooses
 * the URL, so without this rule our server would post to, and report the answers of, anything it
 * can reach: the database port on loopback, the cloud metadata service, the office network.
 *
 * Only globally reachable unicast addresses are public. The ranges below are those of the IANA
 * IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates) that are not
 * globally reachable, plus multicast (RFC 5771, RFC 4291 §2.7) and the one public address a cloud
 * uses for its metadata service (Azure's 168.63.129.16). IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address.
 *
 * Pure parsing, no node:net, so the same rule runs in the core at set time and in the transport
 * at delivery time.
 */

/** [first address as a number, prefix length] */
const PRIVATE_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", includes the unspecified 0.0.0.0 (RFC 791)
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598); Alibaba's metadata service
  ['127.0.0.0', 8], // loopback (RFC 1122)
  ['169.254.0.0', 16], // link-local (RFC 3927); the AWS, GCP and Azure metadata service 169.254.169.254
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments (RFC 6890); Oracle's metadata service 192.0.0.192
  ['192.0.2.0', 24], // documentation TEST-NET-1 (RFC 5737)
  ['192.88.99.0', 24], // 6to4 relay anycast, deprecated (RFC 7526)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // documentation TEST-NET-2 (RFC 5737)
  ['203.0.113.0', 24], // documentation TEST-NET-3 (RFC 5737)
  ['224.0.0.0', 4], // multicast (RFC 5771)
  ['240.0.0.0', 4], // reserved (RFC 1112), includes the broadcast 255.255.255.255 (RFC 919)
  ['168.63.129.16', 32], // Azure's wire server and metadata service, on a public address
];

/** [first address, prefix length] of IPv6 ranges refused outright. */
const PRIVATE_IPV6: readonly (readonly [string, number])[] = [
  ['::', 128], // unspecified (RFC 4291 §2.5.2)
  ['::1', 128], // loopback (RFC 4291 §2.5.3)
  ['100::', 64], // discard-only (RFC 6666)
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation (RFC 8215)
  ['2001::', 23], // IETF protocol assignments, includes Teredo (RFC 2928, RFC 4380)
  ['2001:db8::', 32], // documentation (RFC 3849)
  ['fc00::', 7], // unique local, includes AWS's metadata service fd00:ec2::254 (RFC 4193)
  ['fe80::', 10], // link-local (RFC 4291 §2.5.6)
  ['fec0::', 10], // site-local, deprecated (RFC 3879)
  ['ff00::', 8], // multicast (RFC 4291 §2.7)
];

export type AddressKind = 'public' | 'private';

/**
 * The IP address a URL host names literally, or undefined for a DNS name. `hostname` is as the
 * WHATWG URL parser leaves it: it has already turned `2130706433`, `0x7f.1` and `0177.0.0.1` into
 * `127.0.0.1`, and puts IPv6 in brackets.
 */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return parseIpv4(bare) !== undefined || parseIpv6(bare) !== undefined ? bare : undefined;
}

/**
 * Names that mean this machine whatever DNS says (RFC 6761 §6.3): refused without a look-up.
 * A trailing dot (`localhost.`) is the same name.
 */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** `public` for a globally reachable unicast address; `private` for every other, and for text that is no address. */
export function classifyAddress(address: string): AddressKind {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return classifyIpv4(v4);
  const v6 = parseIpv6(address.replace(/%.*$/, ''));
  if (v6 === undefined) return 'private';
  return classifyIpv6(v6);
}

function classifyIpv4(address: number): AddressKind {
  for (const [first, prefix] of PRIVATE_IPV4) {
    if (inPrefix(BigInt(address), BigInt(parseIpv4(first)!), prefix, 32)) return 'private';
  }
  return 'public';
}

function classifyIpv6(address: bigint): AddressKind {
  const high96 = address >> 32n;
  const low32 = Number(address & 0xffffffffn);
  // IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) and the NAT64 well-known prefix 64:ff9b::/96
  // (RFC 6052) reach the IPv4 address they carry.
  if (high96 === 0xffffn || high96 === 0x64ff9b0000000000000000n) return classifyIpv4(low32);
  // IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated), including :: and ::1.
  if (high96 === 0n) return 'private';
  // 6to4 2002:a.b.c.d::/48 (RFC 3056) is routed to the IPv4 address in bits 16 to 48.
  if (address >> 112n === 0x2002n) return classifyIpv4(Number((address >> 80n) & 0xffffffffn));
  for (const [first, prefix] of PRIVATE_IPV6) {
    if (inPrefix(address, parseIpv6(first)!, prefix, 128)) return 'private';
  }
  return 'public';
}

function inPrefix(address: bigint, first: bigint, prefix: number, bits: number): boolean {
  const shift = BigInt(bits - prefix);
  return address >> shift === first >> shift;
}

/** Dotted-quad IPv4 in canonical decimal form, as URL hosts and resolvers write it. */
function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Any RFC 4291 §2.2 text form, with `::` and a trailing dotted IPv4. */
function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    // A trailing dotted IPv4 stands for the last two groups: ::ffff:127.0.0.1 is ::ffff:7f00:1.
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...rest].every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const zeros = halves.length === 2 ? new Array<string>(8 - given).fill('0') : [];
  const all = [...head, ...zeros, ...rest].map((group) => parseInt(group, 16));
  return all.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
