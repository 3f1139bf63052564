import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper';

const INDEX_HTML = '<!doctype html><html lang="de"><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const APP_JS = `console.log(${JSON.stringify('Amtsweg-Portal '.repeat(50))});\n`;
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const INBOX_HTML = '<!doctype html><html lang="de"><body><div id="inbox"></div></body></html>';

/** A built front end as Vite leaves it: index.html and hashed assets, one of them also gzipped. */
function writeBuild(indexHtml: string): string {
  const root = mkdtempSync(join(tmpdir(), 'amtsweg-front-end-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'assets', 'app-abc123.js'), APP_JS);
  writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(APP_JS));
  mkdirSync(join(root, '.vite'));
  writeFileSync(join(root, '.vite', 'manifest.json'), '{}');
  return root;
}

describe.each(DATABASE_KINDS)('serving the built portal on %s', (kind) => {
  let t: TestApp;
  let root: string;
  let inboxRoot: string;

  beforeAll(async () => {
    root = writeBuild(INDEX_HTML);
    inboxRoot = writeBuild(INBOX_HTML);
    t = await buildTestApp(kind, {
      frontEnds: [
        { name: 'portal', prefix: '/', root },
        { name: 'inbox', prefix: '/inbox/', root: inboxRoot },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    for (const folder of [root, inboxRoot]) rmSync(folder, { recursive: true, force: true });
  });

  it('serves index.html at / and for the app’s own routes, never cached unchecked, under the security headers', async () => {
    expect((await t.inject({ method: 'GET', url: '/' }, null)).body).toBe(INDEX_HTML);
    for (const url of ['/', '/index.html', '/dienste/foo', '/antraege/HUND-2026-00001?tab=status']) {
      for (const caller of [null, t.staff]) {
        const response = await t.inject({ method: 'GET', url, headers: HTML }, caller);
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toBe(INDEX_HTML);
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
        expect(response.headers['cache-control'], url).toBe('no-cache');
        expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      }
    }
  });

  it('serves hashed assets as immutable, gzipped when the client accepts it', async () => {
    const plain = await t.inject({ method: 'GET', url: '/assets/app-abc123.js' }, null);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(APP_JS);
    expect(plain.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-security-policy']).toBeDefined();

    const gzipped = await t.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip, deflate' } }, null);
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(APP_JS);
  });

  it('answers a missing asset with a plain 404, also to a browser asking for a page', async () => {
    for (const headers of [{}, HTML]) {
      const response = await t.inject({ method: 'GET', url: '/assets/missing.js', headers }, null);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    // Not a page request: a script or fetch() asking for something that is not there.
    const notAPage = await t.inject({ method: 'GET', url: '/dienste/foo', headers: { accept: '*/*' } }, null);
    expect(notAPage.statusCode).toBe(404);
    // The compressed sibling is served in place of its file, not by its own name; no build-tool dotfiles, nothing outside the build.
    for (const url of ['/assets/app-abc123.js.gz', '/.vite/manifest.json', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      expect((await t.inject({ method: 'GET', url }, null)).statusCode, url).toBe(404);
    }
  });

  it('serves a further front end under its own prefix with its own client-side routes', async () => {
    for (const url of ['/inbox/', '/inbox/faelle/123']) {
      const response = await t.inject({ method: 'GET', url, headers: HTML }, null);
      expect(response.body, url).toBe(INBOX_HTML);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const bare = await t.inject({ method: 'GET', url: '/inbox', headers: HTML }, null);
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/inbox/');
    expect((await t.inject({ method: 'GET', url: '/inbox/assets/app-abc123.js' }, null)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.inject({ method: 'GET', url: '/inbox/assets/missing.js', headers: HTML }, null)).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/dienste', headers: HTML }, null)).body).toBe(INDEX_HTML);
  });

  it('leaves the API and its documentation as they were', async () => {
    for (const caller of [null, t.staff]) {
      for (const headers of [{}, HTML]) {
        const response = await t.inject({ method: 'GET', url: '/api/nothing', headers }, caller);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Diese Adresse gibt es nicht.' });
      }
    }
    expect((await t.inject({ method: 'POST', url: '/api/nothing', payload: {} }, null)).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/api/health' }, null)).json()).toMatchObject({ status: 'ok' });
    expect((await t.inject({ method: 'GET', url: '/api/drafts', headers: HTML }, null)).statusCode).toBe(401);
    const docs = await t.inject({ method: 'GET', url: '/docs', headers: HTML }, null);
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toBe(INDEX_HTML);
    expect((await t.inject({ method: 'GET', url: '/docs/json' }, null)).json()).toMatchObject({ openapi: '3.1.0' });
    expect((await t.inject({ method: 'GET', url: '/docs/no-such-page', headers: HTML }, null)).body).not.toBe(INDEX_HTML);
  });

  it('declares every route it adds public, and keeps them out of the API documentation', async () => {
    const frontEndRoutes = t.routes.filter((route) => !route.url.startsWith('/api') && !route.url.startsWith('/docs'));
    expect(frontEndRoutes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(['GET /*', 'GET /inbox', 'GET /inbox/*', 'HEAD /*', 'HEAD /inbox', 'HEAD /inbox/*']);
    for (const route of frontEndRoutes) expect(route.access, `${route.method} ${route.url}`).toBe('public');
    const openApi = (await t.inject({ method: 'GET', url: '/docs/json' }, null)).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(openApi.paths).filter((path) => !path.startsWith('/api'))).toEqual([]);
  });
});

describe('a portal that is not built', () => {
  it('starts the server anyway and warns once', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'amtsweg-portal-unbuilt-'));
    const logLines: string[] = [];
    const t = await buildTestApp('pglite', { frontEnds: [{ name: 'portal', prefix: '/', root: empty }], logStream: { write: (line) => void logLines.push(line) } });
    try {
      const warnings = logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((entry) => entry.level === 40);
      expect(warnings.filter((entry) => entry.msg.includes('portal is not built'))).toHaveLength(1);
      expect((await t.inject({ method: 'GET', url: '/', headers: HTML }, null)).statusCode).toBe(404);
      expect((await t.inject({ method: 'GET', url: '/api/health' }, null)).statusCode).toBe(200);
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
