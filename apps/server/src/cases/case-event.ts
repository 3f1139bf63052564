import type { LocalizedText } from '@amtsweg/definitions';

/**
 * What happened to a case, as the `caseEvent` job carries it to the background work (the applicant's e-mail,
 * webhooks). Written in the same statement or transaction as the change itself.
 */
export type CaseEventPayload = CaseSubmittedEvent | CaseMovedEvent;

/** Written by `insertSubmissions` in @amtsweg/db, in the submission's one statement. */
export interface CaseSubmittedEvent {
  event: 'case.submitted';
  caseId: string;
  serviceId: string;
  /** The state the case rests in after the submission. */
  state: string;
}

export interface CaseMovedEvent {
  event: 'case.moved';
  caseId: string;
  serviceId: string;
  action: string;
  /** Who moved it, as a kind (never a person's id in a job). */
  actor: 'staff' | 'applicant' | 'system';
  from: string;
  to: string;
  final: boolean;
  outcome: string | null;
  /** `notifyApplicant` messages of the move. */
  notifications: LocalizedText[];
  /** Due moments (ISO) of the deadlines the move started. */
  deadlines: string[];
  at: string;
}
