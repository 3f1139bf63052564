import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('allows ten times as many validations as submissions unless RATE_LIMIT_VALIDATION says otherwise', () => {
    expect(readConfig({}).rateLimits).toMatchObject({ submission: 60, validation: 600 });
    expect(readConfig({ RATE_LIMIT_VALIDATION: '50' }).rateLimits.validation).toBe(50);
    expect(() => readConfig({ RATE_LIMIT_VALIDATION: 'viele' })).toThrow(/RATE_LIMIT_VALIDATION/);
  });

  it('serves the portal from apps/portal/dist of the repository, or from PORTAL_DIST', () => {
    const [portal] = readConfig({}).frontEnds;
    expect(portal).toMatchObject({ name: 'portal', prefix: '/' });
    expect(portal!.root).toBe(resolve(import.meta.dirname, '../../portal/dist'));
    // The folder beside it is the portal's package, so the default points into this repository.
    expect(existsSync(join(portal!.root, '..', 'package.json'))).toBe(true);
    expect(readConfig({ PORTAL_DIST: 'build/portal' }).frontEnds[0]!.root).toBe(resolve('build/portal'));
  });
});
