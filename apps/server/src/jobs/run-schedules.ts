import {
  claimSchedule,
  DRAFT_LIFETIME_DAYS,
  deleteAbandonedFileParts,
  deleteExpiredCitizenRegistrations,
  deleteExpiredSessions,
  deleteFinishedJobs,
  deleteOrphanedFiles,
  deleteStaleDrafts,
  deleteStaleLoginThrottles,
  enqueueJobs,
  findOrganisationById,
  findUserById,
  forgetReplayTokens,
  listDigestLines,
  type DigestLine,
  type JobRow,
} from '@amtsweg/db';
import { randomUUID } from 'node:crypto';
import { OFFICE_TIME_ZONE, toOfficeDate } from '../cases/office-date';
import { REPLAY_WINDOW_DAYS } from '../cases/submit-application';
import type { JobContext } from './job-context';
import { organisationAddress } from './organisation-address';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** The staff digest goes out at this hour of the authority's morning. */
const DIGEST_HOUR = 7;

/**
 * Recurring work, each run by exactly one process per due moment (`claimSchedule`): housekeeping every hour,
 * the staff digest every morning at 7:00 (Europe/Berlin).
 */
export async function runSchedules(context: JobContext): Promise<void> {
  const now = context.now();
  if (await claimSchedule(context.db, 'housekeeping', now, new Date(now.getTime() + HOUR))) await keepHouse(context);
  const nextDigest = nextOfficeHour(now, DIGEST_HOUR);
  // Claimed and enqueued in one transaction: a failure leaves the digest due, it is not lost for the day. Seen for
  // the first time, the digest waits for the next morning rather than going out at the first start.
  await context.db.transaction().execute(async (trx) => {
    if (await claimSchedule(trx, 'staffDigest', now, nextDigest, nextDigest)) await enqueueStaffDigests({ ...context, db: trx });
  });
}

/**
 * Housekeeping: uploads that never reached a case (form uploads after 24 hours unless a live draft of their uploader refers to
 * them, reply attachments whose reply never came after 14 days) and parts of uploads never finished, expired sessions, drafts not saved for 30 days, finished jobs (done after 7 days,
 * given up after 90 days), citizens' registrations a week after their link expired, failed-login counts a day after the last failure. Logs how many of each went, nothing about whom.
 */
export async function keepHouse(context: JobContext): Promise<void> {
  const now = context.now();
  const files = await deleteOrphanedFiles(context.db, {
    unusedBefore: new Date(now.getTime() - DAY),
    pendingBefore: new Date(now.getTime() - 14 * DAY),
    draftsSavedAfter: new Date(now.getTime() - DRAFT_LIFETIME_DAYS * DAY),
  });
  await deleteAbandonedFileParts(context.db, new Date(now.getTime() - HOUR));
  await deleteExpiredSessions(context.db);
  const drafts = await deleteStaleDrafts(context.db, now);
  const jobs = await deleteFinishedJobs(context.db, new Date(now.getTime() - 7 * DAY), new Date(now.getTime() - 90 * DAY));
  // A week past their expiry: until then a late click still hears "expired" or "already confirmed".
  await deleteExpiredCitizenRegistrations(context.db, new Date(now.getTime() - 7 * DAY));
  // Past the replay window a submission's access token is not handed out again: its sealed copy goes.
  const replayTokens = await forgetReplayTokens(context.db, new Date(now.getTime() - REPLAY_WINDOW_DAYS * DAY));
  // Failed-login counts a day after their last failure: decayed to nothing (they halve every hour).
  const loginThrottles = await deleteStaleLoginThrottles(context.db, new Date(now.getTime() - DAY));
  context.log.info({ files, drafts, jobs, replayTokens, loginThrottles }, 'housekeeping done');
}

/** One digest e-mail per caseworker with new or overdue cases in their services since yesterday's digest. */
export async function enqueueStaffDigests(context: JobContext): Promise<void> {
  const now = context.now();
  const lines = await listDigestLines(context.db, new Date(now.getTime() - DAY), now);
  const byUser = new Map<string, DigestLine[]>();
  for (const line of lines) byUser.set(line.user_id, [...(byUser.get(line.user_id) ?? []), line]);
  const day = toOfficeDate(now);
  // Each organisation's staff are sent to their own inbox address (its host name, or the shared host naming it).
  const inboxes = new Map<string, Promise<string | undefined>>();
  const inboxOf = (organisationId: string) => {
    if (!inboxes.has(organisationId)) {
      inboxes.set(
        organisationId,
        findOrganisationById(context.db, organisationId).then(async (organisation) => (organisation ? (await organisationAddress(context, organisation)).inbox : undefined)),
      );
    }
    return inboxes.get(organisationId)!;
  };
  const jobs = [];
  for (const own of byUser.values()) {
    if (!own.some((line) => line.new_cases > 0 || line.overdue_cases > 0)) continue;
    const inbox = await inboxOf(own[0]!.organisation_id);
    if (!inbox) continue;
    jobs.push({
      id: randomUUID(),
      organisation_id: own[0]!.organisation_id,
      kind: 'staffMail',
      payload: { userId: own[0]!.user_id, ...composeDigest(own, inbox) },
      dedupeKey: `digest:${own[0]!.user_id}:${day}`,
    });
  }
  await enqueueJobs(context.db, jobs);
}

function composeDigest(lines: readonly DigestLine[], inbox: string): { subject: string; text: string } {
  const added = lines.reduce((sum, line) => sum + line.new_cases, 0);
  const overdue = lines.reduce((sum, line) => sum + line.overdue_cases, 0);
  const rows = lines.map((line) => `- ${line.service_title}: ${line.new_cases} neu, ${line.overdue_cases} überfällig`);
  return {
    subject: `Amtsweg: ${added} neue, ${overdue} überfällige Vorgänge`,
    text: [
      'Guten Morgen,',
      '',
      'seit gestern sind in Ihren Diensten eingegangen oder überfällig:',
      '',
      ...rows,
      '',
      `Zum Posteingang: ${inbox}`,
      '',
      'Diese Übersicht kommt jeden Morgen. Sie können sie in Ihrem Konto im Posteingang abbestellen.',
    ].join('\n'),
  };
}

/** Sends a staff e-mail (the digest) to the account's current address, unless the account is gone, disabled or opted out. */
export async function sendStaffMail(context: JobContext, job: JobRow): Promise<void> {
  const payload = job.payload as { userId: string; subject: string; text: string };
  const user = await findUserById(context.db, job.organisation_id, payload.userId);
  if (!user || user.disabled_at || !user.daily_digest) return;
  await context.mailer.send({ id: job.id, to: user.email, subject: payload.subject, text: payload.text, language: 'de' });
}

/** The next moment after `now` at which the authority's clock shows `hour`:00 (also on the days the clocks change). */
export function nextOfficeHour(now: Date, hour: number): Date {
  const today = toOfficeDate(now);
  const todayAt = officeMoment(today, hour);
  return todayAt > now ? todayAt : officeMoment(new Date(Date.parse(`${today}T12:00:00Z`) + DAY).toISOString().slice(0, 10), hour);
}

// Built once: constructing an Intl formatter costs far more than using one.
const WALL_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: OFFICE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far the authority's wall clock is ahead of UTC at `moment` (ms). */
function officeOffset(moment: number): number {
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(new Date(moment)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(moment / 1000) * 1000;
}

/** The moment the authority's clock shows `hour`:00 on `date` (YYYY-MM-DD); the offset is taken twice, at the guess. */
function officeMoment(date: string, hour: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour);
  const guess = wall - officeOffset(wall);
  return new Date(wall - officeOffset(guess));
}
