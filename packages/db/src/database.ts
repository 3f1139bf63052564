import type { ApiTokenTable } from './tables/api-token.table';
import type { AuditEventTable } from './tables/audit-event.table';
import type { CaseDeadlineTable } from './tables/case-deadline.table';
import type { CaseEventTable } from './tables/case-event.table';
import type { CaseProposalTable } from './tables/case-proposal.table';
import type { ClosedCaseCountTable } from './tables/closed-case-count.table';
import type { CaseTable } from './tables/case.table';
import type { DocumentTable } from './tables/document.table';
import type { DraftTable } from './tables/draft.table';
import type { FileTable } from './tables/file.table';
import type { IdempotencyKeyTable } from './tables/idempotency-key.table';
import type { LoginThrottleTable } from './tables/login-throttle.table';
import type { OrganisationTable } from './tables/organisation.table';
import type { OutboxTable } from './tables/outbox.table';
import type { SessionTable } from './tables/session.table';
import type { ServiceVersionTable } from './tables/service-version.table';
import type { ServiceTable } from './tables/service.table';
import type { UserRecoveryCodeTable } from './tables/user-recovery-code.table';
import type { UserServiceRoleTable } from './tables/user-service-role.table';
import type { UserTable } from './tables/user.table';

/** Every table of the Amtsweg database, as Kysely sees it. */
export interface Database {
  organisations: OrganisationTable;
  services: ServiceTable;
  service_versions: ServiceVersionTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_proposals: CaseProposalTable;
  closed_case_counts: ClosedCaseCountTable;
  documents: DocumentTable;
  files: FileTable;
  idempotency_keys: IdempotencyKeyTable;
  case_deadlines: CaseDeadlineTable;
  outbox: OutboxTable;
  users: UserTable;
  login_throttles: LoginThrottleTable;
  user_service_roles: UserServiceRoleTable;
  user_recovery_codes: UserRecoveryCodeTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  drafts: DraftTable;
}
