import { describe, expect, it } from 'vitest';
import { setMailText } from './applicant-mail-operations';
import { findUsages } from './find-usages';
import { createSmallDefinition, loadHundeanmeldung } from './form-test-fixtures';

describe('findUsages', () => {
  const definition = createSmallDefinition();

  it('lists every place reading a group or anything inside it, in definition order', () => {
    expect(findUsages(definition, 'address')).toEqual([
      {
        pointer: '/form/pages/0/elements/2/elements/1/requiredIf',
        kind: 'condition',
        label: { de: 'Bedingung für die Pflichtangabe von Feld „Ort“', en: 'Condition making field "Town" required' },
        paths: ['address.street'],
      },
      {
        pointer: '/form/pages/1/visibleIf',
        kind: 'condition',
        label: { de: 'Sichtbarkeit von Seite „Kinder“', en: 'Visibility of page "Children"' },
        paths: ['address.city'],
      },
      {
        pointer: '/process/states/0/actions/0/guard',
        kind: 'guard',
        label: {
          de: 'Bedingung der Aktion „Genehmigen“ im Status „Prüfung“',
          en: 'Condition of the action "Approve" in the state "Review"',
        },
        paths: ['address.city'],
      },
      {
        pointer: '/documents/0/addressee/de',
        kind: 'template',
        label: { de: 'Vorlage „Bescheid“, Anschrift (de)', en: 'Template "Notice", address (de)' },
        paths: ['address.street', 'address.city'],
      },
      {
        pointer: '/documents/0/addressee/en',
        kind: 'template',
        label: { de: 'Vorlage „Bescheid“, Anschrift (en)', en: 'Template "Notice", address (en)' },
        paths: ['address.street', 'address.city'],
      },
      {
        pointer: '/settings/applicant/emailField',
        kind: 'applicant',
        label: { de: 'E-Mail-Adresse der antragstellenden Person (Einstellungen)', en: "Applicant's email address (settings)" },
        paths: ['address.email'],
      },
    ]);
  });

  it('finds a repeating group in aggregates, conditions of its fields, guards and each blocks', () => {
    const usages = findUsages(definition, 'children');
    expect(usages.map((u) => [u.pointer, u.kind])).toEqual([
      ['/form/pages/1/elements/1/elements/2/visibleIf', 'condition'],
      ['/form/pages/1/elements/2/expression', 'calculation'],
      ['/process/states/0/actions/0/guard', 'guard'],
      ['/documents/0/operative/de', 'template'],
      ['/documents/0/operative/en', 'template'],
    ]);
    expect(usages[1]!.label.de).toBe('Berechnung von Feld „Anzahl der Kinder“');
    expect(usages[2]!.paths).toEqual(['children', 'children.firstName']);
  });

  it('names the element whose visibility depends on the field', () => {
    expect(findUsages(definition, 'hasChildren')).toEqual([
      {
        pointer: '/form/pages/1/elements/1/visibleIf',
        kind: 'condition',
        label: { de: 'Sichtbarkeit von wiederholbarer Gruppe „Kinder“', en: 'Visibility of repeating group "Children"' },
        paths: ['hasChildren'],
      },
    ]);
  });

  it('finds the applicant name in the settings', () => {
    expect(findUsages(definition, 'name').map((u) => u.pointer)).toEqual([
      '/documents/0/addressee/de',
      '/documents/0/addressee/en',
      '/settings/applicant/nameFields/0',
    ]);
  });

  it('does not take facts or fields that merely start alike for usages', () => {
    expect(findUsages(definition, 'case')).toEqual([]);
    expect(findUsages(definition, 'organisation')).toEqual([]);
    expect(findUsages(definition, 'address.cit')).toEqual([]);
    expect(findUsages(definition, 'intro')).toEqual([]);
  });

  it('finds every reader of the listed breed in the Hundeanmeldung', () => {
    expect(findUsages(loadHundeanmeldung(), 'dogs.listedBreed').map((u) => `${u.kind}: ${u.label.de}`)).toEqual([
      'condition: Sichtbarkeit von Feld „Negativzeugnis oder Wesenstest“',
      'condition: Bedingung für die Pflichtangabe von Feld „Negativzeugnis oder Wesenstest“',
      'calculation: Berechnung von Feld „Voraussichtliche Hundesteuer pro Jahr (EUR)“',
      'guard: Bedingung der Aktion „Anmeldung bestätigen“ im Status „In Prüfung“',
    ]);
  });

  it("finds fields named in the applicant's e-mails, but not the mail facts", () => {
    const result = setMailText(loadHundeanmeldung(), 'received', 'subject', 'de', 'Eingang für {{holder.lastName}} – {{case.reference}} {{message}}');
    if (!result.ok) throw new Error(result.message.de);
    expect(findUsages(result.definition, 'holder.lastName').filter((u) => u.kind === 'mail')).toEqual([
      {
        pointer: '/settings/notifications/received/subject/de',
        kind: 'mail',
        label: { de: 'E-Mail „Eingang des Antrags“, Betreff (de)', en: 'E-mail "application received", subject (de)' },
        paths: ['holder.lastName'],
      },
    ]);
    expect(findUsages(result.definition, 'message')).toEqual([]);
  });

  it('finds the holder in every letter of the Hundeanmeldung', () => {
    const usages = findUsages(loadHundeanmeldung(), 'holder');
    expect(usages.filter((u) => u.kind === 'template')).toHaveLength(2 * 2 + 2 * 3);
    expect(usages.filter((u) => u.kind === 'applicant').map((u) => u.pointer)).toEqual([
      '/settings/applicant/nameFields/0',
      '/settings/applicant/nameFields/1',
      '/settings/applicant/emailField',
    ]);
  });
});
