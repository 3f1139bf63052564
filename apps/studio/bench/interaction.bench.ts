// How responsive the Studio stays with a large form: a 300-field definition with all generated fields on ONE page
// (the worst case for the canvas; the Hundeanmeldung's pages before it), opened in Debian's Chromium as a designer,
// the built Studio served by the real server on PostgreSQL. Each interaction is timed from just before Playwright
// sends the input until the page shows its effect (polled in the page on every animation frame), so the figures
// include a few milliseconds of the DevTools protocol's round trip. No assertion on the figures: they are printed.
//
//   pnpm bench:studio           (ROUNDS=20 per interaction after 3 warm-up rounds)
import type { ElementHandle, Locator, Page } from 'playwright-core';
import { countFields, largeDefinition } from '../../server/bench/large-definition';
import { runBounded } from '../../server/bench/run-bounded';
import { TEST_PASSWORD } from '../../server/test/helper';
import { startSite, type Site } from '../../portal/test/browser-support';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = 3;
const FIELDS = 300;

let site: Site | undefined;

await runBounded(
  'bench:studio',
  900,
  async () => {
    site = await startSite('postgres', ['studio']);
    const { t, origin, browser } = site;
    const definition = largeDefinition({ fields: FIELDS, perPage: FIELDS });
    const created = await t.inject({ method: 'POST', url: '/api/services', payload: { slug: 'gross', definition } });
    if (created.statusCode !== 201) throw new Error(`creating the service answered ${created.statusCode}: ${created.body}`);
    const serviceId = created.json<{ id: string }>().id;
    const bigPage = definition.form.pages.at(-1)!;
    const onBigPage = bigPage.elements.length;

    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${origin}/studio/`);
    await page.getByLabel('E-Mail-Adresse').fill('alle.rollen@test.example');
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();

    const opening: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      await page.goto(`${origin}/studio/dienste/${serviceId}`);
      await page.getByRole('button', { name: 'Vorname', exact: true }).waitFor();
      opening.push(performance.now() - started);
    }
    // To the big page.
    const bigTitle = bigPage.title.de;
    await page.getByRole('button', { name: bigTitle, exact: true }).click();
    await page.getByRole('region', { name: `Seite „${bigTitle}“`, exact: true }).waitFor();
    const switching: number[] = [];
    const firstTitle = definition.form.pages[0]!.title.de;
    // Every control is found before the clock starts: finding a button by its name among 2,000 is Playwright's
    // work, not the Studio's.
    const firstButton = await handle(page.getByRole('button', { name: firstTitle, exact: true }));
    const bigButton = await handle(page.getByRole('button', { name: bigTitle, exact: true }));
    for (let round = 0; round < 5; round++) {
      switching.push(await timed(page, () => firstButton.click(), '.st-canvas h2', `Seite „${firstTitle}“`));
      switching.push(await timed(page, () => bigButton.click(), '.st-canvas h2', `Seite „${bigTitle}“`));
    }

    // The page's own fields (not those inside its repeating groups), in order.
    const topLevel = `[aria-label="Felder der Seite „${bigTitle}“"] > li > .st-element-bar .st-element-select`;
    const items = page.locator(topLevel);
    const middle = Math.floor(onBigPage / 2);
    const undoButton = await handle(page.getByRole('button', { name: 'Rückgängig', exact: true }));
    const select: number[] = [];
    const typing: number[] = [];
    const moving: number[] = [];
    const undoing: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const target = await handle(items.nth(middle + (round % 10)));
      const label = (await target.textContent())!;
      const selected = await timed(page, () => target.click(), '.st-properties h2', `Eigenschaften von „${label}“`);
      const input = page.getByLabel('Bezeichnung (Deutsch)');
      await input.focus();
      await page.keyboard.press('End');
      const typed = await timed(page, () => page.keyboard.type('x'), topLevel, `${label}x`);
      const down = await handle(page.getByRole('button', { name: `„${label}x“ nach unten` }));
      const moved = await timed(page, () => down.click(), topLevel, `${label}x`, middle + (round % 10) + 1);
      await page.locator('body').focus();
      // Undo the move (the typed letter stays; the next round types onto another field).
      const undone = await timed(page, () => undoButton.click(), topLevel, `${label}x`, middle + (round % 10));
      if (round >= WARMUP) {
        select.push(selected);
        typing.push(typed);
        moving.push(moved);
        undoing.push(undone);
      }
    }
    await context.close();

    const q = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
    const row = (name: string, values: number[]) =>
      `${name.padEnd(52)} ${String(values.length).padStart(4)} ${q(values, 0.5).toFixed(0).padStart(7)} ${q(values, 0.95).toFixed(0).padStart(7)} ${Math.max(...values).toFixed(0).padStart(7)}`;
    console.log(`Amtsweg Studio interaction benchmark — ${new Date().toISOString()}, Node ${process.version}, Chromium (Debian), 1366×900`);
    console.log(`definition: ${countFields(definition.form.pages.flatMap((p) => p.elements))} fields, ${onBigPage} of them on one page; ms from input to visible effect`);
    console.log(`${'interaction'.padEnd(52)}    n     p50     p95     max`);
    console.log(row('open the editor (navigation to the first page drawn)', opening));
    console.log(row(`switch pages (to and from the ${onBigPage}-field page)`, switching));
    console.log(row('select a field (properties show it)', select));
    console.log(row('type one letter of its label (canvas shows it)', typing));
    console.log(row('move it down by button (canvas order changed)', moving));
    console.log(row('undo the move (canvas order restored)', undoing));
  },
  async () => {
    await site?.close();
  },
);

async function handle(locator: Locator): Promise<ElementHandle> {
  const found = await locator.elementHandle();
  if (!found) throw new Error(`not found: ${String(locator)}`);
  return found;
}

/**
 * Runs `act` and answers the milliseconds until an element matching `selector` shows `text` (at index `at`, when
 * given), measured by the page's own clock.
 */
async function timed(page: Page, act: () => Promise<void>, selector: string, text: string, at?: number): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __start: number }).__start = performance.now();
  });
  await act();
  const handle = await page.waitForFunction(
    ({ selector, text, at }) => {
      const elements = [...document.querySelectorAll(selector)];
      const found = at === undefined ? elements.some((element) => element.textContent?.trim() === text) : elements[at]?.textContent?.trim() === text;
      return found ? performance.now() - (window as unknown as { __start: number }).__start : false;
    },
    { selector, text, at },
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}
