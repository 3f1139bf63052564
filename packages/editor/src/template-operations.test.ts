import { checkDefinition, type DocumentTemplate } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, actionOf, stateOf } from './process-test-fixtures';
import { addTemplate, deleteTemplate, moveTemplate, renameTemplateId, updateTemplate } from './template-operations';

const REMINDER: DocumentTemplate = { id: 'reminder', kind: 'letter', title: { de: 'Erinnerung' }, body: { de: 'Bitte antworten Sie.' } };

const templateIds = (definition: ReturnType<typeof createProcessDefinition>): string[] => definition.documents.map((t) => t.id);

describe('addTemplate', () => {
  it('appends or inserts a template', () => {
    const definition = createProcessDefinition();
    expect(templateIds(expectEdited(addTemplate(definition, REMINDER)))).toEqual(['receipt', 'request', 'approval', 'rejection', 'reminder']);
    expect(templateIds(expectEdited(addTemplate(definition, REMINDER, 1)))).toEqual(['receipt', 'reminder', 'request', 'approval', 'rejection']);
    expect(definition.documents).toHaveLength(4);
  });

  it('refuses a taken or invalid id and a bad position', () => {
    expect(expectRefused(addTemplate(createProcessDefinition(), { ...REMINDER, id: 'request' })).de).toBe(
      'Es gibt schon eine Vorlage mit der Kennung „request“.',
    );
    expectRefused(addTemplate(createProcessDefinition(), { ...REMINDER, id: 'erinnerung-1' }));
    expectRefused(addTemplate(createProcessDefinition(), REMINDER, 5));
  });
});

describe('updateTemplate', () => {
  it('changes one language of a text part and keeps the others', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(updateTemplate(definition, 'approvalNotice', { texts: { operative: { en: 'Your dog is registered.' } } }));
    const notice = changed.documents.find((t) => t.id === 'approvalNotice');
    const before = definition.documents.find((t) => t.id === 'approvalNotice');
    expect(notice?.operative).toEqual({ de: before?.operative?.de, en: 'Your dog is registered.' });
    expect(before?.operative?.en).not.toBe('Your dog is registered.');
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('adds a part and a translation, removes a translation and a part', () => {
    const definition = createProcessDefinition();
    const added = expectEdited(updateTemplate(definition, 'request', { texts: { subject: { de: 'Rückfrage', en: 'Question' } } }));
    expect(added.documents[1]?.subject).toEqual({ de: 'Rückfrage', en: 'Question' });
    const translationRemoved = expectEdited(updateTemplate(added, 'request', { texts: { subject: { en: null } } }));
    expect(translationRemoved.documents[1]?.subject).toEqual({ de: 'Rückfrage' });
    const partRemoved = expectEdited(updateTemplate(added, 'request', { texts: { subject: null } }));
    expect(partRemoved.documents[1]).not.toHaveProperty('subject');
  });

  it('changes and removes the signature', () => {
    const signed = { mode: 'signed', name: 'Erika Muster', position: { de: 'Sachgebietsleitung' } } as const;
    const changed = expectEdited(updateTemplate(createProcessDefinition(), 'approval', { signature: signed }));
    expect(changed.documents[2]?.signature).toEqual(signed);
    expect(checkDefinition(changed)).toEqual([]);
    expect(expectEdited(updateTemplate(changed, 'request', { signature: null })).documents[1]).not.toHaveProperty('signature');
  });

  it('changes the kind of a template no final state uses', () => {
    expect(expectEdited(updateTemplate(createProcessDefinition(), 'request', { kind: 'receipt' })).documents[1]?.kind).toBe('receipt');
  });

  it('refuses to make a final state’s notice anything but a notice', () => {
    expect(expectRefused(updateTemplate(createProcessDefinition(), 'approval', { kind: 'letter' })).de).toBe(
      'Die Vorlage „Genehmigung“ wird als Bescheid für den Endstatus „Genehmigt“ verwendet und muss deshalb ein Bescheid bleiben.',
    );
  });

  it('refuses to remove the title or the German text alone', () => {
    expect(expectRefused(updateTemplate(createProcessDefinition(), 'request', { texts: { title: null } })).de).toBe(
      'Eine Vorlage braucht einen deutschen Titel.',
    );
    expectRefused(updateTemplate(createProcessDefinition(), 'request', { texts: { title: { de: null } } }));
    const withEnglish = expectEdited(updateTemplate(createProcessDefinition(), 'request', { texts: { body: { en: 'Please reply.' } } }));
    expect(expectRefused(updateTemplate(withEnglish, 'request', { texts: { body: { de: null } } })).de).toContain(
      'Der deutsche Text kann nicht allein entfernt werden',
    );
  });

  it('refuses an unknown template', () => {
    expect(expectRefused(updateTemplate(createProcessDefinition(), 'nope', {})).de).toBe('Die Vorlage „nope“ gibt es nicht.');
  });
});

describe('renameTemplateId', () => {
  it('updates the actions issuing it and the final states using it as their notice', () => {
    const definition = createProcessDefinition();
    const letter = expectEdited(renameTemplateId(definition, 'request', 'nachfrage'));
    expect(actionOf(letter, 'review', 'ask').effects).toEqual([{ type: 'issueDocument', template: 'nachfrage' }]);
    expect(checkDefinition(letter)).toEqual([]);
    const notice = expectEdited(renameTemplateId(definition, 'rejection', 'ablehnung'));
    expect(stateOf(notice, 'rejected').decisionTemplate).toBe('ablehnung');
    expect(checkDefinition(notice)).toEqual([]);
  });

  it('renames every Hundeanmeldung template, and the definition stays clean', () => {
    let definition = loadHundeanmeldung();
    const before = checkDefinition(definition);
    for (const id of ['receipt', 'informationRequest', 'approvalNotice', 'rejectionNotice', 'withdrawalNotice']) {
      definition = expectEdited(renameTemplateId(definition, id, `${id}V2`));
    }
    expect(checkDefinition(definition)).toEqual(before);
    expect(stateOf(definition, 'withdrawn').decisionTemplate).toBe('withdrawalNoticeV2');
  });

  it('keeps the definition for the same id, and refuses taken, invalid and unknown ids', () => {
    const definition = createProcessDefinition();
    expect(expectEdited(renameTemplateId(definition, 'request', 'request'))).toBe(definition);
    expectRefused(renameTemplateId(definition, 'request', 'approval'));
    expectRefused(renameTemplateId(definition, 'request', ''));
    expectRefused(renameTemplateId(definition, 'nope', 'x'));
  });
});

describe('moveTemplate', () => {
  it('moves a template', () => {
    expect(templateIds(expectEdited(moveTemplate(createProcessDefinition(), 'receipt', 3)))).toEqual(['request', 'approval', 'rejection', 'receipt']);
  });

  it('refuses a bad position and an unknown template', () => {
    expectRefused(moveTemplate(createProcessDefinition(), 'receipt', 4));
    expectRefused(moveTemplate(createProcessDefinition(), 'nope', 0));
  });
});

describe('deleteTemplate', () => {
  it('deletes a template nothing names (a receipt is issued without being named)', () => {
    expect(templateIds(expectEdited(deleteTemplate(createProcessDefinition(), 'receipt')))).toEqual(['request', 'approval', 'rejection']);
  });

  it('refuses while an action issues it or a final state uses it, listing them', () => {
    expect(expectRefused(deleteTemplate(createProcessDefinition(), 'request')).de).toBe(
      'Die Vorlage „Nachfrage“ wird noch verwendet und kann nicht gelöscht werden: von der Aktion „Nachfragen“ im Status „Prüfung“.',
    );
    const definition = createProcessDefinition();
    const states = definition.process.states.map((s) =>
      s.id === 'review'
        ? { ...s, actions: s.actions!.map((a) => (a.id === 'approve' ? { ...a, effects: [{ type: 'issueDocument' as const, template: 'approval' }] } : a)) }
        : s,
    );
    const message = expectRefused(deleteTemplate({ ...definition, process: { ...definition.process, states } }, 'approval'));
    expect(message.de).toContain(': als Bescheid für den Endstatus „Genehmigt“ und von der Aktion „Genehmigen“ im Status „Prüfung“.');
    expect(message.en).toContain(': as the notice of the final state “Genehmigt” and by the action “Genehmigen” in the state “Prüfung”.');
  });

  it('refuses an unknown template', () => {
    expectRefused(deleteTemplate(createProcessDefinition(), 'nope'));
  });
});
