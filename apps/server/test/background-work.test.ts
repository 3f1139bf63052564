import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { formatDateForPeople } from '@amtsweg/forms';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toOfficeDate } from '../src/cases/office-date';
import { addDays, buildTestApp, createAccount, exampleSubmission, grantServiceRoles, logIn, PDF_BYTES, publishService, uploadFile, type TestApp } from './helper';
import { eventually, startMailCatcher, startWebhookReceiver, type MailCatcher, type WebhookReceiver } from './receivers';

const DAY = 24 * 60 * 60 * 1000;

interface CaseView {
  version: number;
  state: { id: string };
  history: { kind: string; action: string | null; actorId: string; fromState: string | null; toState: string | null }[];
}

/**
 * Issue 16: cases move by themselves. The app runs its background worker against a real SMTP server and a real
 * HTTP receiver on 127.0.0.1; a movable clock stands in for days passing.
 */
describe.each(DATABASE_KINDS)('background work on %s', (kind) => {
  let t: TestApp;
  let smtp: MailCatcher;
  let receiver: WebhookReceiver;
  let serviceId: string;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);

  const submit = async (data: Record<string, unknown> = exampleSubmission('valid-without-files.json').data) => {
    const response = await t.inject({ method: 'POST', url: `/api/services/${serviceId}/submissions`, payload: data }, null);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ caseId: string; reference: string; accessToken: string }>();
  };
  const view = async (caseId: string) => (await t.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json<CaseView>();
  const act = async (caseId: string, action: string, inputs: Record<string, string> = {}) => {
    const response = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/actions/${action}`, payload: { expectedVersion: (await view(caseId)).version, inputs } });
    expect(response.statusCode, response.body).toBe(200);
  };
  const mailsAbout = (reference: string) => smtp.messages.filter((m) => m.subject?.includes(reference));
  const worker = () => t.app.worker!;
  const jobsOf = async (caseId: string) =>
    t.database.db.selectFrom('jobs').selectAll().where(sql<string>`payload->>'caseId'`, '=', caseId).orderBy('created_at').execute();

  beforeAll(async () => {
    smtp = await startMailCatcher();
    receiver = await startWebhookReceiver();
    t = await buildTestApp(kind, {
      jobs: { mail: { smtpUrl: smtp.url, from: 'Stadt Musterstadt <noreply@musterstadt.example>', mailDir: '/nonexistent' }, publicUrl: 'https://amtsweg.musterstadt.example', pollMs: 50, now },
    });
    serviceId = await publishService(t, 'hundeanmeldung');
  });
  afterEach(() => {
    clockOffset = 0;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await receiver?.close();
  });

  it('mails the applicant a receipt over SMTP with the reference in the subject and the status link, without the access code', async () => {
    const { caseId, reference, accessToken } = await submit();
    const [mail] = await eventually(() => {
      const found = mailsAbout(reference);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(mail!.subject).toBe(`Ihr Antrag ist eingegangen – ${reference}`);
    expect(recipientOf(mail!)).toBe('erika.mustermann@example.org');
    expect(mail!.from?.value).toEqual([{ address: 'noreply@musterstadt.example', name: 'Stadt Musterstadt' }]);
    expect(mail!.text).toContain(`https://amtsweg.musterstadt.example/antraege/${caseId}`);
    expect(mail!.text).toContain('Hundeanmeldung');
    expect(mail!.text).not.toContain(accessToken);
    // The job's id is the Message-ID: a mail sent again after a crash is recognisably the same.
    const mailJob = (await jobsOf(caseId)).find((job) => job.kind === 'applicantMail');
    expect(mail!.messageId).toBe(`<${mailJob!.id}@amtsweg.musterstadt.example>`);
    await eventually(async () => expect(mailJob && (await jobsOf(caseId)).find((j) => j.id === mailJob.id)?.status).toBe('done'));
  });

  it('writes the receipt in the language the application was made in', async () => {
    const response = await t.inject(
      { method: 'POST', url: `/api/services/${serviceId}/submissions`, headers: { 'accept-language': 'en' }, payload: exampleSubmission('valid-without-files.json').data },
      null,
    );
    const { reference } = response.json<{ reference: string }>();
    const mail = await eventually(() => {
      const [found] = mailsAbout(reference);
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.subject).toBe(`Your application has been received – ${reference}`);
    expect(mail.headers.get('content-language')).toBe('en');
  });

  it('asks for information by mail with the deadline, reminds three days before it ends, and fires it once when it passes', async () => {
    const { caseId, reference } = await submit();
    const lastDay = addDays(toOfficeDate(new Date()), 10);
    await act(caseId, 'requestInformation', { missing: 'Impfpass', answerBy: lastDay });
    const asked = await eventually(() => {
      const found = mailsAbout(reference).find((m) => m.subject?.startsWith('Wir brauchen noch Angaben'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(asked.text).toContain(`Bitte antworten Sie bis zum ${formatDateForPeople(lastDay, 'de')}.`);
    expect(asked.text).toContain('Für Ihre Hundeanmeldung brauchen wir noch Angaben von Ihnen.');
    expect(asked.text).toContain(`/antraege/${caseId}`);

    // Eight days later the reminder goes out (three days before the end), once.
    clockOffset = 8 * DAY;
    const reminder = await eventually(() => {
      const found = mailsAbout(reference).filter((m) => m.subject?.startsWith('Erinnerung'));
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(reminder.subject).toContain(formatDateForPeople(lastDay, 'de'));
    expect((await view(caseId)).state.id).toBe('awaitingApplicant');

    // Eleven days later the deadline has passed: the system takes `answerOverdue`, exactly once.
    clockOffset = 11 * DAY;
    const after = await eventually(async () => {
      const current = await view(caseId);
      expect(current.state.id).toBe('inReview');
      return current;
    });
    await worker().drain();
    const overdue = (await view(caseId)).history.filter((e) => e.action === 'answerOverdue');
    expect(overdue).toEqual([expect.objectContaining({ kind: 'action', actorId: 'system', fromState: 'awaitingApplicant', toState: 'inReview' })]);
    expect(after.history.filter((e) => e.action === 'answerOverdue')).toHaveLength(1);
    expect(mailsAbout(reference).filter((m) => m.subject?.startsWith('Erinnerung'))).toHaveLength(1);
    const left = await t.database.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).execute();
    expect(left).toEqual([]);
    clockOffset = 0;
  });

  it('catches up a deadline that fell due while no worker ran', async () => {
    await worker().stop();
    try {
      const { caseId } = await submit();
      await act(caseId, 'requestInformation', { missing: 'Impfpass' });
      // As if the server had been down on the last day: the deadline is long past when the worker starts.
      await t.database.db.updateTable('case_deadlines').set({ due_at: new Date(Date.now() - 3 * DAY) }).where('case_id', '=', caseId).execute();
      expect((await view(caseId)).state.id).toBe('awaitingApplicant');
      worker().start();
      await eventually(async () => expect((await view(caseId)).state.id).toBe('inReview'));
      expect((await view(caseId)).history.filter((e) => e.action === 'answerOverdue')).toHaveLength(1);
    } finally {
      worker().start();
    }
  });

  it('tells the applicant that the decision is ready in the portal, without sending the notice itself', async () => {
    const { caseId, reference } = await submit();
    await act(caseId, 'approve');
    const mail = await eventually(() => {
      const found = mailsAbout(reference).find((m) => m.subject?.startsWith('Ein Schreiben zu Ihrem Antrag'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('zum Abruf bereit');
    expect(mail.text).not.toContain('Bescheid über die Anmeldung');
  });

  it('keeps a mail while the SMTP server refuses it or is down, sends it once it is back, and never holds up the case', async () => {
    smtp.refuseWith(554);
    const { caseId, reference } = await submit();
    const refused = await eventually(async () => {
      const job = (await jobsOf(caseId)).find((j) => j.kind === 'applicantMail');
      expect(job).toMatchObject({ attempts: 1, locked_until: null });
      expect(job?.last_error).toBeTruthy();
      return job!;
    });
    expect(refused.status).toBe('pending');
    expect(refused.last_error).toContain('554');
    // No personal data in what is kept about the failure: the recipient's address is left out.
    expect(refused.last_error).not.toContain('erika.mustermann@example.org');
    // The case went on regardless.
    await act(caseId, 'approve');

    // Now the server is down altogether; the next attempt fails again, the mail still waits.
    smtp.refuseWith(null);
    await smtp.stop();
    clockOffset += 60_000;
    await eventually(async () => {
      // The second attempt is over (not just claimed) and found nobody listening.
      const job = (await jobsOf(caseId)).find((j) => j.id === refused.id);
      expect(job).toMatchObject({ attempts: 2, locked_until: null, status: 'pending' });
      expect(job?.last_error).toContain('ECONNREFUSED');
    });
    expect(mailsAbout(reference).filter((m) => m.subject?.startsWith('Ihr Antrag ist eingegangen'))).toEqual([]);

    // Back again: after the wait, the receipt and the decision mail arrive, each once.
    await smtp.restart();
    // Time goes on while we look (an attempt under way across the restart waits for its next turn).
    await eventually(() => {
      clockOffset += 60_000;
      expect(mailsAbout(reference).map((m) => m.subject?.split(' – ')[0]).sort()).toEqual(['Ein Schreiben zu Ihrem Antrag liegt für Sie bereit', 'Ihr Antrag ist eingegangen']);
    });
  });

  it('lets administrators register webhooks only for allowed hosts, delivers signed events, retries failures and shows every attempt', async () => {
    const register = (url: string) => t.inject({ method: 'POST', url: '/api/webhooks', payload: { serviceId, url, events: ['case.submitted', 'case.decided'], description: 'Fachverfahren' } });
    // Not on the allow-list: refused, naming the field, in German and English; nothing stored.
    const refused = await register(receiver.url);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'WEBHOOK_HOST_NOT_ALLOWED', errors: [{ path: '/body/url' }] });
    expect(refused.json<{ message: string }>().message).toContain('nicht auf der Liste');
    const english = await t.inject({ method: 'POST', url: '/api/webhooks', headers: { 'accept-language': 'en' }, payload: { serviceId, url: receiver.url, events: ['case.submitted'] } });
    expect(english.json<{ message: string }>().message).toContain('not on your organisation');
    expect((await t.inject({ method: 'GET', url: '/api/webhooks' })).json<{ endpoints: unknown[] }>().endpoints).toEqual([]);

    const allowed = await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { webhookHosts: [receiver.host] } });
    expect(allowed.statusCode, allowed.body).toBe(200);
    const created = await register(receiver.url);
    expect(created.statusCode, created.body).toBe(201);
    const endpoint = created.json<{ id: string; secret: string }>();
    expect(endpoint.secret).toMatch(/^whsec_/);
    receiver.secret = endpoint.secret;
    // The secret is shown once, never listed.
    expect(JSON.stringify((await t.inject({ method: 'GET', url: '/api/webhooks' })).json())).not.toContain(endpoint.secret);

    const { caseId, reference } = await submit();
    const delivery = await eventually(() => {
      const found = receiver.received.find((d) => d.json.event === 'case.submitted' && (d.json.case as { id: string }).id === caseId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(delivery.signatureValid).toBe(true);
    expect(delivery.headers['amtsweg-delivery']).toBe(delivery.json.id);
    expect(delivery.headers['amtsweg-event']).toBe('case.submitted');
    expect(Math.abs(Number(delivery.headers['amtsweg-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(delivery.json).toMatchObject({ event: 'case.submitted', case: { id: caseId, reference, state: 'inReview' }, service: { id: serviceId } });
    // No personal data travels: a specialist system fetches the case with an API token.
    expect(delivery.body).not.toContain('Mustermann');

    // The receiver fails: the attempt is recorded and the delivery waits for the next try.
    receiver.answer = 503;
    await act(caseId, 'approve');
    const failing = await eventually(async () => {
      const list = (await t.inject({ method: 'GET', url: `/api/webhooks/${endpoint.id}/deliveries?status=pending` })).json<{ deliveries: DeliveryView[] }>();
      const found = list.deliveries.find((d) => d.event === 'case.decided');
      expect(found?.attemptList).toHaveLength(1);
      return found!;
    });
    expect(failing.attemptList[0]).toMatchObject({ statusCode: 503, error: 'HTTP 503' });
    expect(failing.nextAttemptAt).not.toBeNull();
    expect(receiver.received.filter((d) => d.json.id === failing.id).every((d) => d.signatureValid)).toBe(true);

    // Back up: the next try (same delivery id) gets through. Time goes on while we look (the failed attempt may
    // still be settling its next turn).
    receiver.answer = 200;
    await eventually(async () => {
      clockOffset += 60_000;
      const list = (await t.inject({ method: 'GET', url: `/api/webhooks/${endpoint.id}/deliveries` })).json<{ deliveries: DeliveryView[] }>();
      expect(list.deliveries.find((d) => d.id === failing.id)).toMatchObject({ status: 'delivered', attempts: 2 });
    });
    expect(new Set(receiver.received.filter((d) => d.json.id === failing.id).map((d) => d.headers['amtsweg-delivery']))).toEqual(new Set([failing.id]));
    clockOffset = 0;
  });

  it('gives a delivery up after its last attempt, and lets an administrator send it again by hand', async () => {
    const endpoints = (await t.inject({ method: 'GET', url: '/api/webhooks' })).json<{ endpoints: { id: string }[] }>().endpoints;
    const endpointId = endpoints[0]!.id;
    receiver.answer = 500;
    await worker().stop();
    const ping = await t.inject({ method: 'POST', url: `/api/webhooks/${endpointId}/test` });
    expect(ping.statusCode).toBe(202);
    const { deliveryId } = ping.json<{ deliveryId: string }>();
    // As if the tries of a whole day had failed already: the next one is the last.
    await t.database.db.updateTable('jobs').set({ attempts: 14 }).where('id', '=', deliveryId).execute();
    worker().start();
    await eventually(async () => {
      const list = (await t.inject({ method: 'GET', url: `/api/webhooks/${endpointId}/deliveries?status=failed` })).json<{ deliveries: DeliveryView[] }>();
      expect(list.deliveries.map((d) => d.id)).toContain(deliveryId);
    });
    await eventually(async () => expect((await t.database.db.selectFrom('jobs').select('status').where('id', '=', deliveryId).executeTakeFirstOrThrow()).status).toBe('failed'));

    receiver.answer = 200;
    const retried = await t.inject({ method: 'POST', url: `/api/webhooks/${endpointId}/deliveries/${deliveryId}/retry` });
    expect(retried.statusCode).toBe(202);
    await eventually(async () => {
      const list = (await t.inject({ method: 'GET', url: `/api/webhooks/${endpointId}/deliveries` })).json<{ deliveries: DeliveryView[] }>();
      expect(list.deliveries.find((d) => d.id === deliveryId)?.status).toBe('delivered');
    });
    const delivered = receiver.received.filter((d) => d.json.id === deliveryId);
    expect(delivered.at(-1)).toMatchObject({ signatureValid: true, json: { event: 'ping' } });
  });

  it('refuses webhook settings that are malformed, naming the field, and keeps webhooks for administrators', async () => {
    const badHost = await t.inject({ method: 'PATCH', url: '/api/organisation', payload: { webhookHosts: ['https://example.org/path'] } });
    expect(badHost.statusCode).toBe(400);
    expect(JSON.stringify(badHost.json())).toContain('/body/webhookHosts/0');
    const badEvent = await t.inject({ method: 'POST', url: '/api/webhooks', payload: { serviceId, url: receiver.url, events: ['case.deleted'] } });
    expect(badEvent.statusCode).toBe(400);
    expect(JSON.stringify(badEvent.json())).toContain('/body/events/0');
    const withCredentials = await t.inject({ method: 'POST', url: '/api/webhooks', payload: { serviceId, url: `http://user:pw@${receiver.host}/x`, events: ['case.submitted'] } });
    expect(withCredentials.statusCode).toBe(400);
    expect(withCredentials.json()).toMatchObject({ errors: [{ path: '/body/url' }] });

    const designerUser = await createAccount(t.app, { email: `designer-${randomUUID()}@test.example`, kind: 'staff', roles: ['designer', 'caseworker'] });
    const designer = await logIn(t.app, designerUser.email);
    expect((await t.inject({ method: 'GET', url: '/api/webhooks' }, designer)).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: '/api/webhooks', payload: { serviceId, url: receiver.url, events: ['case.submitted'] } }, designer)).statusCode).toBe(403);
  });

  it('deletes uploads that never reached a case after a day, and stale drafts, in the hourly housekeeping', async () => {
    const upload = await uploadFile(t.app, { serviceId, field: 'dogs.certificate' }, { name: 'alt.pdf', mediaType: 'application/pdf', content: PDF_BYTES });
    const fresh = await uploadFile(t.app, { serviceId, field: 'dogs.certificate' }, { name: 'neu.pdf', mediaType: 'application/pdf', content: PDF_BYTES });
    const oldId = upload.json<{ id: string }>().id;
    const freshId = fresh.json<{ id: string }>().id;
    await sql`update files set created_at = now() - interval '25 hours' where id = ${oldId}`.execute(t.database.db);
    await t.database.db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', 'housekeeping').execute();
    await eventually(async () => {
      const left = await t.database.db.selectFrom('files').select('id').where('id', 'in', [oldId, freshId]).execute();
      expect(left.map((f) => f.id)).toEqual([freshId]);
    });
  });

  it('mails each caseworker a morning digest of new and overdue cases in their services, unless they turned it off', async () => {
    const reader = await createAccount(t.app, { email: `leserin-${randomUUID()}@test.example`, kind: 'staff', roles: ['caseworker'] });
    const optedOut = await createAccount(t.app, { email: `ohne-${randomUUID()}@test.example`, kind: 'staff', roles: ['caseworker'] });
    await grantServiceRoles(t, reader.id, serviceId, ['dogTax']);
    await grantServiceRoles(t, optedOut.id, serviceId, ['dogTax']);
    const session = await logIn(t.app, optedOut.email);
    const turnedOff = await t.inject({ method: 'PATCH', url: '/api/auth/preferences', payload: { dailyDigest: false } }, session);
    expect(turnedOff.statusCode, turnedOff.body).toBe(200);
    expect(turnedOff.json()).toMatchObject({ account: { preferences: { dailyDigest: false } } });

    await t.database.db.updateTable('job_schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('name', '=', 'staffDigest').execute();
    const digest = await eventually(() => {
      const found = smtp.messages.find((m) => recipientOf(m) === reader.email);
      expect(found).toBeDefined();
      return found!;
    });
    expect(digest.subject).toMatch(/^Amtsweg: \d+ neue, \d+ überfällige Vorgänge$/);
    expect(digest.text).toMatch(/- Hundeanmeldung: \d+ neu, \d+ überfällig/);
    await worker().drain();
    expect(smtp.messages.filter((m) => recipientOf(m) === optedOut.email)).toEqual([]);
    // The next digest is due tomorrow at 7:00 in Berlin.
    const next = await t.database.db.selectFrom('job_schedules').select('next_run_at').where('name', '=', 'staffDigest').executeTakeFirstOrThrow();
    expect(next.next_run_at.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(next.next_run_at)).toBe('07:00');
  });
});

/** The one address a mail went to. */
function recipientOf(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}

interface DeliveryView {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  attemptList: { statusCode: number | null; error: string | null }[];
}
