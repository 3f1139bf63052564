import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { formatDateForPeople } from '@amtsweg/forms';
import { endOfDay } from '@amtsweg/process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_TIME_ZONE, toOfficeDate } from '../src/cases/office-date';
import { addDays, buildTestApp, countRows, exampleSubmission, publishService, type TestApp } from './helper';

interface OfferedInput {
  key: string;
  deadline?: { offered: string; earliest: string; latest: string };
}
interface StaffView {
  version: number;
  state: { id: string };
  dueAt: string | null;
  actions: { id: string; inputs: OfferedInput[] }[];
  history: { action: string | null; inputs: Record<string, unknown> }[];
  documents: { id: string; templateId: string }[];
}

/**
 * A caseworker asking for more information sets the day by which the applicant must answer: the inbox is offered
 * the days allowed, the deadline runs to the end of that day in the authority's time zone, and the letter and
 * the applicant's status page name it. A day in the past or absurdly far ahead is refused, naming the input.
 */
describe.each(DATABASE_KINDS)('the deadline of a request for information on %s', (kind) => {
  let t: TestApp;
  let serviceId: string;

  const open = async () =>
    (await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: exampleSubmission('valid-without-files.json').data })).json<{ caseId: string; accessToken: string }>();
  const view = async (caseId: string) => (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<StaffView>();
  const letterText = async (caseId: string, documents: StaffView['documents']) => {
    const letter = documents.find((d) => d.templateId === 'informationRequest');
    return (await t.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${letter?.id}` })).json<{ text: string }>().text;
  };
  const request = async (caseId: string, inputs: Record<string, string>, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/requestInformation`, headers, payload: { expectedVersion: (await view(caseId)).version, inputs } });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers the days allowed, 14 days on by default', async () => {
    const { caseId } = await open();
    const today = toOfficeDate(new Date());
    const input = (await view(caseId)).actions.find((a) => a.id === 'requestInformation')?.inputs.find((i) => i.key === 'answerBy');
    expect(input?.deadline).toEqual({ offered: addDays(today, 14), earliest: addDays(today, 1), latest: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}` });
  });

  it('runs the deadline to the end of the day chosen, and the letter and the status page name it', async () => {
    const { caseId, accessToken } = await open();
    const day = addDays(toOfficeDate(new Date()), 21);
    const asked = await request(caseId, { missing: 'Haftpflichtnachweis', answerBy: day });
    expect(asked.statusCode, asked.body).toBe(200);

    const after = await view(caseId);
    const end = endOfDay(day, OFFICE_TIME_ZONE).toISOString();
    expect(after).toMatchObject({ state: { id: 'awaitingApplicant' }, dueAt: end });
    expect(after.history.find((e) => e.action === 'requestInformation')?.inputs).toEqual({ missing: 'Haftpflichtnachweis', answerBy: day });
    expect(await letterText(caseId, after.documents)).toContain(`Bitte antworten Sie bis zum ${formatDateForPeople(day, 'de')}.`);

    const applicant = await t.inject({ method: 'GET', url: `/api/applicant/cases/${caseId}`, headers: { authorization: `Bearer ${accessToken}` } }, null);
    expect(applicant.json<{ dueAt: string }>().dueAt).toBe(end);
  });

  it('takes the offered day when the caseworker leaves the day blank', async () => {
    const { caseId } = await open();
    const offered = addDays(toOfficeDate(new Date()), 14);
    expect((await request(caseId, { missing: 'Impfpass' })).statusCode).toBe(200);
    const after = await view(caseId);
    expect(after.dueAt).toBe(endOfDay(offered, OFFICE_TIME_ZONE).toISOString());
    expect(await letterText(caseId, after.documents)).toContain(`bis zum ${formatDateForPeople(offered, 'de')}`);
  });

  it.each([
    ['today', 0, 'muss nach dem heutigen Tag liegen', 'must be after today'],
    ['last week', -7, 'muss nach dem heutigen Tag liegen', 'must be after today'],
    ['in two years', 730, 'höchstens ein Jahr', 'no more than a year'],
  ])('refuses %s, naming the input in German and English, and changes nothing', async (_when, days, german, english) => {
    const { caseId } = await open();
    const before = await view(caseId);
    const rows = await countRows(t.database);
    const day = addDays(toOfficeDate(new Date()), days);
    for (const [language, text] of [['de', german], ['en', english]] as const) {
      const refused = await request(caseId, { missing: 'Impfpass', answerBy: day }, { 'accept-language': language });
      expect(refused.statusCode).toBe(422);
      const error = refused.json<{ errors: { path: string; message: string }[] }>().errors[0];
      expect(error?.path).toBe('/body/inputs/answerBy');
      expect(error?.message).toContain(language === 'de' ? '„Antwort bis“' : '“Reply by”');
      expect(error?.message).toContain(text);
    }
    expect(await countRows(t.database)).toEqual(rows);
    expect(await view(caseId)).toEqual(before);
  });
});
