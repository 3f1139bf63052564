export { compileProcess } from './compile-process';
export type { CompiledProcess } from './compile-process';
export { createProcessMachine } from './create-process-machine';
export type { ProcessContext, ProcessEvent, ProcessMachine, ProcessSnapshot } from './create-process-machine';
export { applyAction, checkProposalAnswer, confirmProposal, listAvailableActions, startCase } from './case-process';
export type {
  ActionRequest,
  AppliedAction,
  ApplyActionResult,
  AvailableAction,
  CaseActor,
  ListActionsResult,
  OfferedInput,
  PendingProposal,
  ProposalAnswer,
  ProposalChoices,
  ProposalRequest,
} from './case-process';
export type { CaseMove, CaseStep, MoveFacts, StartedDeadline } from './describe-case-move';
export { deadlineDays, endOfDay, listDeadlineInputs } from './deadline-inputs';
export type { DeadlineDays, DeadlineInput } from './deadline-inputs';
export { persistCase, restoreCase } from './persist-case';
export type { CaseOptions, PersistedCase, RestoreResult } from './persist-case';
export { listDeadlines } from './list-deadlines';
export type { ProcessDeadline } from './list-deadlines';
export { addIsoDuration, parseIsoDuration, subtractIsoDuration } from './add-iso-duration';
export type { IsoDuration } from './add-iso-duration';
export { CASE_ERROR_CODES } from './process-errors';
export type { CaseErrorCode, CaseFailure, CaseMessage, InputProblem } from './process-errors';
export { DEFAULT_INPUT_MAX_LENGTH } from './validate-action-inputs';
