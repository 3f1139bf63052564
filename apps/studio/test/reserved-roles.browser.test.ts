import { findServiceById, updateServiceDraft } from '@amtsweg/db';
import type { ServiceDefinition } from '@amtsweg/definitions';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestApp } from '../../server/test/helper';
import { collectProblems, expectAccessible, startSite, type Site } from '../../portal/test/browser-support';

const DESIGNER = 'alle.rollen@test.example';

/**
 * Issue 18, finding 4: the ids of the built-in actors (`applicant`, `system`) are no caseworker roles. The role
 * editor says so at the field when a designer types one, a role labelled „System“ gets another id, and a draft
 * stored before the fix shows the problem at the role and is repaired by renaming it.
 */
describe('reserved role ids in the Studio’s role editor', () => {
  let site: Site;
  let t: TestApp;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    site = await startSite('pglite', ['studio']);
    ({ t, browser, origin } = site);
  });
  afterAll(() => site?.close());

  const draftOf = async () => (await t.inject({ method: 'GET', url: `/api/services/${site.serviceId}` })).json<{ draft: ServiceDefinition }>().draft;
  const saved = (page: Page) => expect.poll(() => page.locator('.st-save-status').textContent(), { timeout: 15_000 }).toBe('Alle Änderungen gespeichert');

  async function openSettings(page: Page): Promise<void> {
    await page.goto(`${origin}/studio/dienste/${site.serviceId}`);
    await page.getByRole('link', { name: 'Einstellungen', exact: true }).click();
    await page.getByRole('heading', { name: 'Rollen der Sachbearbeitung' }).waitFor();
  }

  it('refuses a built-in actor’s id at the field and never saves it', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${origin}/studio/`);
    await page.getByLabel('E-Mail-Adresse').fill(DESIGNER);
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
    await openSettings(page);

    const role = page.getByRole('group', { name: 'Rolle „Sachbearbeitung Hundesteuer“', exact: true });
    await role.getByText('Erweitert', { exact: true }).click();
    const id = role.getByLabel('Kennung der Rolle', { exact: true });
    for (const typed of ['applicant', 'System']) {
      await id.fill(typed);
      await id.press('Enter');
      await role.getByText(`„${typed}“ steht schon für die antragstellende Person oder das System und kann keine Rolle der Sachbearbeitung sein.`, { exact: false }).waitFor();
      expect(await id.getAttribute('aria-invalid')).toBe('true');
      const described = (await id.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent()).toContain(`„${typed}“ steht schon für`);
    }
    await expectAccessible(page, 'the role editor refusing a reserved id');
    await id.press('Escape');
    expect(await id.inputValue()).toBe('dogTax');
    expect((await draftOf()).settings.roles.map((r) => r.id)).toEqual(['dogTax', 'teamLead']);

    // A new role labelled „System“ gets an id of its own.
    await page.getByRole('button', { name: 'Rolle hinzufügen' }).click();
    const added = page.getByRole('group', { name: 'Rolle „Neue Rolle“', exact: true });
    await added.getByLabel('Bezeichnung der Rolle', { exact: true }).fill('System');
    await saved(page);
    expect((await draftOf()).settings.roles.map((r) => r.id)).toEqual(['dogTax', 'teamLead', 'system2']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a draft stored before the fix with the problem at the role, and renaming it repairs the draft', async () => {
    // What the old code let a designer save: `system` declared as a role of the service.
    const service = (await findServiceById(t.database.db, t.app.organisation.id, site.serviceId))!;
    const draft = structuredClone(service.draft) as ServiceDefinition;
    draft.settings.roles = [...draft.settings.roles.filter((r) => r.id !== 'system2'), { id: 'system', label: { de: 'Automatik' } }];
    await updateServiceDraft(t.database.db, t.app.organisation.id, site.serviceId, draft, service.draft_revision);

    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${origin}/studio/`);
    await page.getByLabel('E-Mail-Adresse').fill(DESIGNER);
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Online-Dienste' }).waitFor();
    await openSettings(page);

    const role = page.getByRole('group', { name: 'Rolle „Automatik“', exact: true });
    const id = role.getByLabel('Kennung der Rolle', { exact: true });
    // The check's finding opens "Erweitert" by itself.
    await role.getByText('„system“ steht schon für das System (es löst etwa Fristen aus) und kann keine Rolle der Sachbearbeitung sein.', { exact: false }).waitFor();
    expect(await id.inputValue()).toBe('system');
    await id.fill('automatik');
    await id.press('Enter');
    await saved(page);
    const repaired = await draftOf();
    expect(repaired.settings.roles.map((r) => r.id)).toEqual(['dogTax', 'teamLead', 'automatik']);
    // In the actions, `system` still means the built-in actor that takes deadlines.
    expect(repaired.process.states.find((s) => s.id === 'awaitingApplicant')?.actions?.find((a) => a.id === 'answerOverdue')?.roles).toEqual(['system']);
    await context.close();
  });
});
