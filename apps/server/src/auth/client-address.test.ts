import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it.each([
    ['192.0.2.4', 'ip:192.0.2.4'],
    ['::ffff:192.0.2.4', 'ip:192.0.2.4'],
    ['::FFFF:192.0.2.4', 'ip:192.0.2.4'],
    ['2001:db8:1:2::17', 'ip6:2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:0:0:1', 'ip6:2001:db8:1:2::/64'],
    ['2001:DB8:1:2::abcd', 'ip6:2001:db8:1:2::/64'],
    ['2001:db8::1', 'ip6:2001:db8:0:0::/64'],
    ['::1', 'ip6:0:0:0:0::/64'],
    ['fe80::1%eth0', 'ip6:fe80:0:0:0::/64'],
    ['2001:db8:1:2:3:4:192.0.2.1', 'ip6:2001:db8:1:2::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(clientAddressKey({ ip })).toBe(key);
  });

  it('counts every address of one IPv6 /64 network as one client, and the next network apart', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:ffff:ffff:ffff'].map((ip) => clientAddressKey({ ip }));
    expect(new Set(keys).size).toBe(1);
    expect(clientAddressKey({ ip: '2001:db8:1:3::1' })).not.toBe(keys[0]);
  });

  it('keeps what is not an address apart from every address', () => {
    expect(clientAddressKey({ ip: '' })).toBe('other:');
  });
});
