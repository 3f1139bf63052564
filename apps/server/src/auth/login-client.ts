import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client whose failed logins are counted together: the request's address as Fastify sees it (the address
 * the trusted proxy names, with `TRUST_PROXY`). IPv6 addresses count per /64 network — the smallest block a
 * household or host is usually given, so stepping through the addresses of one's own network does not buy
 * fresh attempts; an IPv4 address mapped into IPv6 counts as that IPv4 address.
 *
 * @example
 * loginClientKey('2001:db8:1:2::17') // 'ip6:2001:db8:1:2::/64'
 * loginClientKey('::ffff:192.0.2.4') // 'ip:192.0.2.4'
 */
export function loginClientKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return `ip:${mapped[1]}`;
  if (isIPv4(address)) return `ip:${address}`;
  if (isIPv6(address)) return `ip6:${networkOf(address)}::/64`;
  // Not an address (a socket without one): one client for all of them, still apart from every real address.
  return `other:${address.slice(0, 100)}`;
}

/** The first four groups of an IPv6 address, without leading zeros. */
function networkOf(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  // A trailing dotted IPv4 part is two groups; only its count matters here, the network lies before it.
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':');
}
