import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { findElement } from './element-paths';
import {
  createSmallDefinition,
  deepFreeze,
  expectRefusal,
  expectSuccess,
  listErrors,
  loadHundeanmeldung,
} from './form-test-fixtures';
import { renameKey } from './rename-key';
import { setMailText } from './applicant-mail-operations';

describe('renameKey on a small definition', () => {
  it('renames a group and every reference to fields inside it', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(renameKey(before, 'address', 'residence'));
    expect(findElement(after, 'residence.city')?.element.key).toBe('city');
    expect(findElement(after, 'address')).toBeUndefined();
    // a requiredIf inside the group, a page condition, a guard (the literal list keeps its values), a template, settings
    expect(findElement(after, 'residence.city')?.element).toMatchObject({ requiredIf: { notEmpty: { var: 'residence.street' } } });
    expect(after.form.pages[1]!.visibleIf).toEqual({ eq: [{ var: 'residence.city' }, 'Köln'] });
    expect(after.process.states[0]!.actions![0]!.guard).toEqual({
      and: [
        { notEmpty: { var: 'residence.city' } },
        { all: ['children', { in: [{ var: 'children.firstName' }, ['address.city', 'children']] }] },
        { ne: [{ var: '$case.reference' }, ''] },
      ],
    });
    expect(after.documents[0]!.addressee).toEqual({
      de: '{{name}}\n{{residence.street}}\n{{ residence.city }}',
      en: '{{name}}\n{{residence.street}}\n{{residence.city}}',
    });
    expect(after.settings.applicant).toEqual({ nameFields: ['name'], emailField: 'residence.email' });
    expect(listErrors(after)).toEqual([]);
    expect(before).toEqual(createSmallDefinition());
  });

  it('renames a repeating group, its each blocks and the placeholders inside them in every language', () => {
    const after = expectSuccess(renameKey(createSmallDefinition(), 'children', 'kids'));
    expect(after.documents[0]!.operative).toEqual({
      de: 'Genehmigt für:\n{{#each kids}}- {{kids.firstName}}\n{{/each}}',
      en: 'Approved for:\n{{#each  kids }}- {{kids.firstName}}\n{{/each}}',
    });
    expect(findElement(after, 'kids.proof')?.element.visibleIf).toEqual({ eq: [{ var: 'kids.disabled' }, true] });
    expect(findElement(after, 'childCount')?.element).toMatchObject({ expression: { count: 'kids' } });
    expect(JSON.stringify(after.process)).not.toContain('children.');
    expect(listErrors(after)).toEqual([]);
  });

  it('renames a field inside a repeating group without touching the group', () => {
    const after = expectSuccess(renameKey(createSmallDefinition(), 'children.firstName', 'givenName'));
    expect(after.documents[0]!.operative!.de).toBe('Genehmigt für:\n{{#each children}}- {{children.givenName}}\n{{/each}}');
    expect(JSON.stringify(after.process)).toContain('{"var":"children.givenName"}');
    expect(listErrors(after)).toEqual([]);
  });

  it('leaves case, organisation and action facts alone', () => {
    const after = expectSuccess(renameKey(createSmallDefinition(), 'name', 'fullName'));
    expect(after.documents[0]!.subject).toEqual({ de: 'Az. {{case.reference}}', en: 'Ref. {{case.reference}}' });
    expect(after.documents[0]!.authority).toEqual({ de: '{{organisation.name}}', en: '{{organisation.name}}' });
    expect(after.documents[0]!.addressee!.de.startsWith('{{fullName}}\n')).toBe(true);
    expect(after.settings.applicant!.nameFields).toEqual(['fullName']);
  });

  it('renames static texts too', () => {
    const after = expectSuccess(renameKey(createSmallDefinition(), 'intro', 'welcome'));
    expect(findElement(after, 'welcome')?.element.type).toBe('staticText');
  });

  it('returns the definition unchanged for the same key', () => {
    const definition = createSmallDefinition();
    expect(expectSuccess(renameKey(definition, 'address.city', 'city'))).toBe(definition);
  });

  it('allows a key that is used in another scope', () => {
    const after = expectSuccess(renameKey(createSmallDefinition(), 'address.city', 'name'));
    expect(findElement(after, 'address.name')?.element).toMatchObject({ label: { de: 'Ort', en: 'Town' } });
  });
});

describe('renameKey refuses', () => {
  const definition = createSmallDefinition();

  it('a malformed key', () => {
    for (const key of ['', '1st', 'straße', 'a.b', 'with space', 'x'.repeat(64)]) {
      const message = expectRefusal(renameKey(definition, 'name', key));
      expect(message.de).toContain(`„${key}“ ist als Schlüssel nicht möglich`);
      expect(message.en).toContain('cannot be used as a key');
    }
  });

  it('a key taken by a sibling, naming both by their German label', () => {
    const message = expectRefusal(renameKey(definition, 'address.city', 'street'));
    expect(message.de).toBe(
      'Feld „Ort“ kann den Schlüssel „street“ nicht bekommen: Er ist in Gruppe „Anschrift“ schon an Feld „Straße“ vergeben. Bitte wählen Sie einen anderen Schlüssel.',
    );
    expect(message.en).toBe(
      'Field "Town" cannot get the key "street": it is already used in group "Address" by field "Street". Please choose another key.',
    );
  });

  it('a key taken on the top level of another page (pages share the root scope)', () => {
    const message = expectRefusal(renameKey(definition, 'hasChildren', 'address'));
    expect(message.de).toContain('auf der obersten Ebene des Formulars');
    expect(message.de).toContain('Gruppe „Anschrift“');
  });

  it('an unknown element', () => {
    expect(expectRefusal(renameKey(definition, 'address.country', 'land')).de).toBe(
      'Das Element „address.country“ gibt es im Formular nicht.',
    );
  });
});

describe('renameKey on the Hundeanmeldung', () => {
  /** The example with a guard that reads the holder, so that renaming the holder reaches every kind of reference. */
  function createWithHolderGuard(): ServiceDefinition {
    const definition = structuredClone(loadHundeanmeldung());
    const approve = definition.process.states.flatMap((state) => state.actions ?? []).find((action) => action.id === 'approve')!;
    approve.guard = { and: [approve.guard!, { gte: [{ age: [{ var: 'holder.birthDate' }] }, 18] }] };
    return deepFreeze(definition);
  }

  it('renames holder to owner in templates, settings and guards, and the definition stays without errors', () => {
    const before = createWithHolderGuard();
    expect(listErrors(before)).toEqual([]);
    const after = expectSuccess(renameKey(before, 'holder', 'owner'));
    const text = JSON.stringify(after);
    expect(text).not.toMatch(/\{\{\s*holder\./);
    expect(text).not.toContain('"holder.');
    expect(after.documents.find((d) => d.id === 'approvalNotice')!.addressee!.de).toBe(
      '{{owner.firstName}} {{owner.lastName}}\n{{owner.street}} {{owner.houseNumber}}\n{{owner.postalCode}} {{owner.city}}',
    );
    expect(after.settings.applicant).toEqual({ nameFields: ['owner.firstName', 'owner.lastName'], emailField: 'owner.email' });
    expect(text).toContain('{"age":[{"var":"owner.birthDate"}]}');
    expect(listErrors(after)).toEqual([]);
  });

  it("renames holder in the applicant's e-mails, leaving the mail facts alone", () => {
    let before = expectSuccess(setMailText(loadHundeanmeldung(), 'received', 'subject', 'de', 'Eingang für {{ holder.lastName }} – {{case.reference}}'));
    before = expectSuccess(setMailText(before, 'reminder', 'body', 'en', 'Dear {{holder.firstName}}, {{message}} {{case.deadline}} {{case.statusLink}}'));
    const after = expectSuccess(renameKey(before, 'holder', 'owner'));
    expect(after.settings.notifications?.received?.subject?.de).toBe('Eingang für {{ owner.lastName }} – {{case.reference}}');
    expect(after.settings.notifications?.reminder?.body?.en).toBe('Dear {{owner.firstName}}, {{message}} {{case.deadline}} {{case.statusLink}}');
    expect(after.settings.notifications?.reminder?.body?.de).toBe(before.settings.notifications?.reminder?.body?.de);
    expect(listErrors(after)).toEqual([]);
  });

  it('renames dogs in conditions, the calculation, the guard and each blocks, and the definition stays without errors', () => {
    const before = loadHundeanmeldung();
    const after = expectSuccess(renameKey(before, 'dogs', 'hunde'));
    const text = JSON.stringify(after);
    expect(text).not.toContain('"var":"dogs.');
    expect(text).not.toMatch(/\{\{(#each )?dogs/);
    expect(findElement(after, 'hunde.breedOther')?.element).toMatchObject({
      visibleIf: { eq: [{ var: 'hunde.breed' }, 'other'] },
      requiredIf: { eq: [{ var: 'hunde.breed' }, 'other'] },
    });
    expect(findElement(after, 'annualTax')?.element).toMatchObject({
      expression: { sum: ['hunde', { if: [{ eq: [{ var: 'hunde.listedBreed' }, true] }, 600, 120] }] },
    });
    expect(JSON.stringify(after.process)).toContain('"all":["hunde",');
    expect(after.documents[0]!.body!.en).toContain('{{#each hunde}}- {{hunde.name}} ({{hunde.breed}}), chip {{hunde.chipNumber}}\n{{/each}}');
    expect(listErrors(after)).toEqual([]);
    expect(JSON.stringify(renameKey(after, 'hunde', 'dogs'))).toBe(JSON.stringify({ ok: true, definition: before }));
  });
});
