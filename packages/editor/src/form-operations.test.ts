import { describe, expect, it } from 'vitest';
import type { FormElement, GroupElement } from '@amtsweg/definitions';
import { findElement, listFormElements, type ElementPlace } from './element-paths';
import {
  createSmallDefinition,
  expectRefusal,
  expectSuccess,
  listErrors,
  loadHundeanmeldung,
} from './form-test-fixtures';
import { addElement, deleteElement, moveElement, updateElement } from './form-operations';

const phone: FormElement = { type: 'phone', key: 'phone', label: { de: 'Telefon', en: 'Phone' } };

const keysIn = (definition: Parameters<typeof listFormElements>[0], parent: string): string[] => {
  const element = findElement(definition, parent)?.element as GroupElement;
  return element.elements.map((child) => child.key);
};

describe('addElement', () => {
  it('puts a field at a place inside a group', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(addElement(before, { page: 'personPage', parent: 'address', index: 1 }, phone));
    expect(keysIn(after, 'address')).toEqual(['street', 'phone', 'city', 'email']);
    expect(findElement(after, 'address.phone')?.element).toEqual(phone);
    expect(listErrors(after)).toEqual([]);
    expect(before).toEqual(createSmallDefinition());
  });

  it('puts a group with its contents at the end of a page, as a copy of what it was given', () => {
    const group: GroupElement = {
      type: 'group',
      key: 'bank',
      label: { de: 'Bankverbindung', en: 'Bank account' },
      elements: [
        { type: 'iban', key: 'iban', label: { de: 'IBAN', en: 'IBAN' } },
        { type: 'text', key: 'holder', label: { de: 'Kontoinhaber', en: 'Account holder' } },
      ],
    };
    const after = expectSuccess(addElement(createSmallDefinition(), { page: 'childrenPage', index: 3 }, group));
    expect(after.form.pages[1]!.elements.map((e) => e.key)).toEqual(['hasChildren', 'children', 'childCount', 'bank']);
    group.label.de = 'geändert';
    expect(findElement(after, 'bank')?.element).toMatchObject({ label: { de: 'Bankverbindung', en: 'Bank account' } });
    expect(findElement(after, 'bank.holder')?.place).toEqual({ page: 'childrenPage', parent: 'bank', index: 1 });
  });

  const refusals: [string, ElementPlace, FormElement, string][] = [
    ['a key used on another page', { page: 'childrenPage', index: 0 }, { ...phone, key: 'name' }, 'schon an Feld „Name“ vergeben'],
    ['a key used in the group', { page: 'personPage', parent: 'address', index: 0 }, { ...phone, key: 'city' }, 'in Gruppe „Anschrift“ schon an Feld „Ort“'],
    ['a malformed key', { page: 'personPage', index: 0 }, { ...phone, key: 'tel-nr' }, '„tel-nr“ ist als Schlüssel nicht möglich'],
    [
      'a group with two children of the same key',
      { page: 'personPage', index: 0 },
      { type: 'group', key: 'g', label: { de: 'G' }, elements: [phone, { ...phone, label: { de: 'Handy' } }] },
      'Feld „Handy“ kann den Schlüssel „phone“ nicht bekommen',
    ],
    [
      'a group with a malformed key inside',
      { page: 'personPage', index: 0 },
      { type: 'group', key: 'g', label: { de: 'G' }, elements: [{ ...phone, key: '2nd' }] },
      '„2nd“ ist als Schlüssel nicht möglich',
    ],
    ['an unknown page', { page: 'nowhere', index: 0 }, phone, 'Die Seite „nowhere“ gibt es nicht.'],
    ['an unknown group', { page: 'personPage', parent: 'contact', index: 0 }, phone, 'Das Element „contact“ gibt es im Formular nicht.'],
    ['a field as group', { page: 'personPage', parent: 'name', index: 0 }, phone, 'Feld „Name“ ist keine Gruppe'],
    ['a group on another page', { page: 'childrenPage', parent: 'address', index: 0 }, phone, 'liegt nicht auf der Seite „Kinder“'],
    ['a position after the end', { page: 'personPage', parent: 'address', index: 4 }, phone, 'möglich ist 0 bis 3'],
    ['a negative position', { page: 'personPage', index: -1 }, phone, 'Die Position -1 gibt es hier nicht'],
    ['a fractional position', { page: 'personPage', index: 0.5 }, phone, 'Die Position 0.5 gibt es hier nicht'],
  ];

  it.each(refusals)('refuses %s', (_, place, element, german) => {
    const message = expectRefusal(addElement(createSmallDefinition(), place, element));
    expect(message.de).toContain(german);
    expect(message.en).not.toBe('');
  });
});

describe('updateElement', () => {
  it('changes properties and removes those set to undefined, keeping the rest', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(
      updateElement(before, 'address.city', { label: { de: 'Wohnort', en: 'Town of residence' }, required: true, requiredIf: undefined }),
    );
    expect(findElement(after, 'address.city')?.element).toEqual({
      type: 'text',
      key: 'city',
      label: { de: 'Wohnort', en: 'Town of residence' },
      required: true,
    });
    expect(after.form.pages[1]).toBe(before.form.pages[1]);
    expect(before).toEqual(createSmallDefinition());
  });

  it('changes the type of a field and the label of a group, keeping its elements', () => {
    const definition = createSmallDefinition();
    expect(findElement(expectSuccess(updateElement(definition, 'name', { type: 'textarea' })), 'name')?.element.type).toBe('textarea');
    const relabelled = expectSuccess(updateElement(definition, 'children', { label: { de: 'Ihre Kinder' }, maxItems: 8 }));
    expect(findElement(relabelled, 'children')?.element).toMatchObject({ label: { de: 'Ihre Kinder' }, maxItems: 8 });
    expect(keysIn(relabelled, 'children')).toEqual(['firstName', 'disabled', 'proof']);
  });

  it('refuses to change the key, pointing to renaming', () => {
    const changes = { key: 'town' } as unknown as Parameters<typeof updateElement>[2];
    expect(expectRefusal(updateElement(createSmallDefinition(), 'address.city', changes)).de).toContain('„Schlüssel umbenennen“');
  });

  it('refuses to replace the elements of a group', () => {
    const changes = { elements: [] } as unknown as Parameters<typeof updateElement>[2];
    expect(expectRefusal(updateElement(createSmallDefinition(), 'address', changes)).de).toBe(
      'Die Elemente in Gruppe „Anschrift“ werden einzeln hinzugefügt, verschoben und gelöscht.',
    );
  });

  it('refuses to turn a group into a field or a field into a group', () => {
    expect(expectRefusal(updateElement(createSmallDefinition(), 'address', { type: 'text' })).de).toContain('Gruppe „Anschrift“ kann nicht');
    expect(expectRefusal(updateElement(createSmallDefinition(), 'name', { type: 'repeat' })).de).toContain('Feld „Name“ kann nicht');
  });

  it('refuses an unknown element', () => {
    expect(expectRefusal(updateElement(createSmallDefinition(), 'nickname', { required: true })).en).toBe(
      'There is no element "nickname" in the form.',
    );
  });
});

describe('deleteElement', () => {
  it('removes a field from a repeating group', () => {
    const after = expectSuccess(deleteElement(createSmallDefinition(), 'children.disabled'));
    expect(keysIn(after, 'children')).toEqual(['firstName', 'proof']);
  });

  it('removes a group with its contents and leaves references for the checks to report', () => {
    const after = expectSuccess(deleteElement(createSmallDefinition(), 'address'));
    expect(listFormElements(after).some((e) => e.path.startsWith('address'))).toBe(false);
    const errors = listErrors(after);
    expect(errors.some((e) => e.startsWith('UNKNOWN_FIELD /form/pages/1/visibleIf'))).toBe(true);
    expect(errors.some((e) => e.startsWith('UNKNOWN_PLACEHOLDER /documents/0/addressee/de'))).toBe(true);
  });

  it('refuses an unknown element', () => {
    expectRefusal(deleteElement(createSmallDefinition(), 'address.country'));
  });
});

describe('moveElement', () => {
  it('reorders within a list; the index is the position afterwards', () => {
    const definition = createSmallDefinition();
    expect(keysIn(expectSuccess(moveElement(definition, 'address.email', { page: 'personPage', parent: 'address', index: 0 })), 'address')).toEqual([
      'email',
      'street',
      'city',
    ]);
    expect(keysIn(expectSuccess(moveElement(definition, 'address.street', { page: 'personPage', parent: 'address', index: 2 })), 'address')).toEqual([
      'city',
      'email',
      'street',
    ]);
  });

  it('moves to another page without changing the data path', () => {
    const before = createSmallDefinition();
    const after = expectSuccess(moveElement(before, 'name', { page: 'childrenPage', index: 0 }));
    expect(after.form.pages[0]!.elements.map((e) => e.key)).toEqual(['intro', 'address']);
    expect(after.form.pages[1]!.elements.map((e) => e.key)).toEqual(['name', 'hasChildren', 'children', 'childCount']);
    expect(after.documents).toBe(before.documents);
    expect(after.settings).toBe(before.settings);
  });

  it('moves into a group and updates references to the new path', () => {
    const after = expectSuccess(moveElement(createSmallDefinition(), 'name', { page: 'personPage', parent: 'address', index: 0 }));
    expect(findElement(after, 'address.name')?.place).toEqual({ page: 'personPage', parent: 'address', index: 0 });
    expect(after.settings.applicant!.nameFields).toEqual(['address.name']);
    expect(after.documents[0]!.addressee!.de.startsWith('{{address.name}}\n')).toBe(true);
    expect(listErrors(after)).toEqual([]);
  });

  it('moves out of a group to another page and updates conditions, guards and templates', () => {
    const after = expectSuccess(moveElement(createSmallDefinition(), 'address.city', { page: 'childrenPage', index: 0 }));
    expect(findElement(after, 'city')?.element).toMatchObject({ requiredIf: { notEmpty: { var: 'address.street' } } });
    expect(after.form.pages[1]!.visibleIf).toEqual({ eq: [{ var: 'city' }, 'Köln'] });
    expect(JSON.stringify(after.process)).toContain('{"notEmpty":{"var":"city"}}');
    expect(after.documents[0]!.addressee!.de).toBe('{{name}}\n{{address.street}}\n{{ city }}');
    expect(listErrors(after)).toEqual([]);
  });

  it('moves a group with its contents into a repeating group, updating paths below it', () => {
    const after = expectSuccess(moveElement(createSmallDefinition(), 'address', { page: 'childrenPage', parent: 'children', index: 3 }));
    expect(findElement(after, 'children.address.city')?.element).toMatchObject({
      requiredIf: { notEmpty: { var: 'children.address.street' } },
    });
    // The page condition now reads a field of each child: the checks report it as out of scope.
    expect(listErrors(after).some((e) => e.startsWith('FIELD_OUT_OF_SCOPE /form/pages/1/visibleIf'))).toBe(true);
  });

  it('moves a Hundeanmeldung field into the repeating group and back to exactly the start', () => {
    const before = loadHundeanmeldung();
    const inside = expectSuccess(moveElement(before, 'sepaMandate', { page: 'dogsPage', parent: 'dogs', index: 0 }));
    expect(findElement(inside, 'accountHolder')?.element.visibleIf).toEqual({ eq: [{ var: 'dogs.sepaMandate' }, true] });
    // The conditions outside the group can no longer read one dog's answer.
    expect(listErrors(inside).filter((e) => e.startsWith('FIELD_OUT_OF_SCOPE')).length).toBeGreaterThan(0);
    const back = expectSuccess(moveElement(inside, 'dogs.sepaMandate', { page: 'paymentPage', index: 0 }));
    expect(back).toEqual(before);
    expect(listErrors(back)).toEqual([]);
  });

  it('moves a field out of the Hundeanmeldung repeating group and back', () => {
    const before = loadHundeanmeldung();
    const outside = expectSuccess(moveElement(before, 'dogs.listedBreed', { page: 'dogsPage', index: 0 }));
    expect(findElement(outside, 'annualTax')?.element).toMatchObject({
      expression: { sum: ['dogs', { if: [{ eq: [{ var: 'listedBreed' }, true] }, 600, 120] }] },
    });
    expect(JSON.stringify(outside.process)).toContain('{"var":"listedBreed"}');
    expect(listErrors(outside)).toEqual([]);
    const back = expectSuccess(moveElement(outside, 'listedBreed', { page: 'dogsPage', parent: 'dogs', index: 3 }));
    expect(back).toEqual(before);
  });

  it('refuses to move a group into itself or into a group inside it', () => {
    const inner: GroupElement = { type: 'group', key: 'inner', label: { de: 'Innen' }, elements: [] };
    const definition = expectSuccess(addElement(createSmallDefinition(), { page: 'personPage', parent: 'address', index: 0 }, inner));
    expect(expectRefusal(moveElement(definition, 'address', { page: 'personPage', parent: 'address', index: 0 })).de).toBe(
      'Gruppe „Anschrift“ kann nicht in sich selbst verschoben werden.',
    );
    expect(expectRefusal(moveElement(definition, 'address', { page: 'personPage', parent: 'address.inner', index: 0 })).de).toBe(
      'Gruppe „Anschrift“ kann nicht in eine Gruppe verschoben werden, die in ihr selbst liegt.',
    );
  });

  it('refuses a move onto a key already used in the target scope', () => {
    const message = expectRefusal(moveElement(loadHundeanmeldung(), 'holder.birthDate', { page: 'dogsPage', parent: 'dogs', index: 0 }));
    expect(message.de).toBe(
      'Feld „Geburtsdatum“ kann den Schlüssel „birthDate“ nicht bekommen: Er ist in wiederholbarer Gruppe „Ihre Hunde“ schon an Feld „Geburtsdatum des Hundes“ vergeben. Bitte wählen Sie einen anderen Schlüssel.',
    );
  });

  const refusals: [string, string, ElementPlace, string][] = [
    ['an unknown element', 'address.country', { page: 'personPage', index: 0 }, 'Das Element „address.country“ gibt es im Formular nicht.'],
    ['an unknown page', 'name', { page: 'lastPage', index: 0 }, 'Die Seite „lastPage“ gibt es nicht.'],
    ['a field as target group', 'name', { page: 'childrenPage', parent: 'hasChildren', index: 0 }, 'ist keine Gruppe'],
    ['a position after the end of its own list', 'address.city', { page: 'personPage', parent: 'address', index: 3 }, 'möglich ist 0 bis 2'],
  ];

  it.each(refusals)('refuses %s', (_, path, place, german) => {
    expect(expectRefusal(moveElement(createSmallDefinition(), path, place)).de).toContain(german);
  });
});
