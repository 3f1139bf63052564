import { describe, expect, it } from 'vitest';
import { loginClientKey } from './login-client';

describe('loginClientKey', () => {
  it.each([
    ['192.0.2.4', 'ip:192.0.2.4'],
    ['::ffff:192.0.2.4', 'ip:192.0.2.4'],
    ['2001:db8:1:2::17', 'ip6:2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:0:0:1', 'ip6:2001:db8:1:2::/64'],
    ['2001:db8::1', 'ip6:2001:db8:0:0::/64'],
    ['::1', 'ip6:0:0:0:0::/64'],
    ['fe80::1%eth0', 'ip6:fe80:0:0:0::/64'],
    ['2001:db8:1:2:3:4:192.0.2.1', 'ip6:2001:db8:1:2::/64'],
  ])('counts %s as %s', (ip, key) => {
    expect(loginClientKey(ip)).toBe(key);
  });

  it('keeps what is not an address apart from every address', () => {
    expect(loginClientKey('')).toBe('other:');
  });
});
