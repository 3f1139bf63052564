import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { slugFromName } from './install/organisation-slug';

describe('readConfig', () => {
  it('trusts X-Forwarded-* only from the proxy addresses TRUST_PROXY names, never from everyone (review of issue 18)', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(readConfig({ TRUST_PROXY: ' 10.0.0.2, 172.16.0.0/12 ,fd00::/8, ::1 ' }).trustProxy).toEqual(['10.0.0.2', '172.16.0.0/12', 'fd00::/8', '::1']);
    // `true` trusted every entry, so the client's own leftmost X-Forwarded-For entry became its address.
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .*any client.*TRUST_PROXY=loopback/);
    // A hop count cannot tell the proxy from a client that connects directly (Fastify ignores it).
    expect(() => readConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY=1 .*hop count.*address/);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.2, nginx' })).toThrow('TRUST_PROXY: "nginx" is not an IP address, a network (10.0.0.0/8) or loopback, linklocal, uniquelocal');
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33"/);
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.2,,' })).toThrow(/TRUST_PROXY/);
  });

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

  it('seeds demo data by default on the embedded database only, and as SEED_DEMO says on either', () => {
    expect(readConfig({}).seedDemo).toBe(true);
    expect(readConfig({ DATABASE_URL: 'postgres://db/amtsweg' }).seedDemo).toBe(false);
    expect(readConfig({ DATABASE_URL: 'postgres://db/amtsweg', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(readConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    // The embedded database for real: a named organisation or a first administrator means no demo accounts.
    expect(readConfig({ ADMIN_EMAIL: 'it@gemeinde.example', ADMIN_PASSWORD: 'Ein-Langes-Passwort-2026' }).seedDemo).toBe(false);
    expect(readConfig({ ORGANISATION_NAME: 'Gemeinde Südheide' }).seedDemo).toBe(false);
    expect(readConfig({ ORGANISATION_NAME: 'Gemeinde Südheide', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(() => readConfig({ SEED_DEMO: 'ja' })).toThrow('SEED_DEMO must be true or false, got "ja"');
  });

  it('reads the first administrator from ADMIN_EMAIL with ADMIN_PASSWORD', () => {
    expect(readConfig({}).administrator).toBeUndefined();
    expect(readConfig({ ADMIN_EMAIL: ' it@rathaus.example ', ADMIN_PASSWORD: ' Ein Passwort mit Leerzeichen ' }).administrator).toEqual({
      email: 'it@rathaus.example',
      password: ' Ein Passwort mit Leerzeichen ',
      displayName: 'it@rathaus.example',
      passwordSource: 'ADMIN_PASSWORD',
    });
    expect(readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD: 'x', ADMIN_NAME: 'Iris IT' }).administrator?.displayName).toBe('Iris IT');
  });

  it('reads ADMIN_PASSWORD_FILE (a Docker secret) without its final line break', () => {
    const folder = mkdtempSync(join(tmpdir(), 'amtsweg-config-'));
    try {
      const file = join(folder, 'admin_password');
      writeFileSync(file, 'Geheim-aus-der-Datei-42\n');
      expect(readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD_FILE: file }).administrator).toMatchObject({
        password: 'Geheim-aus-der-Datei-42',
        passwordSource: 'ADMIN_PASSWORD_FILE',
      });
      writeFileSync(file, 'Zwei-Zeilenumbrueche-bleiben\r\n\r\n');
      expect(readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD_FILE: file }).administrator?.password).toBe('Zwei-Zeilenumbrueche-bleiben\r\n');
      writeFileSync(file, '\n');
      expect(() => readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD_FILE: file })).toThrow(`ADMIN_PASSWORD_FILE: ${file} is empty`);
      expect(() => readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD_FILE: join(folder, 'fehlt') })).toThrow(/ADMIN_PASSWORD_FILE: cannot read .*fehlt \(ENOENT\)/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses half an administrator or both password variables, naming them', () => {
    expect(() => readConfig({ ADMIN_EMAIL: 'it@rathaus.example', ADMIN_PASSWORD: 'a', ADMIN_PASSWORD_FILE: '/run/secrets/admin' })).toThrow(
      'ADMIN_PASSWORD and ADMIN_PASSWORD_FILE are both set: set only one of them',
    );
    expect(() => readConfig({ ADMIN_EMAIL: 'it@rathaus.example' })).toThrow(/ADMIN_EMAIL is set without ADMIN_PASSWORD or ADMIN_PASSWORD_FILE/);
    expect(() => readConfig({ ADMIN_PASSWORD: 'Richtig-Langes-Passwort' })).toThrow('ADMIN_PASSWORD is set without ADMIN_EMAIL: set both, or neither');
    expect(() => readConfig({ ADMIN_EMAIL: 'kein-at-zeichen', ADMIN_PASSWORD: 'x' })).toThrow('ADMIN_EMAIL must be an e-mail address (the value is not repeated here)');
  });

  it('names the home organisation from ORGANISATION_NAME, with ORGANISATION_SLUG or a slug derived from the name', () => {
    expect(readConfig({}).organisation).toEqual({ name: undefined, slug: undefined });
    expect(readConfig({ ORGANISATION_NAME: 'Stadt Köln' }).organisation).toEqual({ name: 'Stadt Köln', slug: undefined });
    expect(readConfig({ ORGANISATION_NAME: 'Stadt Köln', ORGANISATION_SLUG: 'koeln' }).organisation).toEqual({ name: 'Stadt Köln', slug: 'koeln' });
    expect(() => readConfig({ ORGANISATION_SLUG: 'koeln' })).toThrow('ORGANISATION_SLUG is set without ORGANISATION_NAME');
    expect(() => readConfig({ ORGANISATION_NAME: 'Stadt Köln', ORGANISATION_SLUG: 'Köln' })).toThrow(/ORGANISATION_SLUG must be 2 to 63 lower-case letters.*got "Köln"/);
    expect(() => readConfig({ ORGANISATION_NAME: '***' })).toThrow(/ORGANISATION_NAME "\*\*\*" gives no usable slug.*set ORGANISATION_SLUG/);
  });

  it('derives slugs in lower case with umlauts transliterated and everything else as single dashes', () => {
    expect(slugFromName('Verwaltungsgemeinschaft Südliche Weinstraße')).toBe('verwaltungsgemeinschaft-suedliche-weinstrasse');
    expect(slugFromName('  Stadt Öhringen (Hohenlohe)  ')).toBe('stadt-oehringen-hohenlohe');
    expect(slugFromName('Gemeinde Über-Äsch / Zürich')).toBe('gemeinde-ueber-aesch-zuerich');
    expect(slugFromName('Commune de Besançon')).toBe('commune-de-besancon');
    expect(slugFromName('x'.repeat(70))).toHaveLength(63);
  });
});
