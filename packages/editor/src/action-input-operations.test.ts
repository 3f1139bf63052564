import { checkDefinition, type ActionInput } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import {
  addActionInput,
  deleteActionInput,
  moveActionInput,
  renameActionInputKey,
  updateActionInput,
} from './action-input-operations';
import { addAction } from './action-operations';
import { actionOf, createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, stateOf } from './process-test-fixtures';

const NOTE: ActionInput = { key: 'note', type: 'comment', label: { de: 'Vermerk' } };

const inputKeys = (definition: ReturnType<typeof createProcessDefinition>, stateId: string, actionId: string): string[] =>
  (actionOf(definition, stateId, actionId).inputs ?? []).map((i) => i.key);

describe('addActionInput', () => {
  it('adds an input to an action with or without inputs', () => {
    const definition = createProcessDefinition();
    expect(inputKeys(expectEdited(addActionInput(definition, 'review', 'approve', NOTE)), 'review', 'approve')).toEqual(['note']);
    expect(inputKeys(expectEdited(addActionInput(definition, 'review', 'ask', NOTE, 1)), 'review', 'ask')).toEqual([
      'question',
      'note',
      'replyBy',
    ]);
    expect(actionOf(definition, 'review', 'approve')).not.toHaveProperty('inputs');
  });

  it('refuses a key the action already has, an invalid key and a bad position', () => {
    expect(expectRefused(addActionInput(createProcessDefinition(), 'review', 'ask', { ...NOTE, key: 'question' })).de).toBe(
      'Die Aktion „Nachfragen“ hat schon eine Eingabe mit dem Schlüssel „question“.',
    );
    expectRefused(addActionInput(createProcessDefinition(), 'review', 'ask', { ...NOTE, key: 'a.b' }));
    expectRefused(addActionInput(createProcessDefinition(), 'review', 'ask', NOTE, 3));
    expectRefused(addActionInput(createProcessDefinition(), 'review', 'nope', NOTE));
  });
});

describe('updateActionInput', () => {
  it('changes an input but not its key', () => {
    const changed = expectEdited(
      updateActionInput(createProcessDefinition(), 'review', 'ask', 'question', {
        maxLength: 500,
        required: undefined,
        ...({ key: 'other' } as object),
      }),
    );
    expect(actionOf(changed, 'review', 'ask').inputs?.[0]).toEqual({ key: 'question', type: 'text', label: { de: 'Frage' }, maxLength: 500 });
  });

  it('refuses to make the input that sets a deadline anything but a date', () => {
    const message = expectRefused(updateActionInput(createProcessDefinition(), 'review', 'ask', 'replyBy', { type: 'text' }));
    expect(message.de).toContain('die Frist „replyDeadline“ im Status „Wartet“');
  });

  it('refuses an unknown input', () => {
    expect(expectRefused(updateActionInput(createProcessDefinition(), 'review', 'ask', 'nope', {})).de).toBe(
      'Die Aktion „Nachfragen“ hat keine Eingabe „nope“.',
    );
  });
});

describe('renameActionInputKey', () => {
  it('updates the deadline it sets and the placeholders of the letter the action issues', () => {
    const definition = createProcessDefinition();
    const changed = expectEdited(renameActionInputKey(definition, 'review', 'ask', 'replyBy', 'answerUntil'));
    expect(inputKeys(changed, 'review', 'ask')).toEqual(['question', 'answerUntil']);
    expect(stateOf(changed, 'waiting').deadlines?.[0]?.setBy).toBe('answerUntil');
    // Whitespace inside the braces is kept.
    expect(changed.documents[1]?.body?.de).toBe('{{action.question}} Bitte antworten Sie bis zum {{ action.answerUntil }}.');
    expect(checkDefinition(changed)).toEqual([]);
    expect(stateOf(definition, 'waiting').deadlines?.[0]?.setBy).toBe('replyBy');
  });

  it('updates the placeholder in the decision notice of the state the action leads into', () => {
    const changed = expectEdited(renameActionInputKey(createProcessDefinition(), 'review', 'reject', 'reason', 'grounds'));
    expect(changed.documents[3]?.reasoning?.de).toBe('{{action.grounds}}');
    expect(checkDefinition(changed)).toEqual([]);
  });

  it('leaves templates the action does not issue alone', () => {
    const definition = createProcessDefinition();
    const documents = definition.documents.map((t) => (t.id === 'receipt' ? { ...t, body: { de: '{{action.question}}' } } : t));
    const changed = expectEdited(renameActionInputKey({ ...definition, documents }, 'review', 'ask', 'question', 'query'));
    expect(changed.documents[0]?.body?.de).toBe('{{action.question}}');
    expect(changed.documents[1]?.body?.de).toContain('{{action.query}}');
  });

  it('renames Hundeanmeldung’s answerBy in the deadline and the letter, in every language', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(renameActionInputKey(definition, 'inReview', 'requestInformation', 'answerBy', 'replyBy'));
    expect(stateOf(changed, 'awaitingApplicant').deadlines?.[0]?.setBy).toBe('replyBy');
    const letter = changed.documents.find((t) => t.id === 'informationRequest');
    expect(letter?.body?.de).toContain('Bitte antworten Sie bis zum {{action.replyBy}}.');
    expect(letter?.body?.en).toContain('Please reply by {{action.replyBy}}.');
    expect(JSON.stringify(changed)).not.toContain('answerBy');
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('refuses while another action leading into the same state shares the deadline’s input', () => {
    const definition = expectEdited(
      addAction(createProcessDefinition(), 'review', {
        id: 'askAgain',
        label: { de: 'Erneut nachfragen' },
        target: 'waiting',
        roles: ['clerk'],
        inputs: [{ key: 'replyBy', type: 'date', label: { de: 'Bis' } }],
      }),
    );
    const message = expectRefused(renameActionInputKey(definition, 'review', 'ask', 'replyBy', 'until'));
    expect(message.de).toBe(
      'Die Eingabe „replyBy“ kann nicht umbenannt werden, weil eine Frist oder Vorlage sie auch bei der Aktion „Erneut nachfragen“ im Status „Prüfung“ liest; umbenannt passte sie nur noch zu einer dieser Aktionen.',
    );
  });

  it('refuses while another action issuing the same letter asks for the printed input', () => {
    const definition = expectEdited(
      addAction(createProcessDefinition(), 'waiting', {
        id: 'remind',
        label: { de: 'Erinnern' },
        target: 'waiting',
        roles: ['clerk'],
        inputs: [{ key: 'question', type: 'text', label: { de: 'Frage' } }],
        effects: [{ type: 'issueDocument', template: 'request' }],
      }),
    );
    expect(expectRefused(renameActionInputKey(definition, 'review', 'ask', 'question', 'query')).de).toContain('„Erinnern“');
  });

  it('keeps the definition for the same key, and refuses taken, invalid and unknown keys', () => {
    const definition = createProcessDefinition();
    expect(expectEdited(renameActionInputKey(definition, 'review', 'ask', 'replyBy', 'replyBy'))).toBe(definition);
    expectRefused(renameActionInputKey(definition, 'review', 'ask', 'replyBy', 'question'));
    expectRefused(renameActionInputKey(definition, 'review', 'ask', 'replyBy', '9'));
    expectRefused(renameActionInputKey(definition, 'review', 'ask', 'nope', 'x'));
  });
});

describe('moveActionInput', () => {
  it('moves an input within its action', () => {
    expect(inputKeys(expectEdited(moveActionInput(createProcessDefinition(), 'review', 'ask', 'replyBy', 0)), 'review', 'ask')).toEqual([
      'replyBy',
      'question',
    ]);
  });

  it('refuses a position outside the list', () => {
    expectRefused(moveActionInput(createProcessDefinition(), 'review', 'ask', 'replyBy', 2));
  });
});

describe('deleteActionInput', () => {
  it('deletes an input, and the list when it was the last one', () => {
    const definition = expectEdited(addActionInput(createProcessDefinition(), 'review', 'approve', NOTE));
    expect(actionOf(expectEdited(deleteActionInput(definition, 'review', 'approve', 'note')), 'review', 'approve')).not.toHaveProperty(
      'inputs',
    );
  });

  it('refuses while a deadline is set by it', () => {
    expect(expectRefused(deleteActionInput(createProcessDefinition(), 'review', 'ask', 'replyBy')).de).toContain(
      'die Frist „replyDeadline“ im Status „Wartet“ wird mit der Datumseingabe „replyBy“',
    );
  });

  it('refuses while a letter the action issues prints it', () => {
    expect(expectRefused(deleteActionInput(createProcessDefinition(), 'review', 'ask', 'question')).de).toContain(
      'die Vorlage „Nachfrage“ verwendet „{{action.question}}“',
    );
    expect(expectRefused(deleteActionInput(loadHundeanmeldung(), 'inReview', 'reject', 'reason')).en).toContain(
      'the template “Notice of rejection” uses “{{action.reason}}”',
    );
  });

  it('refuses an unknown input', () => {
    expectRefused(deleteActionInput(createProcessDefinition(), 'review', 'ask', 'nope'));
  });
});
