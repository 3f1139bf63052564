import type { ColumnType, Insertable, Selectable } from 'kysely';

/** Append-only history: no Updateable type on purpose. */
export interface CaseEventTable {
  id: string;
  seq: ColumnType<string, never, never>;
  organisation_id: string;
  case_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  /**
   * `proposal`: a four-eyes action proposed (internal); `proposalRejected` / `proposalWithdrawn`: sent back by
   * a second person or taken back by its proposer; `proposalVoided`: the case moved on without it (the
   * applicant withdrew).
   */
  kind: 'submitted' | 'action' | 'assigned' | 'note' | 'reply' | 'proposal' | 'proposalRejected' | 'proposalWithdrawn' | 'proposalVoided';
  actor_id: string;
  actor_role: string;
  action: string | null;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  details: ColumnType<unknown, string | undefined, never>;
  /** The API token the event came through (null: a session, the applicant or the system). */
  api_token_id: ColumnType<string | null, string | null | undefined, never>;
  /** Internal notes are never shown to the applicant. */
  internal: ColumnType<boolean, boolean | undefined, never>;
}
export type CaseEvent = Selectable<CaseEventTable>;
export type NewCaseEvent = Insertable<CaseEventTable>;
