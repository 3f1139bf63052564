import {
  enqueueJobs,
  findCaseById,
  findEndpointsForEvent,
  findOrganisationById,
  insertWebhookDeliveries,
  type CaseRow,
  type JobRow,
  type NewJob,
} from '@amtsweg/db';
import { randomUUID } from 'node:crypto';
import type { CaseEventPayload, CaseMovedEvent } from '../cases/case-event';
import { loadVersion } from '../services/load-version';
import type { JobContext } from './job-context';
import type { ApplicantMailPayload } from './send-applicant-mail';

/** Webhook events an administrator can subscribe to. */
export const WEBHOOK_EVENTS = ['case.submitted', 'case.stateChanged', 'case.decided'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** How many times a webhook delivery is tried: with the doubling wait (30 s … 6 h), the last try is more than 24 h after the first. */
export const WEBHOOK_MAX_ATTEMPTS = 15;

/**
 * Turns what happened to a case into the work it causes: the applicant's e-mail for the occasion, and one
 * delivery per webhook endpoint that asked for the event. Everything is written in one transaction under keys
 * derived from this job, so running it again (after a crash) adds nothing.
 */
export async function fanOutCaseEvent(context: JobContext, job: JobRow): Promise<void> {
  const event = job.payload as CaseEventPayload;
  const caseRow = await findCaseById(context.db, job.organisation_id, event.caseId);
  if (!caseRow) return;
  const mail = await applicantMailFor(context, caseRow, event);
  const now = context.now();

  await context.db.transaction().execute(async (trx) => {
    const jobs: NewJob[] = [];
    if (mail && caseRow.applicant_email) {
      jobs.push({ id: randomUUID(), organisation_id: job.organisation_id, kind: 'applicantMail', payload: mail, dedupeKey: `${job.id}:mail` });
    }
    // The organisation's slug goes into every payload: read once, and only when some endpoint listens.
    let slug: string | undefined;
    for (const name of webhookEventsOf(event)) {
      const endpoints = await findEndpointsForEvent(trx, job.organisation_id, caseRow.service_id, name);
      if (endpoints.length === 0) continue;
      slug ??= (await findOrganisationById(trx, job.organisation_id))?.slug ?? '';
      const organisation = slug;
      const payload = (deliveryId: string) => webhookPayload(deliveryId, name, event, caseRow, organisation, now);
      const deliveries = endpoints.map((endpoint) => {
        const id = randomUUID();
        return { id, organisation_id: job.organisation_id, endpoint_id: endpoint.id, event: name, source: `${job.id}:${name}`, payload: payload(id), created_at: now };
      });
      const written = await insertWebhookDeliveries(trx, deliveries);
      // The delivery's id is its job's id, so an administrator's retry finds the job again.
      jobs.push(...written.map((id) => ({ id, organisation_id: job.organisation_id, kind: 'deliverWebhook', payload: { deliveryId: id }, maxAttempts: WEBHOOK_MAX_ATTEMPTS })));
    }
    await enqueueJobs(trx, jobs);
  });
}

/** The occasion of the applicant's e-mail, if the event has one. */
async function applicantMailFor(context: JobContext, caseRow: CaseRow, event: CaseEventPayload): Promise<ApplicantMailPayload | null> {
  if (!caseRow.applicant_email) return null;
  if (event.event === 'case.submitted') return { caseId: caseRow.id, occasion: 'received' };
  const messages = event.notifications;
  if (event.final) return { caseId: caseRow.id, occasion: 'decided', messages };
  const version = await loadVersion(context, caseRow.organisation_id, caseRow.service_id, caseRow.service_version);
  if (version.process.states.get(event.to)?.kind === 'waiting' && event.actor !== 'applicant') {
    const dueAt = [...event.deadlines].sort()[0];
    return { caseId: caseRow.id, occasion: 'informationRequested', messages, ...(dueAt ? { dueAt } : {}) };
  }
  if (messages.length > 0) return { caseId: caseRow.id, occasion: 'notice', messages };
  return null;
}

function webhookEventsOf(event: CaseEventPayload): WebhookEvent[] {
  if (event.event === 'case.submitted') return ['case.submitted'];
  return event.final ? ['case.stateChanged', 'case.decided'] : ['case.stateChanged'];
}

/**
 * What a receiver gets: the event and the case's facts, no personal data — a specialist system that needs the
 * answers fetches the case with an API token.
 */
function webhookPayload(deliveryId: string, name: WebhookEvent, event: CaseEventPayload, caseRow: CaseRow, organisation: string, now: Date) {
  const moved: CaseMovedEvent | undefined = event.event === 'case.moved' ? event : undefined;
  return {
    id: deliveryId,
    event: name,
    occurredAt: moved?.at ?? caseRow.received_at.toISOString(),
    createdAt: now.toISOString(),
    organisation,
    service: { id: caseRow.service_id, version: caseRow.service_version },
    case: {
      id: caseRow.id,
      reference: caseRow.reference,
      receivedAt: caseRow.received_at.toISOString(),
      state: moved ? moved.to : event.event === 'case.submitted' ? event.state : caseRow.state,
      ...(moved ? { final: moved.final, outcome: moved.outcome } : {}),
    },
    ...(moved ? { transition: { action: moved.action, from: moved.from, to: moved.to, by: moved.actor } } : {}),
  };
}
