import { createTestDatabase, type TestDatabase } from '@amtsweg/db/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';
import amtswegApp from '../src/app';

/**
 * The security headers must not break the pages the server serves: the API documentation (Swagger UI) loads
 * in a real Chromium under the Content-Security-Policy without a single violation.
 */
describe('API documentation page under the content security policy', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = Fastify({ logger: false });
    await app.register(amtswegApp, { database });
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
  });

  it('renders Swagger UI with every operation and reports no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${origin}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Amtsweg API');
    await page.waitForSelector('.opblock-summary-path[data-path="/api/auth/login"]', { timeout: 15_000 });
    expect(problems).toEqual([]);
  });
});
