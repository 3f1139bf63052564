import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  attachFilesToCase,
  findFilesByIds,
  findIdempotencyKey,
  IdempotencyKeyTaken,
  insertSubmissions,
  type CaseEventInput,
  type Database,
  type NewSubmission,
  type Organisation,
} from '@amtsweg/db';
import { evaluateExpression } from '@amtsweg/definitions';
import { formatSubmissionMessage, listFileReferences, type SubmissionError } from '@amtsweg/forms';
import { startCase } from '@amtsweg/process';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error';
import type { SecretBox } from '../auth/secret-box';
import type { CompiledVersion } from '../services/version-cache';
import { formatReference, referenceYear } from './format-reference';
import { toOfficeDate } from './office-date';
import { documentAsText, renderDocument } from './render-document';
import type { SubmissionContext } from './submission-context';
import { hashToken } from '../auth/hash-token';
import { canonicalJson } from './canonical-json';

export interface SubmissionAnswer {
  caseId: string;
  reference: string;
  /**
   * Lets the applicant follow the case without an account. The case stores only its hash; a replayed submission
   * (same Idempotency-Key, same caller) gets the same token, kept sealed for the replay window.
   */
  accessToken: string;
  receipt: { documentId: string; title: string; text: string } | null;
}

/**
 * A submission with an Idempotency-Key. A repeated request gets the first answer only from the same caller (the
 * same account, or anonymous again) with the same body; `secrets` seals the access token for those replays.
 */
export interface IdempotencyOptions {
  key: string;
  /** The account sending the request (any logged-in account, staff too); null: anonymous. */
  callerId: string | null;
  secrets: SecretBox;
}

/** How long a replay can hand out the access token again; after it the token's sealed copy is forgotten. */
export const REPLAY_WINDOW_DAYS = 30;
const REPLAY_WINDOW_MS = REPLAY_WINDOW_DAYS * 24 * 60 * 60 * 1000;

export interface SubmitOptions {
  idempotency?: IdempotencyOptions;
  language: 'de' | 'en';
  now?: Date;
  /** The citizen account applying, if logged in: the case then also appears under their applications. */
  applicantUserId?: string;
}

/**
 * Takes an application: validates it with the version's compiled form (nothing is written if it fails),
 * then creates the case, its first events, the receipt and its deadlines in ONE transaction. With an
 * Idempotency-Key, a repeated request of the same caller with the same body returns the first answer (the same
 * access token) instead of creating another case; anyone else is refused as for another body.
 */
export async function submitApplication(
  context: SubmissionContext,
  organisation: Organisation,
  version: CompiledVersion,
  body: unknown,
  options: SubmitOptions,
): Promise<SubmissionAnswer> {
  const { db } = context;
  const { idempotency } = options;
  const now = options.now ?? new Date();
  const requestHash = idempotency ? hashRequest(version, body) : '';
  const hashAsBefore = () => hashRequest(version, body, JSON.stringify);
  if (idempotency) {
    const replay = await replayIdempotent(db, organisation.id, idempotency, { requestHash, hashAsBefore }, now);
    if (replay) return replay;
  }

  const today = toOfficeDate(now);
  const result = version.form.validate(body, { language: options.language, today });
  if (!result.valid) {
    throw new AppError(
      'SUBMISSION_INVALID',
      { de: 'Der Antrag enthält Fehler. Bitte prüfen Sie die markierten Angaben.', en: 'The application has errors. Please check the marked answers.' },
      { errors: result.errors },
    );
  }

  const { definition } = version;
  const data = result.data;
  const fileIds = await checkFileReferences(db, organisation.id, version, data, options.language);
  const accessToken = randomBytes(32).toString('base64url');
  const caseId = randomUUID();
  const started = startCase(version.process, data, { now, today });

  const documentTemplates = [
    ...definition.documents.filter((t) => t.kind === 'receipt'),
    ...started.documents.map((id) => definition.documents.find((t) => t.id === id)).filter((t) => t !== undefined),
  ];
  const events: CaseEventInput[] = [
    {
      id: randomUUID(),
      organisation_id: organisation.id,
      case_id: caseId,
      at: now,
      kind: 'submitted',
      actor_id: options.applicantUserId ?? 'applicant',
      actor_role: 'applicant',
      from_state: null,
      to_state: definition.process.initial,
      details: { serviceVersion: version.version, dropped: result.dropped },
    },
    ...started.steps.map((step): CaseEventInput => ({
      id: randomUUID(),
      organisation_id: organisation.id,
      case_id: caseId,
      at: now,
      kind: 'action',
      actor_id: 'system',
      actor_role: 'system',
      action: step.action,
      from_state: step.from,
      to_state: step.to,
    })),
  ];

  // Drawn before the transaction: a sequence hands it out without a lock (see drawReferenceNumbers).
  const sequence = await context.nextReferenceNumber(version.serviceId, referenceYear(now));
  const reference = formatReference(definition.settings.referencePattern, sequence, now);

  const documents = documentTemplates.map((template) => {
    const facts = { reference, receivedAt: now, date: now, outcome: started.outcome ?? null, organisationName: organisation.name, organisationAddress: organisation.address };
    const rendered = renderDocument(version, template, data, facts, options.language);
    return { id: randomUUID(), template, rendered, title: rendered.parts.title ?? template.title.de };
  });
  const receipt = documents.find((d) => d.template.kind === 'receipt');
  const answer: SubmissionAnswer = {
    caseId,
    reference,
    accessToken,
    receipt: receipt ? { documentId: receipt.id, title: receipt.title, text: documentAsText(receipt.rendered) } : null,
  };
  // The token is left out of the stored answer: the case keeps its hash, the key a sealed copy for replays.
  const { accessToken: _omitted, ...storedAnswer } = answer;
  const submission: NewSubmission = {
    caseRow: {
      id: caseId,
      organisation_id: organisation.id,
      service_id: version.serviceId,
      service_version: version.version,
      reference,
      state: started.to,
      status: started.final ? 'done' : 'active',
      outcome: started.outcome ?? null,
      snapshot: started.persisted,
      data,
      applicant_name: readApplicantName(definition.settings.applicant?.nameFields, data),
      applicant_email: readText(data, definition.settings.applicant?.emailField) ?? null,
      access_token_hash: hashToken(accessToken),
      applicant_user_id: options.applicantUserId ?? null,
      due_at: earliestDue(started.deadlines.start),
      received_at: now,
      closed_at: started.final ? now : null,
      language: options.language,
    },
    events,
    deadlines: started.deadlines.start,
    documents: documents.map((d) => ({
      id: d.id,
      organisation_id: organisation.id,
      case_id: caseId,
      template_id: d.template.id,
      kind: d.template.kind,
      title: d.title,
      content: d.rendered,
      created_at: now,
    })),
    ...(idempotency
      ? {
          idempotency: {
            key: idempotency.key,
            requestHash,
            response: storedAnswer,
            callerId: idempotency.callerId,
            accessTokenSealed: idempotency.secrets.seal(accessToken, sealContext(organisation.id, caseId, idempotency.key)),
          },
        }
      : {}),
  };

  try {
    if (fileIds.length === 0) {
      // The usual case: one statement, one round trip, atomic (shared with others under load).
      await context.writeSubmission(submission);
    } else {
      await db.transaction().execute(async (trx) => {
        await insertSubmissions(trx, [submission]);
        // A file belongs to one case: if another submission took one of these meanwhile, nothing is written.
        if ((await attachFilesToCase(trx, organisation.id, fileIds, caseId)) !== fileIds.length) {
          throw invalidFiles([{ path: '', code: 'fileUnknown', message: FILE_TAKEN[options.language] }]);
        }
      });
    }
    return answer;
  } catch (error) {
    if (isReferenceTaken(error)) {
      // Another case already has this Aktenzeichen (a service of the organisation with the same pattern, or the
      // sequence restarted under a pattern without a year). Nothing was written; a retry draws a new number.
      throw new AppError('REFERENCE_CONFLICT', REFERENCE_TAKEN);
    }
    // Another request with this Idempotency-Key committed first: ours wrote nothing; answer with theirs.
    if (!(error instanceof IdempotencyKeyTaken) || !idempotency) throw error;
    const replay = await replayIdempotent(db, organisation.id, idempotency, { requestHash, hashAsBefore }, now);
    if (!replay) throw error;
    return replay;
  }
}

/** The earliest due date among the deadlines a case starts with. */
function earliestDue(deadlines: readonly { dueAt: string }[]): Date | null {
  const times = deadlines.map((d) => Date.parse(d.dueAt));
  return times.length === 0 ? null : new Date(Math.min(...times));
}

const REFERENCE_TAKEN = {
  de: 'Das Aktenzeichen für diesen Antrag war schon vergeben; es wurde nichts gespeichert. Bitte senden Sie den Antrag erneut.',
  en: 'The reference number for this application was already taken; nothing was saved. Please send the application again.',
};

/** A unique violation on the cases' reference (PGlite may leave out the constraint's name; its detail names the column). */
function isReferenceTaken(error: unknown): boolean {
  const { code, constraint, detail } = (error ?? {}) as { code?: string; constraint?: string; detail?: string };
  return code === '23505' && (constraint === 'cases_organisation_reference_unique' || (constraint === undefined && typeof detail === 'string' && detail.includes('(organisation_id, reference)')));
}

const FILE_TAKEN = {
  de: 'Eine der Dateien gehört schon zu einem anderen Antrag. Bitte laden Sie sie erneut hoch.',
  en: 'One of the files already belongs to another application. Please upload it again.',
};

function invalidFiles(errors: SubmissionError[]): AppError {
  return new AppError(
    'SUBMISSION_INVALID',
    { de: 'Der Antrag enthält Fehler. Bitte prüfen Sie die markierten Angaben.', en: 'The application has errors. Please check the marked answers.' },
    { errors },
  );
}

/**
 * Every file the answers reference must have been uploaded for this service, not yet belong to a case, and
 * be described exactly as stored (name, type, size). Returns the distinct ids to attach.
 */
async function checkFileReferences(
  db: Kysely<Database>,
  organisationId: string,
  version: CompiledVersion,
  data: Record<string, unknown>,
  language: 'de' | 'en',
): Promise<string[]> {
  const references = listFileReferences(version.definition.form, data);
  const ids = [...new Set(references.map((r) => r.reference.id))];
  const stored = new Map((await findFilesByIds(db, organisationId, ids)).map((f) => [f.id, f]));
  const errors: SubmissionError[] = references
    .filter(({ reference }) => {
      const file = stored.get(reference.id);
      return (
        !file ||
        file.service_id !== version.serviceId ||
        file.case_id !== null ||
        file.name !== reference.name ||
        file.media_type !== reference.mediaType ||
        file.size !== reference.size
      );
    })
    .map(({ pointer, field, reference }) => {
      const element = version.fields.get(field)?.element;
      const label = element ? (element.label[language] ?? element.label.de) : field;
      return { path: pointer, code: 'fileUnknown', message: formatSubmissionMessage('fileUnknown', language, { label, file: reference.name }) };
    });
  if (errors.length > 0) throw invalidFiles(errors);
  return ids;
}

// One message for another body and another caller alike, so it tells a stranger nothing; a citizen whose login
// ended between the first attempt and the retry learns what to do.
const KEY_REUSED = {
  de: 'Dieser Idempotency-Key wurde schon verwendet: für einen anderen Antrag oder von einem anderen Absender. Falls Sie angemeldet waren, melden Sie sich bitte erneut an.',
  en: 'This Idempotency-Key was already used: for a different application or by another sender. If you were logged in, please log in again.',
};

/**
 * The first answer to a key, if it was stored. Only the caller who sent it, with the same body, gets it; anyone
 * else gets the refusal a different body gets, which names nothing of the case. The access token is the first
 * one, opened from its sealed copy: a replay never replaces the token the applicant may already hold.
 *
 * A key without a sealed token can only be answered 409 `IDEMPOTENCY_KEY_EXPIRED`; it may have been stored
 * before the upgrade that hashes bodies as canonical JSON (migration 0022), so its body is also compared as the
 * code before hashed it (`hashAsBefore`: JSON text in the order sent).
 */
async function replayIdempotent(
  db: Kysely<Database>,
  organisationId: string,
  idempotency: IdempotencyOptions,
  hashes: { requestHash: string; hashAsBefore: () => string },
  now: Date,
): Promise<SubmissionAnswer | undefined> {
  const existing = await findIdempotencyKey(db, organisationId, idempotency.key);
  if (!existing) return undefined;
  const sealed = existing.access_token_sealed;
  const sameBody = existing.request_hash === hashes.requestHash || (sealed === null && existing.request_hash === hashes.hashAsBefore());
  if (!sameBody || existing.caller_id !== idempotency.callerId) throw new AppError('IDEMPOTENCY_KEY_REUSED', KEY_REUSED);
  const stored = existing.response as Omit<SubmissionAnswer, 'accessToken'>;
  const accessToken =
    sealed !== null && existing.created_at.getTime() > now.getTime() - REPLAY_WINDOW_MS
      ? idempotency.secrets.tryOpen(sealed, sealContext(organisationId, existing.case_id, idempotency.key))
      : undefined;
  if (accessToken === undefined) {
    // Past the window, stored before tokens were kept for replays, or sealed under another SERVER_SECRET: the case
    // stands and its token is not repeated (a new one would lock out whoever holds the first).
    throw new AppError('IDEMPOTENCY_KEY_EXPIRED', {
      de: `Dieser Antrag ist bereits unter dem Aktenzeichen ${stored.reference} eingegangen. Seinen Zugangscode können wir nicht mehr erneut anzeigen; bitte wenden Sie sich mit dem Aktenzeichen an die Behörde.`,
      en: `This application was already received under the reference ${stored.reference}. Its access code can no longer be shown again; please contact the authority, naming the reference.`,
    });
  }
  return { ...stored, accessToken };
}

/** Binds a sealed token to its key and case: a sealed value copied to another row does not open. */
function sealContext(organisationId: string, caseId: string, key: string): string {
  return `submission-access-token:${organisationId}:${caseId}:${key}`;
}

/**
 * What makes two requests "the same body": the service version and the answers as canonical JSON, so the same
 * answers with their keys in another order are the same; arrays keep their order. Keys of idempotency_keys older
 * than migration 0022 were hashed with the body as `JSON.stringify` wrote it (`serialize`).
 */
function hashRequest(version: CompiledVersion, body: unknown, serialize: (value: unknown) => string = canonicalJson): string {
  return createHash('sha256').update(`${version.serviceId}:${version.version}:${serialize(body)}`).digest('hex');
}

function readApplicantName(paths: string[] | undefined, data: Record<string, unknown>): string {
  return (paths ?? [])
    .map((path) => readText(data, path))
    .filter((v): v is string => v !== undefined)
    .join(' ');
}

/** A text answer by data path, read as the condition language reads it. */
function readText(data: Record<string, unknown>, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const value = evaluateExpression({ var: path }, { data });
  return typeof value === 'string' ? value : undefined;
}
