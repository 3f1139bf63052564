import { describe, expect, it } from 'vitest';
import { checkDefinition, type DocumentTemplate, type ServiceDefinition } from '@amtsweg/definitions';
import { addTemplate, updateTemplate } from '@amtsweg/editor';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { changeTemplateKind, changeTemplateText, createTemplate, insertAtCursor, listTemplateParts } from './template-defaults';

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

describe('new templates', () => {
  it('gives a new decision notice every part a notice needs, so the schema accepts it', () => {
    const definition = example();
    const template = createTemplate(definition, 'decision', 'Genehmigungsbescheid');
    expect(template.id).toBe('genehmigungsbescheid');
    expect(template.authority?.de).toBe('{{organisation.name}}\n{{organisation.address}}');
    expect(template.subject?.de).toContain('{{case.reference}}');
    expect(template.legalRemedy?.de).toContain('Widerspruch');
    expect(template.addressee?.de).toBe('{{holder.firstName}} {{holder.lastName}}');
    expect(template.subject?.en).toContain('ref. {{case.reference}}');
    const result = addTemplate(definition, template);
    if (!result.ok) throw new Error(result.message.de);
    const problems = checkDefinition(result.definition).filter((d) => d.path.startsWith(`/documents/${result.definition.documents.length - 1}`));
    // Only the operative part and the reasoning are left for the clerk (and their translations).
    expect(problems.map((d) => d.path).sort()).toEqual(
      ['/documents/5/operative/de', '/documents/5/operative/en', '/documents/5/reasoning/de', '/documents/5/reasoning/en', '/documents/5/title/en'].sort(),
    );
  });

  it('gives a receipt and a letter a text, and all kinds pass the schema', () => {
    for (const kind of ['receipt', 'letter'] as const) {
      const definition = example();
      const template = createTemplate(definition, kind, 'Mitteilung');
      expect(template.body?.de).toContain('{{case.serviceTitle}}');
      const result = addTemplate(definition, template);
      if (!result.ok) throw new Error(result.message.de);
      expect(checkDefinition(result.definition).filter((d) => d.code === 'SCHEMA_INVALID')).toEqual([]);
    }
  });

  it('adds what a letter turned into a notice lacks, keeping its texts', () => {
    const definition = example();
    const letter = definition.documents.find((template) => template.id === 'informationRequest')!;
    const changes = changeTemplateKind(definition, letter, 'decision');
    const result = updateTemplate(definition, letter.id, changes);
    if (!result.ok) throw new Error(result.message.de);
    const changed = result.definition.documents.find((template) => template.id === 'informationRequest')!;
    expect(changed.kind).toBe('decision');
    expect(changed.body).toEqual(letter.body);
    expect(changed.signature?.mode).toBe('automatic');
    expect(checkDefinition(result.definition).filter((d) => d.code === 'SCHEMA_INVALID')).toEqual([]);
    expect(listTemplateParts(changed)).toEqual(['authority', 'addressee', 'subject', 'operative', 'reasoning', 'legalRemedy', 'body']);
  });
});

describe('typing into a template', () => {
  const letter: DocumentTemplate = { id: 'l', kind: 'letter', title: { de: 'Brief' }, body: { de: 'Text', en: 'Text' }, subject: { de: 'Betreff' } };

  it('sets a language, removes an emptied translation, keeps a needed German text empty', () => {
    expect(changeTemplateText(letter, 'body', 'de', 'Neu')).toEqual({ texts: { body: { de: 'Neu' } } });
    expect(changeTemplateText(letter, 'body', 'en', '')).toEqual({ texts: { body: { en: null } } });
    expect(changeTemplateText(letter, 'body', 'de', '')).toEqual({ texts: { body: { de: '' } } });
  });

  it('removes a part the letter does not need once its German text is emptied', () => {
    expect(changeTemplateText(letter, 'subject', 'de', '')).toEqual({ texts: { subject: null } });
  });

  it('inserts a placeholder at the cursor or in place of the selection', () => {
    expect(insertAtCursor('Az. ', 4, 4, '{{case.reference}}')).toEqual({ text: 'Az. {{case.reference}}', cursor: 22 });
    expect(insertAtCursor('Hallo NAME!', 6, 10, '{{holder.lastName}}')).toEqual({ text: 'Hallo {{holder.lastName}}!', cursor: 25 });
    expect(insertAtCursor('', 5, 9, 'x')).toEqual({ text: 'x', cursor: 1 });
  });
});
