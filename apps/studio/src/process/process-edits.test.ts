import { describe, expect, it } from 'vitest';
import { checkDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import type { EditResult } from '@amtsweg/editor';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import {
  addNewAction,
  addNewState,
  changeActionLabel,
  changeInputLabel,
  changeStateKind,
  changeStateLabel,
  createDeadline,
  findLongestReminder,
  listDeadlineSetters,
  optionsFromLines,
} from './process-edits';

const NO_ROLES = { de: 'Keine Rolle', en: 'No role' };

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

function definitionOf(result: EditResult): ServiceDefinition {
  if (!result.ok) throw new Error(`refused: ${result.message.de}`);
  return result.definition;
}

describe('addNewState', () => {
  it('adds a work state before the final states, with the first role and an id from its label', () => {
    const { result, id } = addNewState(example(), 'task', 'Ortstermin', NO_ROLES);
    const states = definitionOf(result).process.states;
    expect(id).toBe('ortstermin');
    const index = states.findIndex((state) => state.id === 'ortstermin');
    expect(index).toBe(states.findIndex((state) => state.kind === 'final') - 1);
    expect(states[index]).toMatchObject({ kind: 'task', role: 'dogTax', label: { de: 'Ortstermin' } });
    expect(states[index]!.statusText.en).toBeDefined();
  });

  it('adds a final state at the end with an outcome and the first decision notice', () => {
    const { result } = addNewState(example(), 'final', 'Erledigt', NO_ROLES);
    const states = definitionOf(result).process.states;
    expect(states.at(-1)).toMatchObject({ id: 'erledigt', kind: 'final', outcome: 'closed', decisionTemplate: 'approvalNotice' });
  });

  it('refuses a work state while no role exists', () => {
    const definition = example();
    definition.settings.roles = [];
    expect(addNewState(definition, 'task', 'Prüfung', NO_ROLES).result).toEqual({ ok: false, message: NO_ROLES });
  });
});

describe('addNewAction', () => {
  it('lets the applicant act in a waiting state and leads to the next state', () => {
    const definition = example();
    const waiting = definition.process.states.find((state) => state.id === 'awaitingApplicant')!;
    const { result, id } = addNewAction(definition, waiting, 'Neue Aktion');
    const added = definitionOf(result).process.states.find((state) => state.id === 'awaitingApplicant')!.actions!.at(-1)!;
    expect(id).toBe('neueAktion');
    expect(added).toEqual({ id: 'neueAktion', label: { de: 'Neue Aktion' }, target: 'approved', roles: ['applicant'] });
  });

  it('lets the state’s role act in a work state', () => {
    const definition = example();
    const review = definition.process.states.find((state) => state.id === 'inReview')!;
    const added = definitionOf(addNewAction(definition, review, 'Weiterleiten').result).process.states[1]!.actions!.at(-1)!;
    expect(added.roles).toEqual(['dogTax']);
  });
});

describe('changeStateKind', () => {
  it('gives a state turned into a work state a role and takes it away again', () => {
    const definition = example();
    const received = definition.process.states[0]!;
    const task = definitionOf(changeStateKind(definition, received, 'task', NO_ROLES));
    expect(task.process.states[0]).toMatchObject({ kind: 'task', role: 'dogTax' });
    const waiting = definitionOf(changeStateKind(task, task.process.states[0]!, 'waiting', NO_ROLES));
    expect(waiting.process.states[0]!.role).toBeUndefined();
  });

  it('removes the reminders of a state that no longer waits for the applicant, and only then', () => {
    const definition = example();
    const waiting = definition.process.states.find((state) => state.id === 'awaitingApplicant')!;
    const task = definitionOf(changeStateKind(definition, waiting, 'task', NO_ROLES));
    expect(task.process.states.find((state) => state.id === 'awaitingApplicant')!.deadlines).toEqual([
      { id: 'answerDeadline', after: 'P14D', action: 'answerOverdue', setBy: 'answerBy' },
    ]);
    expect(checkDefinition(task).map((d) => d.code)).not.toContain('REMINDER_NOT_FOR_APPLICANT');
  });

  it('refuses to make a state with actions final', () => {
    const definition = example();
    expect(changeStateKind(definition, definition.process.states[1]!, 'final', NO_ROLES).ok).toBe(false);
  });
});

describe('findLongestReminder', () => {
  it('allows one day less than a deadline in days or weeks lasts', () => {
    expect(findLongestReminder('P14D', 3650)).toBe(13);
    expect(findLongestReminder('P2W', 3650)).toBe(13);
    expect(findLongestReminder('P1W3D', 3650)).toBe(9);
    expect(findLongestReminder('P1D', 3650)).toBe(0);
  });

  it('does not guess the days of months and years', () => {
    expect(findLongestReminder('P1M', 3650)).toBe(3650);
    expect(findLongestReminder('P1Y', 3650)).toBe(3650);
  });
});

describe('label changes', () => {
  it('lets the id of a state follow its German label when it was made from it', () => {
    const added = definitionOf(addNewState(example(), 'waiting', 'Neuer Status', NO_ROLES).result);
    const index = added.process.states.findIndex((state) => state.id === 'neuerStatus');
    const { result, renamedTo } = changeStateLabel(added, index, 'de', 'Wartet auf Gutachten');
    expect(renamedTo).toBe('wartetAufGutachten');
    expect(definitionOf(result).process.states[index]).toMatchObject({ id: 'wartetAufGutachten', label: { de: 'Wartet auf Gutachten' } });
  });

  it('keeps an id chosen by hand and follows no translation', () => {
    const definition = example();
    expect(changeStateLabel(definition, 1, 'de', 'In Bearbeitung').renamedTo).toBeUndefined();
    const added = definitionOf(addNewState(definition, 'waiting', 'Neuer Status', NO_ROLES).result);
    const index = added.process.states.findIndex((state) => state.id === 'neuerStatus');
    const english = changeStateLabel(added, index, 'en', 'Waiting');
    expect(english.renamedTo).toBeUndefined();
    expect(definitionOf(english.result).process.states[index]!.label).toEqual({ de: 'Neuer Status', en: 'Waiting' });
  });

  it('renames an action whose id was made from its label, with the deadline taking it', () => {
    const definition = example();
    const waiting = definition.process.states[2]!;
    waiting.actions![1] = { ...waiting.actions![1]!, id: 'fristAbgelaufen', label: { de: 'Frist abgelaufen' } };
    waiting.deadlines![0]!.action = 'fristAbgelaufen';
    const { result, renamedTo } = changeActionLabel(definition, waiting, 1, 'de', 'Frist verstrichen');
    expect(renamedTo).toBe('fristVerstrichen');
    expect(definitionOf(result).process.states[2]!.deadlines![0]!.action).toBe('fristVerstrichen');
  });

  it('keeps an input key not made from its label', () => {
    const definition = example();
    const review = definition.process.states[1]!;
    const { result, renamedTo } = changeInputLabel(definition, review.id, review.actions![0]!, 0, 'de', 'Fehlende Unterlagen');
    expect(renamedTo).toBeUndefined();
    expect(definitionOf(result).process.states[1]!.actions![0]!.inputs![0]).toMatchObject({ key: 'missing', label: { de: 'Fehlende Unterlagen' } });
  });

  it('renames an input key made from its label, and the letter placeholder reading it', () => {
    const definition = example();
    const review = definition.process.states[1]!;
    review.actions![0]!.inputs![0] = { key: 'wasFehlt', type: 'text', label: { de: 'Was fehlt?' } };
    definition.documents[1]!.body = { de: 'Es fehlt: {{action.wasFehlt}}' };
    const { result, renamedTo } = changeInputLabel(definition, review.id, review.actions![0]!, 0, 'de', 'Fehlende Unterlagen');
    expect(renamedTo).toBe('fehlendeUnterlagen');
    expect(definitionOf(result).documents[1]!.body).toEqual({ de: 'Es fehlt: {{action.fehlendeUnterlagen}}' });
  });
});

describe('optionsFromLines', () => {
  it('keeps options whose label is unchanged and makes values for new lines', () => {
    const existing = [{ value: 'yes', label: { de: 'Ja', en: 'Yes' } }];
    expect(optionsFromLines('Ja\n\n  Vielleicht  \n', existing)).toEqual([
      { value: 'yes', label: { de: 'Ja', en: 'Yes' } },
      { value: 'vielleicht', label: { de: 'Vielleicht' } },
    ]);
  });

  it('gives repeated lines distinct values', () => {
    expect(optionsFromLines('Ja\nJa', undefined).map((option) => option.value)).toEqual(['ja', 'ja2']);
  });
});

describe('deadlines', () => {
  it('offers a deadline taking the first action of the system', () => {
    const waiting = example().process.states[2]!;
    expect(createDeadline(waiting)).toEqual({ id: 'frist', after: 'P14D', action: 'answerOverdue' });
    expect(createDeadline({ ...waiting, actions: [] })).toBeUndefined();
  });

  it('lists the date inputs of the actions leading into a state', () => {
    expect(listDeadlineSetters(example(), 'awaitingApplicant').map((setter) => setter.key)).toEqual(['answerBy']);
    expect(listDeadlineSetters(example(), 'inReview')).toEqual([]);
  });
});
