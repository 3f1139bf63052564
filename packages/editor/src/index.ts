// Form editing (fields, groups, pages, keys, copy and paste, usages).
export { findElement, findElementAt, findPlace, listFormElements, listTakenKeys } from './element-paths';
export type { ElementPlace, ElementScope, LocatedElement } from './element-paths';
export { describeElement, describePage } from './element-names';
export type { EditText } from './element-names';
export { addElement, deleteElement, moveElement, updateElement } from './form-operations';
export type { ElementChanges } from './form-operations';
export { renameKey } from './rename-key';
export { isValidKey, KEY_PATTERN } from './element-keys';
export { keyFromLabel } from './key-from-label';
export { addPage, deletePage, movePage, updatePage } from './page-operations';
export type { NewPage, PageChanges } from './page-operations';
export { copyElement, pasteElement } from './copy-paste';
export type { ElementClipboard } from './copy-paste';
export { findUsages } from './find-usages';
export type { FieldUsage, UsageKind } from './find-usages';

// Process editing, the applicant's e-mails, and undo/redo history.
export type { EditResult } from './edit-result';
export { addState, deleteState, moveState, renameStateId, setInitialState, updateState } from './state-operations';
export type { StateChanges } from './state-operations';
export { addAction, deleteAction, moveAction, renameActionId, updateAction } from './action-operations';
export type { ActionChanges } from './action-operations';
export {
  addActionInput,
  deleteActionInput,
  moveActionInput,
  renameActionInputKey,
  updateActionInput,
} from './action-input-operations';
export type { ActionInputChanges } from './action-input-operations';
export { addDeadline, deleteDeadline, setDeadlineReminder, updateDeadline } from './deadline-operations';
export type { DeadlineChanges } from './deadline-operations';
export { addRole, deleteRole, renameRoleId, updateRole } from './role-operations';
export type { RoleChanges } from './role-operations';
export { addTemplate, deleteTemplate, moveTemplate, renameTemplateId, updateTemplate } from './template-operations';
export type { TemplateChanges, TemplateTextPart } from './template-operations';
export {
  customizeMailText,
  findDefaultMailText,
  hasOwnMailText,
  listMailLanguages,
  resetMailText,
  setMailEnabled,
  setMailText,
} from './applicant-mail-operations';
export type { MailLanguage, MailTextPart } from './applicant-mail-operations';
export {
  canRedo,
  canUndo,
  createHistory,
  current,
  DEFAULT_HISTORY_LIMIT,
  describeLastMove,
  record,
  redo,
  redoLabel,
  undo,
  undoLabel,
} from './edit-history';
export type { EditHistory, EditLabel, EditStep, HistoryMove } from './edit-history';

// Differences between two versions of a definition.
export { diffDefinitions } from './diff-definitions';
export { summarizeDiff } from './summarize-diff';
export { DIFF_AREAS, DIFF_CHANGE_KINDS } from './definition-diff';
export type { DefinitionChange, DefinitionDiff, DiffArea, DiffChangeKind, PropertyChange } from './definition-diff';
export type { DiffCount, DiffSummary } from './summarize-diff';
