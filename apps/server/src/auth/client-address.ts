import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client a request is counted for wherever clients are held apart — the login throttle, the upload byte
 * budget and the request rate limits alike: the request's address as Fastify sees it (behind a reverse proxy,
 * the address the trusted proxy names; see `TRUST_PROXY`). IPv6 addresses count per /64 network — the smallest
 * block a household or host is usually given, so stepping through the addresses of one's own network buys
 * neither fresh login attempts nor fresh upload bytes; an IPv4 address mapped into IPv6 counts as that IPv4
 * address.
 *
 * @example
 * clientAddressKey({ ip: '2001:db8:1:2::17' }) // 'ip6:2001:db8:1:2::/64'
 * clientAddressKey({ ip: '::ffff:192.0.2.4' }) // 'ip:192.0.2.4'
 */
export function clientAddressKey(request: { readonly ip: string }): string {
  const address = request.ip.replace(/%.*$/, '');
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
