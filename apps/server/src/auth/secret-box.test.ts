import { describe, expect, it } from 'vitest';
import { createSecretBox, deriveKey } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox(deriveKey('ein-langes-server-geheimnis-fuer-tests', 'stored secrets'));

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP');
    const b = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(b)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a changed value and a value sealed with another key or for another purpose', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(() => box.open(flipped)).toThrow();
    expect(() => createSecretBox(deriveKey('ein-anderes-server-geheimnis-fuer-tests', 'stored secrets')).open(sealed)).toThrow();
    expect(() => createSecretBox(deriveKey('ein-langes-server-geheimnis-fuer-tests', 'session cookie')).open(sealed)).toThrow();
    expect(() => box.open('JBSWY3DPEHPK3PXP')).toThrow();
  });
});
