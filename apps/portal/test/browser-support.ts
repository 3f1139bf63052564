import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DatabaseKind } from '@amtsweg/db';
import { buildTestApp, publishService, type TestApp } from '../../server/test/helper';
import type { JobsOptions } from '../../server/src/plugins/jobs.plugin';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../tests/support/chromium';

const execFileAsync = promisify(execFile);

/** The front ends a browser test can build and serve, where their sources are and where the server puts them. */
const FRONT_ENDS = {
  portal: { source: fileURLToPath(new URL('../../portal', import.meta.url)), prefix: '/' },
  inbox: { source: fileURLToPath(new URL('../../inbox', import.meta.url)), prefix: '/inbox/' },
  studio: { source: fileURLToPath(new URL('../../studio', import.meta.url)), prefix: '/studio/' },
} as const;
type FrontEndName = keyof typeof FRONT_ENDS;

/**
 * Where browser tests put their screenshots: outside the tracked files (`tests/.output/` is ignored), so a test
 * run leaves the work tree clean. The pictures in docs/screenshots are copied from here by hand when they change.
 */
export const SCREENSHOTS = fileURLToPath(new URL('../../../tests/.output/screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Builds a front end as `pnpm start` does, into a folder of its own. The build runs as its own process: inside
 * the test runner Vite would build with the test's environment (NODE_ENV=test).
 */
async function buildFrontEnd(name: FrontEndName): Promise<string> {
  const { source } = FRONT_ENDS[name];
  const root = mkdtempSync(join(tmpdir(), `amtsweg-${name}-`));
  const { NODE_ENV: _testEnvironment, VITEST: _vitest, ...env } = process.env;
  await execFileAsync(join(source, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', root, '--emptyOutDir'], { cwd: source, env });
  return root;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Front ends as `pnpm start` serves them: built, on a listening server with the Hundeanmeldung published, and Chromium (and background work, e-mail among it, when `jobs` is given). */
export interface Site {
  t: TestApp;
  origin: string;
  serviceId: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSite(kind: DatabaseKind, names: readonly FrontEndName[] = ['portal'], options: { jobs?: JobsOptions } = {}): Promise<Site> {
  const roots = await Promise.all(names.map(buildFrontEnd));
  const t = await buildTestApp(kind, { frontEnds: names.map((name, index) => ({ name, prefix: FRONT_ENDS[name].prefix, root: roots[index]! })), jobs: options.jobs });
  const serviceId = await publishService(t, 'hundeanmeldung');
  const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    t,
    origin,
    serviceId,
    browser,
    async close() {
      await browser.close();
      await t.close();
      for (const root of roots) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * axe-core with the WCAG 2.0 and 2.1 A and AA rules on the page as it is now; fails with the rule ids, their
 * help texts and the offending elements.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(violations, `axe on ${what}`).toEqual([]);
}

/** Problems the page reports: script errors and CSP refusals (console errors of failed requests the test caused are allowed by the caller). */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

/** Sums layout shifts not caused by recent input (CLS), from the moment it is installed. */
export async function installLayoutShiftMeter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __shift: number }).__shift);
}

/** The element that has the keyboard focus: its id, or its tag and text. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return '';
    return element.id ? `#${element.id}` : `${element.tagName.toLowerCase()}:${(element.textContent ?? '').trim().slice(0, 60)}`;
  });
}
