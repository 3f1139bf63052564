import type { Migration } from 'kysely';
import * as initial from './2026-11-23-0001-initial';
import * as organisationScopedKeys from './2026-11-23-0002-organisation-scoped-keys';
import * as identityAndAccess from './2026-11-23-0003-identity-and-access';
import * as drafts from './2026-11-23-0004-drafts';
import * as replyAttachments from './2026-11-23-0005-reply-attachments';
import * as inboxIndexes from './2026-11-23-0006-inbox-indexes';
import * as documentPdf from './2026-11-23-0007-document-pdf';
import * as caseProposals from './2026-11-23-0008-case-proposals';
import * as closedCaseCounts from './2026-11-24-0009-closed-case-counts';
import * as backgroundWork from './2026-12-06-0010-background-work';
import * as operations from './2026-12-07-0011-operations';
import * as sessions from './2026-12-07-0016-sessions';
import * as tokenActors from './2026-12-07-0017-token-actors';
import * as loginThrottle from './2026-12-07-0018-login-throttle';
import * as accountConfirmation from './2026-12-07-0019-account-confirmation';
import * as uploadVolume from './2026-12-07-0020-upload-volume';
import * as reservedRoles from './2026-12-07-0021-reserved-roles';
import * as idempotentReplays from './2026-12-07-0022-idempotent-replays';
import * as uploadOwners from './2026-12-07-0023-upload-owners';
import * as auditSubjects from './2026-12-07-0024-audit-subjects';

/**
 * Every migration by name, in order. A static list (not a folder scan) so the same migrations run from
 * source, from a bundle and in tests. Names are timestamps; never rename or change a published one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-23-0001-initial': initial,
  '2026-11-23-0002-organisation-scoped-keys': organisationScopedKeys,
  '2026-11-23-0003-identity-and-access': identityAndAccess,
  '2026-11-23-0004-drafts': drafts,
  '2026-11-23-0005-reply-attachments': replyAttachments,
  '2026-11-23-0006-inbox-indexes': inboxIndexes,
  '2026-11-23-0007-document-pdf': documentPdf,
  '2026-11-23-0008-case-proposals': caseProposals,
  '2026-11-24-0009-closed-case-counts': closedCaseCounts,
  '2026-12-06-0010-background-work': backgroundWork,
  '2026-12-07-0011-operations': operations,
  '2026-12-07-0016-sessions': sessions,
  '2026-12-07-0017-token-actors': tokenActors,
  '2026-12-07-0018-login-throttle': loginThrottle,
  '2026-12-07-0019-account-confirmation': accountConfirmation,
  '2026-12-07-0020-upload-volume': uploadVolume,
  '2026-12-07-0021-reserved-roles': reservedRoles,
  '2026-12-07-0022-idempotent-replays': idempotentReplays,
  '2026-12-07-0023-upload-owners': uploadOwners,
  '2026-12-07-0024-audit-subjects': auditSubjects,
};
