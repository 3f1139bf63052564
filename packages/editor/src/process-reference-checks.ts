import { APPLICANT_ROLE, SYSTEM_ROLE } from '@amtsweg/definitions';
import type { ProcessAction, ProcessState, ServiceDefinition } from '@amtsweg/definitions';
import { refuse } from './edit-result';
import { checkNewId, quoteLabel, type Refusal } from './process-edit-support';

// The operations keep every id reference of the process resolvable (target states, roles, templates, the
// actions deadlines fire), so a new or changed state or action must only name what exists. Whether the process
// makes sense as a whole (reachability, a way out, four eyes) is left to checkDefinition, which reports all of
// it at once. Internal to the package.

/**
 * The first problem of `after` that `before` did not have (compared by message), so a change is refused only
 * for what it breaks and never for a problem the definition already had.
 */
export function findNewProblem(before: readonly Refusal[], after: readonly Refusal[]): Refusal | undefined {
  const known = new Set(before.map((p) => p.message.de));
  return after.find((p) => !known.has(p.message.de));
}

/** Problems of a state: an undeclared role, a missing or wrong decision notice, a final state with actions. */
export function listStateProblems(definition: ServiceDefinition, state: ProcessState): Refusal[] {
  const problems: Refusal[] = [];
  if (state.role !== undefined && !definition.settings.roles.some((r) => r.id === state.role)) {
    problems.push(refuseUnknownRole(state.role));
  }
  if (state.decisionTemplate !== undefined) {
    const template = definition.documents.find((t) => t.id === state.decisionTemplate);
    if (template === undefined) problems.push(refuseUnknownTemplate(state.decisionTemplate));
    else if (template.kind !== 'decision') {
      const name = quoteLabel(template.title);
      problems.push(refuse(
        `Die Vorlage ${name.de} ist kein Bescheid und kann deshalb nicht als Bescheid eines Endstatus dienen.`,
        `The template ${name.en} is not a decision notice, so it cannot be the notice of a final state.`,
      ));
    }
  }
  if (state.kind === 'final' && ((state.actions ?? []).length > 0 || (state.deadlines ?? []).length > 0)) {
    const name = quoteLabel(state.label);
    problems.push(refuse(
      `Mit einem Endstatus ist der Vorgang abgeschlossen; er hat keine Aktionen und keine Fristen. Löschen Sie zuerst die Aktionen und Fristen von ${name.de}.`,
      `A final state closes the case; it has no actions and no deadlines. First delete the actions and deadlines of ${name.en}.`,
    ));
  }
  return problems;
}

/**
 * Problems of an action: a target state, role or issued template that does not exist, an invalid or repeated
 * input key. `extraStateIds` are states about to be added with the action.
 */
export function listActionProblems(
  definition: ServiceDefinition,
  action: ProcessAction,
  extraStateIds: readonly string[] = [],
): Refusal[] {
  const problems: Refusal[] = [];
  if (!definition.process.states.some((s) => s.id === action.target) && !extraStateIds.includes(action.target)) {
    problems.push(refuse(`Den Zielstatus „${action.target}“ gibt es nicht.`, `The target state “${action.target}” does not exist.`));
  }
  for (const role of action.roles) {
    if (role !== APPLICANT_ROLE && role !== SYSTEM_ROLE && !definition.settings.roles.some((r) => r.id === role)) {
      problems.push(refuseUnknownRole(role));
    }
  }
  for (const effect of action.effects ?? []) {
    if (effect.type === 'issueDocument' && !definition.documents.some((t) => t.id === effect.template)) {
      problems.push(refuseUnknownTemplate(effect.template));
    }
  }
  const keys: string[] = [];
  const name = quoteLabel(action.label);
  for (const input of action.inputs ?? []) {
    const problem = checkNewId(input.key, keys, {
      de: `Die Aktion ${name.de} hat die Eingabe „${input.key}“ doppelt.`,
      en: `The action ${name.en} has the input “${input.key}” twice.`,
    });
    if (problem) problems.push(problem);
    keys.push(input.key);
  }
  return problems;
}

/** Problems of the deadlines of a state: an action the state does not have, an invalid or repeated id. */
export function listDeadlineProblems(state: ProcessState): Refusal[] {
  const problems: Refusal[] = [];
  const ids: string[] = [];
  for (const deadline of state.deadlines ?? []) {
    const problem = checkNewId(deadline.id, ids, {
      de: `Die Frist „${deadline.id}“ gibt es in diesem Status doppelt.`,
      en: `The deadline “${deadline.id}” appears twice in this state.`,
    });
    if (problem) problems.push(problem);
    ids.push(deadline.id);
    if (!(state.actions ?? []).some((a) => a.id === deadline.action)) {
      problems.push(refuse(
        `Die Frist „${deadline.id}“ soll die Aktion „${deadline.action}“ auslösen, die es in diesem Status nicht gibt.`,
        `The deadline “${deadline.id}” would take the action “${deadline.action}”, which this state does not have.`,
      ));
    }
  }
  return problems;
}

function refuseUnknownRole(role: string): Refusal {
  return refuse(`Die Rolle „${role}“ ist in den Einstellungen nicht angelegt.`, `The role “${role}” is not set up in the settings.`);
}

function refuseUnknownTemplate(templateId: string): Refusal {
  return refuse(`Die Vorlage „${templateId}“ gibt es nicht.`, `The template “${templateId}” does not exist.`);
}
