import type { AuditEvent } from '../tables/audit-event.table';
import type { Executor } from './executor';

export interface AuditEventInput {
  organisationId: string;
  kind: string;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function appendAuditEvent(db: Executor, event: AuditEventInput): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: crypto.randomUUID(),
      organisation_id: event.organisationId,
      kind: event.kind,
      actor_id: event.actorId ?? null,
      subject_id: event.subjectId ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

/**
 * The newest events first, `limit` at a time, before the sequence number `before` if given; of one kind, and
 * at or after `from` and before `until`, where given.
 */
export async function listAuditEvents(
  db: Executor,
  organisationId: string,
  options: { kind?: string; before?: string; from?: Date; until?: Date; limit: number },
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('organisation_id', '=', organisationId);
  if (options.kind) query = query.where('kind', '=', options.kind);
  if (options.before) query = query.where('seq', '<', options.before as never);
  if (options.from) query = query.where('at', '>=', options.from);
  if (options.until) query = query.where('at', '<', options.until);
  return query.orderBy('seq', 'desc').limit(options.limit).execute();
}

/** How many events of the given kinds concern one account (its subject) since `since`. */
export async function countAuditEventsAbout(
  db: Executor,
  organisationId: string,
  subjectId: string,
  options: { kinds: readonly string[]; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('subject_id', '=', subjectId)
    .where('at', '>=', options.since)
    .where('kind', 'in', [...options.kinds])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
