import { isDeepStrictEqual } from 'node:util';
import type { Database } from '@amtsweg/db';
import { checkDefinition, isPublishable, type ServiceDefinition } from '@amtsweg/definitions';
import { compileFormSchema } from '@amtsweg/forms';
import { sql, type Kysely } from 'kysely';

// Each check answers every problem it finds as a sentence (empty: the invariant holds), so a failing test
// shows all of them at once: `expect(await findHalfWrittenCases(db)).toEqual([])`.

/** A submission the server answered 201 for, as the client recorded it. */
export interface AcknowledgedSubmission {
  caseId: string;
  reference: string;
  /** The answers as the case must hold them (what was sent, plus what the form computes). */
  expectedData: unknown;
  /** Uploaded files the submission referenced: they must belong to its case. */
  fileIds?: readonly string[];
}

/** Cases without their `submitted` event or their receipt: a submission written only in part. */
export async function findHalfWrittenCases(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['cases.id', 'cases.reference'])
    .where((eb) =>
      eb.or([
        eb.not(eb.exists(eb.selectFrom('case_events').select('id').whereRef('case_events.case_id', '=', 'cases.id').where('kind', '=', 'submitted'))),
        eb.not(eb.exists(eb.selectFrom('documents').select('id').whereRef('documents.case_id', '=', 'cases.id').where('kind', '=', 'receipt'))),
      ]),
    )
    .execute();
  return rows.map((row) => `case ${row.id} (${row.reference}) lacks its submitted event or its receipt`);
}

/** Rows that name a case which does not exist (the foreign keys should make these impossible). */
export async function findOrphanRows(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  for (const table of ['case_events', 'documents', 'case_deadlines', 'idempotency_keys', 'case_proposals'] as const) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} t
      where not exists (select 1 from cases c where c.id = t.case_id and c.organisation_id = t.organisation_id)`.execute(db);
    if (Number(rows[0]!.n) > 0) problems.push(`${rows[0]!.n} ${table} row(s) without their case`);
  }
  const { rows: files } = await sql<{ n: string }>`
    select count(*) as n from files f
    where (f.case_id is not null and not exists (select 1 from cases c where c.id = f.case_id))
       or (f.pending_case_id is not null and not exists (select 1 from cases c where c.id = f.pending_case_id))`.execute(db);
  if (Number(files[0]!.n) > 0) problems.push(`${files[0]!.n} file(s) attached to a case that does not exist`);
  return problems;
}

/** Aktenzeichen handed out twice within an organisation. */
export async function findDuplicateReferences(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['organisation_id', 'reference', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['organisation_id', 'reference'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return rows.map((row) => `reference ${row.reference} is held by ${row.n} cases`);
}

/** Every acknowledged submission is stored whole: case with its reference and data, submitted event, receipt, files. */
export async function checkAcknowledgedSubmissions(db: Kysely<Database>, acknowledged: readonly AcknowledgedSubmission[]): Promise<string[]> {
  if (acknowledged.length === 0) return [];
  const ids = acknowledged.map((a) => a.caseId);
  const cases = new Map((await db.selectFrom('cases').select(['id', 'reference', 'data']).where('id', 'in', ids).execute()).map((row) => [row.id, row]));
  const submitted = new Set(
    (await db.selectFrom('case_events').select('case_id').where('case_id', 'in', ids).where('kind', '=', 'submitted').execute()).map((row) => row.case_id),
  );
  const receipts = new Set(
    (await db.selectFrom('documents').select('case_id').where('case_id', 'in', ids).where('kind', '=', 'receipt').execute()).map((row) => row.case_id),
  );
  const fileIds = acknowledged.flatMap((a) => a.fileIds ?? []);
  const fileOwners = new Map(
    fileIds.length === 0 ? [] : (await db.selectFrom('files').select(['id', 'case_id']).where('id', 'in', fileIds).execute()).map((row) => [row.id, row.case_id]),
  );
  const problems: string[] = [];
  for (const ack of acknowledged) {
    const row = cases.get(ack.caseId);
    if (!row) {
      problems.push(`acknowledged case ${ack.caseId} (${ack.reference}) is missing`);
      continue;
    }
    if (row.reference !== ack.reference) problems.push(`case ${ack.caseId} has reference ${row.reference}, the client was told ${ack.reference}`);
    if (!submitted.has(ack.caseId)) problems.push(`case ${ack.reference} has no submitted event`);
    if (!receipts.has(ack.caseId)) problems.push(`case ${ack.reference} has no receipt`);
    if (!isDeepStrictEqual(row.data, ack.expectedData)) problems.push(`case ${ack.reference} holds other data than was sent (${describeDifference(row.data, ack.expectedData)})`);
    for (const fileId of ack.fileIds ?? []) {
      if (fileOwners.get(fileId) !== ack.caseId) problems.push(`file ${fileId} of case ${ack.reference} belongs to ${String(fileOwners.get(fileId))}`);
    }
  }
  return problems;
}

/** How many events of `kind` (and `action`, when given) the case has. */
export async function countCaseEvents(db: Kysely<Database>, caseId: string, kind: string, action?: string): Promise<number> {
  let query = db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where('kind', '=', kind as 'action');
  if (action !== undefined) query = query.where('action', '=', action);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * No lost update on a case that `writes` successful assignments and `notes` notes (`Notiz 0` …) were made to at
 * once: the version rose by exactly the writes, one `assigned` event each, every one starting where the one before
 * ended (so none was computed from a stale case), the case's assignee the last one's, and every note kept.
 */
export async function checkNoLostUpdate(
  db: Kysely<Database>,
  opened: { id: string; version: number; assigneeId: string | null },
  writes: number,
  notes: number,
): Promise<string[]> {
  const problems: string[] = [];
  const after = await db.selectFrom('cases').select(['version', 'assignee_id']).where('id', '=', opened.id).executeTakeFirstOrThrow();
  if (after.version !== opened.version + writes) problems.push(`version ${after.version}, expected ${opened.version} + ${writes}`);
  const assigned = await db.selectFrom('case_events').select('details').where('case_id', '=', opened.id).where('kind', '=', 'assigned').orderBy('seq').execute();
  if (assigned.length !== writes) problems.push(`${assigned.length} assigned events for ${writes} successful assignments`);
  let assignee = opened.assigneeId;
  for (const [index, { details }] of assigned.entries()) {
    const { from, to } = details as { from: string | null; to: string | null };
    if (from !== assignee) problems.push(`assignment ${index + 1} started from ${from}, but the case was assigned to ${assignee}`);
    assignee = to;
  }
  if (after.assignee_id !== assignee) problems.push(`the case is assigned to ${after.assignee_id}, the last event says ${assignee}`);
  const texts = (await db.selectFrom('case_events').select('comment').where('case_id', '=', opened.id).where('kind', '=', 'note').execute()).map((e) => e.comment);
  for (let i = 0; i < notes; i++) if (!texts.includes(`Notiz ${i}`)) problems.push(`note "Notiz ${i}" is missing`);
  if (texts.length !== notes) problems.push(`${texts.length} notes for ${notes} written`);
  return problems;
}

/**
 * A service's published versions are whole: numbered 1..n without gap or duplicate, the service points at the
 * newest, and each holds a publishable definition with the submission schema the publish route compiles from it.
 */
export async function checkPublishedVersions(db: Kysely<Database>, serviceId: string): Promise<string[]> {
  const service = await db.selectFrom('services').select(['published_version', 'draft']).where('id', '=', serviceId).executeTakeFirstOrThrow();
  const versions = await db
    .selectFrom('service_versions')
    .select(['version', 'definition', 'submission_schema'])
    .where('service_id', '=', serviceId)
    .orderBy('version')
    .execute();
  const problems: string[] = [];
  const numbers = versions.map((v) => v.version);
  if (!isDeepStrictEqual(numbers, numbers.map((_, index) => index + 1))) problems.push(`version numbers are not 1..n: ${numbers.join(', ')}`);
  const newest = numbers.at(-1) ?? null;
  if (service.published_version !== newest) problems.push(`the service points at version ${service.published_version}, the newest stored is ${newest}`);
  for (const version of versions) {
    const diagnostics = checkDefinition(version.definition);
    if (!isPublishable(diagnostics)) {
      problems.push(`version ${version.version} is not publishable: ${diagnostics.map((d) => d.message).join('; ')}`);
      continue;
    }
    const definition = version.definition as ServiceDefinition;
    if (!isDeepStrictEqual(version.submission_schema, asStoredJson(compileFormSchema(definition.form, definition.title.de)))) {
      problems.push(`version ${version.version} holds a submission schema that is not its definition's`);
    }
  }
  return problems;
}

/** A value as it comes back from a JSON column (undefined properties gone). */
function asStoredJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The top-level keys in which two answer objects differ, for a readable message. */
function describeDifference(stored: unknown, expected: unknown): string {
  const a = (stored ?? {}) as Record<string, unknown>;
  const b = (expected ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !isDeepStrictEqual(a[key], b[key]));
  return keys.map((key) => `${key}: stored ${JSON.stringify(a[key])}, sent ${JSON.stringify(b[key])}`).join('; ');
}
