import { describe, expect, it } from 'vitest';
import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it('gives four groups of five readable characters, long enough for the server', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(password.length).toBeGreaterThanOrEqual(12);
  });

  it('differs every time', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(passwords.size).toBe(200);
  });

  it('skips bytes that would favour some characters', () => {
    // 57 letters: bytes from 228 up would make the first 28 more likely; they are drawn again.
    const bytes = [255, 228, 0, ...Array.from({ length: 40 }, (_, i) => i + 1)];
    const password = generatePassword((target) => {
      target[0] = bytes.shift()!;
      return target;
    });
    expect(password.startsWith('a')).toBe(true);
  });
});
