export { createDatabase } from './create-database';
export type { DatabaseHandle, DatabaseKind, DatabaseOptions } from './create-database';
export { migrateToLatest } from './migrate-database';
export { toJsonColumn } from './json-column';
export type { Database } from './database';
export type {
  Organisation,
  NewOrganisation,
  OrganisationContact,
  OrganisationLegalPages,
  OrganisationText,
  OrganisationUpdate,
} from './tables/organisation.table';
export type { UserRow, NewUser, UserUpdate, StaffRole } from './tables/user.table';
export type { UserServiceRole } from './tables/user-service-role.table';
export type { ApiTokenRow } from './tables/api-token.table';
export type { AuditEvent } from './tables/audit-event.table';
export type { Service, NewService, ServiceUpdate } from './tables/service.table';
export type { ServiceVersion, NewServiceVersion } from './tables/service-version.table';
export type { CaseRow, NewCase, CaseUpdate } from './tables/case.table';
export type { CaseEvent, NewCaseEvent } from './tables/case-event.table';
export type { DocumentRow, DocumentSummary, NewDocument } from './tables/document.table';
export type { CaseProposalRow, NewCaseProposal } from './tables/case-proposal.table';
export type { FileRow, NewFile } from './tables/file.table';
export type { IdempotencyKey, NewIdempotencyKey } from './tables/idempotency-key.table';
export type { DraftRow } from './tables/draft.table';
export type { Executor } from './repositories/executor';
export { ensureOrganisation, findOrganisationById, findOrganisationBySlug, findOrganisationLogo, updateOrganisation } from './repositories/organisation.repository';
export type { OrganisationLogo } from './repositories/organisation.repository';
export {
  findTakenHosts,
  insertOrganisation,
  listOrganisationHosts,
  listOrganisationSummaries,
  loadOrganisationDirectory,
  replaceOrganisationHosts,
  type OrganisationDirectory,
  type OrganisationSummary,
} from './repositories/organisation.repository';
export {
  findServiceById,
  findServiceBySlug,
  findPublishedVersionNumber,
  findServiceVersion,
  insertService,
  insertServiceVersion,
  listPublishedServices,
  listServices,
  listServiceVersions,
  listPublishedServiceRoles,
  publishServiceVersion,
  updateServiceDraft,
} from './repositories/service.repository';
export { buildInboxQueries, caseVisibleTo, countCases, drawReferenceNumbers, findCaseById, listApplicantCases, updateCaseIfVersion } from './repositories/case.repository';
export type { CaseViewer, InboxFilter } from './repositories/case.repository';
export { appendCaseEvent, listCaseEvents } from './repositories/case-event.repository';
export type { CaseEventInput } from './repositories/case-event.repository';
export { findCaseDocument, findDocumentPdf, insertDocument, listCaseDocuments, storeDocumentPdf } from './repositories/document.repository';
export { deleteCaseProposal, findCaseProposal, findCaseProposalWithVersion, insertCaseProposal } from './repositories/case-proposal.repository';
export type { CaseProposal, CaseProposalInput } from './repositories/case-proposal.repository';
export type { DocumentInput } from './repositories/document.repository';
export { findIdempotencyKey, forgetReplayTokens } from './repositories/idempotency.repository';
export { applyDeadlineChanges, claimDueDeadlines, claimDueReminders, deleteDeadline, releaseDeadline } from './repositories/case-deadline.repository';
export type { ClaimedDeadline, DeadlineChange, DueReminder } from './repositories/case-deadline.repository';
export {
  CASE_EVENT_JOB,
  claimJobs,
  claimSchedule,
  completeJob,
  deleteFinishedJobs,
  enqueueJobs,
  failJob,
  requeueJob,
  retryDelayMs,
} from './repositories/job.repository';
export type { ClaimOptions, NewJob } from './repositories/job.repository';
export type { JobRow } from './tables/job.table';
export {
  deleteWebhookEndpoint,
  findEndpointsForEvent,
  findWebhookDelivery,
  findWebhookEndpoint,
  insertWebhookDeliveries,
  insertWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  recordWebhookAttempt,
  reopenWebhookDelivery,
  updateWebhookEndpoint,
} from './repositories/webhook.repository';
export type { NewWebhookDelivery, NewWebhookEndpoint, WebhookDeliveryView } from './repositories/webhook.repository';
export { listDigestLines } from './repositories/digest.repository';
export type { DigestLine } from './repositories/digest.repository';
export type { WebhookEndpointRow } from './tables/webhook-endpoint.table';
export type { WebhookAttemptRow, WebhookDeliveryRow } from './tables/webhook-delivery.table';
export { attachFilesToCase, attachPendingFiles, countPendingFiles, deleteAbandonedFileParts, deleteOrphanedFiles, deletePendingFile, findCaseFile, findFilesByIds, insertFile } from './repositories/file.repository';
export type { FileInfo } from './repositories/file.repository';
export { IdempotencyKeyTaken, insertSubmissions } from './repositories/submission.repository';
export type { NewSubmission } from './repositories/submission.repository';
export {
  countUnusedRecoveryCodes,
  findUserByEmail,
  findUserById,
  findUserByOidcSubject,
  insertUser,
  listCaseworkers,
  listServiceRoles,
  listUsers,
  addServiceRole,
  removeServiceRole,
  findUserNames,
  lockUser,
  advanceTotpStep,
  replaceRecoveryCodes,
  replaceServiceRoles,
  updateUser,
  useRecoveryCode,
} from './repositories/user.repository';
export {
  ACCOUNT_WIDE_CLIENT,
  claimLoginAttempt,
  clearLoginAttempts,
  deleteStaleLoginThrottles,
  summariseLoginThrottles,
} from './repositories/login-throttle.repository';
export type { LoginAddress, LoginClaim, LoginThrottleSummary, ThrottlePolicy } from './repositories/login-throttle.repository';
export {
  countRecentCitizenRegistrations,
  deleteExpiredCitizenRegistrations,
  findCitizenRegistration,
  findCitizenRegistrationForUpdate,
  insertCitizenRegistration,
  lockCitizenAddress,
  OPEN_REGISTRATIONS_PER_ADDRESS,
  pruneCitizenRegistrations,
  useCitizenRegistrations,
} from './repositories/citizen-registration.repository';
export type { CitizenRegistrationRow, NewCitizenRegistration } from './tables/citizen-registration.table';
export { deleteExpiredSessions, deleteSession, deleteUserSession, deleteUserSessions, findSessionInUse, listUserSessions, saveSession } from './repositories/session.repository';
export { findApiTokenNames, insertApiToken, listApiTokens, revokeApiToken, useApiToken } from './repositories/api-token.repository';
export type { ApiTokenInfo } from './repositories/api-token.repository';
export { appendAuditEvent, countAuditEventsAbout, listAuditEvents } from './repositories/audit.repository';
export type { AuditEventInput } from './repositories/audit.repository';
export { DRAFT_LIFETIME_DAYS, deleteDraft, deleteStaleDrafts, findDraft, listDrafts, saveDraft } from './repositories/draft.repository';
export type { DraftInput, DraftSummary } from './repositories/draft.repository';
