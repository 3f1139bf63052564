export { createDatabase } from './create-database';
export type { DatabaseHandle, DatabaseKind, DatabaseOptions } from './create-database';
export { migrateToLatest } from './migrate-database';
export { toJsonColumn } from './json-column';
export type { Database } from './database';
export type { Organisation, NewOrganisation } from './tables/organisation.table';
export type { Service, NewService, ServiceUpdate } from './tables/service.table';
export type { ServiceVersion, NewServiceVersion } from './tables/service-version.table';
export type { CaseRow, NewCase, CaseUpdate } from './tables/case.table';
export type { CaseEvent, NewCaseEvent } from './tables/case-event.table';
export type { DocumentRow, NewDocument } from './tables/document.table';
export type { FileRow, NewFile } from './tables/file.table';
export type { IdempotencyKey, NewIdempotencyKey } from './tables/idempotency-key.table';
export type { Executor } from './repositories/executor';
export { ensureOrganisation, findOrganisationBySlug } from './repositories/organisation.repository';
export {
  findServiceById,
  findServiceBySlug,
  findPublishedVersionNumber,
  findServiceVersion,
  insertService,
  insertServiceVersion,
  listPublishedServices,
  updateServiceDraft,
} from './repositories/service.repository';
export { countCases, drawReferenceNumbers, findCaseById, updateCaseIfVersion } from './repositories/case.repository';
export { appendCaseEvent, listCaseEvents } from './repositories/case-event.repository';
export type { CaseEventInput } from './repositories/case-event.repository';
export { findCaseDocument, insertDocument, listCaseDocuments } from './repositories/document.repository';
export type { DocumentInput } from './repositories/document.repository';
export { findIdempotencyKey } from './repositories/idempotency.repository';
export { applyDeadlineChanges } from './repositories/case-deadline.repository';
export type { DeadlineChange } from './repositories/case-deadline.repository';
export { attachFilesToCase, findFilesByIds, insertFile } from './repositories/file.repository';
export type { FileInfo } from './repositories/file.repository';
export { IdempotencyKeyTaken, insertSubmissions } from './repositories/submission.repository';
export type { NewSubmission } from './repositories/submission.repository';
