import { describe, expect, it } from 'vitest';
import { isHostAllowed } from './webhook-hosts';

describe('isHostAllowed', () => {
  const allowed = ['fachverfahren.musterstadt.example', '*.kommune.example', '127.0.0.1:8443', '*.0.0.1', '[::1]:9000'];
  it.each([
    ['https://fachverfahren.musterstadt.example/hook', true],
    ['https://FACHVERFAHREN.musterstadt.example:444/hook', true],
    ['https://api.kommune.example/x', true],
    ['https://kommune.example.evil.example/x', false],
    ['https://evilkommune.example/x', false],
    ['http://127.0.0.1:8443/x', true],
    ['http://127.0.0.1:8444/x', false],
    // A wildcard names subdomains, never an address.
    ['http://127.0.0.1/x', false],
    ['http://[::1]:9000/x', true],
    ['http://[::1]:9001/x', false],
    ['https://musterstadt.example/x', false],
  ])('%s → %s', (url, expected) => {
    expect(isHostAllowed(new URL(url), allowed)).toBe(expected);
  });
});
