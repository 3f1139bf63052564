import { describe, expect, it } from 'vitest';
import { createSecretBox, deriveKey } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox(deriveKey('ein-langes-server-geheimnis-fuer-tests', 'stored secrets'));

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'konto-1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'konto-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a, 'konto-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(b, 'konto-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a changed value and a value sealed with another key or for another purpose', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'konto-1');
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => box.open(flipped, 'konto-1')).toThrow();
    expect(() => createSecretBox(deriveKey('ein-anderes-server-geheimnis-fuer-tests', 'stored secrets')).open(sealed, 'konto-1')).toThrow();
    expect(() => createSecretBox(deriveKey('ein-langes-server-geheimnis-fuer-tests', 'session cookie')).open(sealed, 'konto-1')).toThrow();
    expect(() => box.open('JBSWY3DPEHPK3PXP', 'konto-1')).toThrow();
    // Copied into another account's row, it does not open.
    expect(() => box.open(sealed, 'konto-2')).toThrow();
    // Cut short to a 4-byte tag (which GCM would otherwise check as such), it does not open either.
    const [format, body] = sealed.split(':') as [string, string];
    const short = `${format}:${Buffer.from(body, 'base64url').subarray(0, 16).toString('base64url')}`;
    expect(() => box.open(short, 'konto-1')).toThrow();
  });

  it('gives undefined from tryOpen wherever open throws, and the text where it opens', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'konto-1');
    expect(box.tryOpen(sealed, 'konto-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.tryOpen(sealed, 'konto-2')).toBeUndefined();
    expect(createSecretBox(deriveKey('ein-anderes-server-geheimnis-fuer-tests', 'stored secrets')).tryOpen(sealed, 'konto-1')).toBeUndefined();
    expect(box.tryOpen('v1:', 'konto-1')).toBeUndefined();
    expect(box.tryOpen('', 'konto-1')).toBeUndefined();
  });
});
