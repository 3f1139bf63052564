import type { ActionInput, LocalizedText, ProcessAction, ProcessState } from '@amtsweg/definitions';

/**
 * Stable codes of everything that can stop an action on a case. The server maps them to HTTP statuses in
 * one place and the Inbox keys its behaviour on them; never rename one.
 */
export const CASE_ERROR_CODES = [
  'UNKNOWN_ACTION',
  'CASE_CLOSED',
  'ROLE_NOT_ALLOWED',
  'GUARD_FAILED',
  'INPUT_MISSING',
  'INPUT_INVALID',
  'INVALID_SNAPSHOT',
  'PROPOSAL_PENDING',
  'NO_PROPOSAL',
  'OWN_PROPOSAL',
  'NOT_PROPOSER',
] as const;

export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];

/** A message for people: German always, English too. */
export interface CaseMessage {
  de: string;
  en: string;
}

/** Why an input was refused; `unknown` is a key the action does not declare. */
export type InputProblem = 'type' | 'maxLength' | 'option' | 'date' | 'deadlinePast' | 'deadlineTooFar' | 'unknown';

/** The refusal every case function returns instead of throwing. */
export interface CaseFailure {
  ok: false;
  code: CaseErrorCode;
  message: CaseMessage;
  details?: Record<string, unknown>;
}

export function failUnknownAction(actionId: string, state: ProcessState): CaseFailure {
  const available = (state.kind === 'automatic' ? [] : (state.actions ?? [])).map((a) => a.id);
  return {
    ok: false,
    code: 'UNKNOWN_ACTION',
    message: {
      de: `Die Aktion „${actionId}“ ist im Status „${state.label.de}“ nicht möglich.`,
      en: `The action “${actionId}” is not possible in the state “${english(state.label)}”.`,
    },
    details: { action: actionId, state: state.id, available },
  };
}

export function failCaseClosed(state: ProcessState): CaseFailure {
  return {
    ok: false,
    code: 'CASE_CLOSED',
    message: {
      de: `Der Vorgang ist abgeschlossen („${state.label.de}“); es ist keine Aktion mehr möglich.`,
      en: `The case is closed (“${english(state.label)}”); no further action is possible.`,
    },
    details: { state: state.id },
  };
}

export function failRoleNotAllowed(action: ProcessAction): CaseFailure {
  return {
    ok: false,
    code: 'ROLE_NOT_ALLOWED',
    message: {
      de: `Sie dürfen die Aktion „${action.label.de}“ nicht ausführen.`,
      en: `You are not allowed to take the action “${english(action.label)}”.`,
    },
    details: { action: action.id, roles: action.roles },
  };
}

export function failGuard(action: ProcessAction): CaseFailure {
  return {
    ok: false,
    code: 'GUARD_FAILED',
    message: describeGuardFailure(action),
    details: { action: action.id },
  };
}

/** What the Inbox shows next to a disabled action; the designer's own text when there is one. */
export function describeGuardFailure(action: ProcessAction): CaseMessage {
  return {
    de: action.guardMessage?.de ?? `Die Voraussetzungen für „${action.label.de}“ sind nicht erfüllt.`,
    en: action.guardMessage?.en ?? `The conditions for “${english(action.label)}” are not met.`,
  };
}

export function failInputMissing(input: ActionInput): CaseFailure {
  return {
    ok: false,
    code: 'INPUT_MISSING',
    message: { de: `Bitte füllen Sie „${input.label.de}“ aus.`, en: `Please fill in “${english(input.label)}”.` },
    details: { input: input.key },
  };
}

export function failInputInvalid(input: ActionInput, problem: Exclude<InputProblem, 'unknown'>, limit = 0): CaseFailure {
  const de = input.label.de;
  const en = english(input.label);
  const messages: Record<typeof problem, CaseMessage> = {
    type: { de: `„${de}“ hat einen ungültigen Wert.`, en: `“${en}” has an invalid value.` },
    maxLength: {
      de: `„${de}“ darf höchstens ${limit.toLocaleString('de-DE')} Zeichen lang sein.`,
      en: `“${en}” must be ${limit.toLocaleString('en-GB')} characters or fewer.`,
    },
    option: {
      de: `Bitte wählen Sie bei „${de}“ eine der angebotenen Möglichkeiten.`,
      en: `Please choose one of the offered options for “${en}”.`,
    },
    date: {
      de: `„${de}“ ist kein gültiges Datum im Format JJJJ-MM-TT.`,
      en: `“${en}” is not a real date in the format YYYY-MM-DD.`,
    },
    deadlinePast: { de: `„${de}“ muss nach dem heutigen Tag liegen.`, en: `“${en}” must be after today.` },
    deadlineTooFar: {
      de: `„${de}“ darf höchstens ein Jahr nach dem heutigen Tag liegen.`,
      en: `“${en}” must be no more than a year from today.`,
    },
  };
  const details: Record<string, unknown> = { input: input.key, problem };
  if (problem === 'maxLength') details.limit = limit;
  if (problem === 'option') details.allowed = (input.options ?? []).map((o) => o.value);
  return { ok: false, code: 'INPUT_INVALID', message: messages[problem], details };
}

export function failUnknownInput(key: string, action: ProcessAction): CaseFailure {
  return {
    ok: false,
    code: 'INPUT_INVALID',
    message: {
      de: `Die Angabe „${key}“ ist für die Aktion „${action.label.de}“ nicht vorgesehen.`,
      en: `“${key}” is not an input of the action “${english(action.label)}”.`,
    },
    details: { input: key, problem: 'unknown' satisfies InputProblem },
  };
}

export function failInputsNotObject(action: ProcessAction): CaseFailure {
  return {
    ok: false,
    code: 'INPUT_INVALID',
    message: {
      de: `Die Angaben zur Aktion „${action.label.de}“ müssen ein Objekt mit Feldnamen und Werten sein.`,
      en: `The inputs of the action “${english(action.label)}” must be an object of names and values.`,
    },
    details: { problem: 'type' satisfies InputProblem },
  };
}

/** A proposal waits for its second person; nothing else happens on the case until it is settled. */
export function failProposalPending(proposed: { id: string; label?: LocalizedText }): CaseFailure {
  const label = proposed.label ?? { de: proposed.id };
  return {
    ok: false,
    code: 'PROPOSAL_PENDING',
    message: {
      de: `Auf diesem Vorgang wartet der Vorschlag „${label.de}“ auf die Bestätigung durch eine zweite Person (Vier-Augen-Prinzip); bis dahin ist keine andere Aktion möglich.`,
      en: `The proposal “${english(label)}” on this case is waiting for a second person to confirm it (four-eyes principle); until then no other action is possible.`,
    },
    details: { proposedAction: proposed.id },
  };
}

export function failNoProposal(actionId: string, action?: ProcessAction): CaseFailure {
  const label = action?.label ?? { de: actionId };
  return {
    ok: false,
    code: 'NO_PROPOSAL',
    message: {
      de: `Für die Aktion „${label.de}“ liegt kein Vorschlag vor, der zu bestätigen oder zurückzugeben wäre.`,
      en: `There is no proposal of the action “${english(label)}” to confirm or send back.`,
    },
    details: { action: actionId },
  };
}

/** The proposer may not be the second pair of eyes on their own proposal. */
export function failOwnProposal(action: ProcessAction, answer: 'confirm' | 'reject'): CaseFailure {
  const messages: Record<typeof answer, CaseMessage> = {
    confirm: {
      de: `Sie haben „${action.label.de}“ selbst vorgeschlagen; bestätigen muss eine zweite Person (Vier-Augen-Prinzip).`,
      en: `You proposed “${english(action.label)}” yourself; a second person must confirm it (four-eyes principle).`,
    },
    reject: {
      de: `Sie haben „${action.label.de}“ selbst vorgeschlagen; zurückgeben kann ihn nur eine zweite Person. Sie können Ihren Vorschlag zurückziehen.`,
      en: `You proposed “${english(action.label)}” yourself; only a second person can send it back. You can withdraw your proposal.`,
    },
  };
  return { ok: false, code: 'OWN_PROPOSAL', message: messages[answer], details: { action: action.id } };
}

export function failNotProposer(action: ProcessAction): CaseFailure {
  return {
    ok: false,
    code: 'NOT_PROPOSER',
    message: {
      de: `Nur wer „${action.label.de}“ vorgeschlagen hat, kann den Vorschlag zurückziehen.`,
      en: `Only the person who proposed “${english(action.label)}” can withdraw the proposal.`,
    },
    details: { action: action.id },
  };
}

export function failInvalidSnapshot(problem: 'shape' | 'state' | 'status', stored: unknown): CaseFailure {
  const value = problem === 'state' ? String((stored as { value?: unknown }).value) : '';
  const messages: Record<typeof problem, CaseMessage> = {
    shape: {
      de: 'Der gespeicherte Stand des Vorgangs ist ungültig: erwartet wird ein Objekt mit „value“ und „status“.',
      en: 'The stored state of the case is invalid: an object with “value” and “status” is expected.',
    },
    state: {
      de: `Der gespeicherte Stand des Vorgangs ist ungültig: „${value}“ ist kein Status dieses Ablaufs.`,
      en: `The stored state of the case is invalid: “${value}” is not a state of this process.`,
    },
    status: {
      de: 'Der gespeicherte Stand des Vorgangs ist ungültig: „status“ passt nicht dazu, ob der Status ein Endstatus ist.',
      en: 'The stored state of the case is invalid: “status” does not match whether the state is final.',
    },
  };
  return { ok: false, code: 'INVALID_SNAPSHOT', message: messages[problem], details: { problem, stored } };
}

function english(text: LocalizedText): string {
  return text.en ?? text.de;
}
