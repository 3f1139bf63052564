import { describe, expect, it } from 'vitest';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import type {
  FieldElement,
  FormElement,
  GroupElement,
  ProcessAction,
  ProcessState,
  RepeatElement,
  ServiceDefinition,
} from '@amtsweg/definitions';
import type { DefinitionChange } from './definition-diff';
import { diffDefinitions } from './diff-definitions';

const HUNDE = HUNDEANMELDUNG as ServiceDefinition;
const HUNDE_BREEDS = [
  'mixed',
  'labrador',
  'germanShepherd',
  'dachshund',
  'pitBullTerrier',
  'staffordshireBullTerrier',
  'americanStaffordshireTerrier',
  'bullTerrier',
  'other',
];

/** A copy of the Hundeanmeldung with one edit applied. */
function editHunde(edit: (definition: ServiceDefinition) => void): ServiceDefinition {
  const copy = structuredClone(HUNDE);
  edit(copy);
  return copy;
}

/** The list an element sits in and its position there, found by data path. */
function locate(definition: ServiceDefinition, path: string): { list: FormElement[]; index: number } {
  const keys = path.split('.');
  for (const page of definition.form.pages) {
    let list = page.elements;
    for (const [depth, key] of keys.entries()) {
      const index = list.findIndex((element) => element.key === key);
      const element = list[index];
      if (element === undefined) break;
      if (depth === keys.length - 1) return { list, index };
      if (element.type !== 'group' && element.type !== 'repeat') break;
      list = element.elements;
    }
  }
  throw new Error(`no element at ${path}`);
}

function elementAt<TElement extends FormElement = FormElement>(definition: ServiceDefinition, path: string): TElement {
  const { list, index } = locate(definition, path);
  return list[index] as TElement;
}

function stateOf(definition: ServiceDefinition, id: string): ProcessState {
  const state = definition.process.states.find((candidate) => candidate.id === id);
  if (state === undefined) throw new Error(`no state ${id}`);
  return state;
}

function actionOf(definition: ServiceDefinition, stateId: string, actionId: string): ProcessAction {
  const action = stateOf(definition, stateId).actions?.find((candidate) => candidate.id === actionId);
  if (action === undefined) throw new Error(`no action ${stateId}/${actionId}`);
  return action;
}

/** What a test states about a change: everything but the English summary and the phrases per property. */
interface ChangeOutline extends Omit<DefinitionChange, 'properties' | 'summary'> {
  properties: { property: string; before: unknown; after: unknown }[];
  summary: string;
}

function outline(change: DefinitionChange): ChangeOutline {
  return {
    area: change.area,
    change: change.change,
    id: change.id,
    olderPointer: change.olderPointer,
    newerPointer: change.newerPointer,
    properties: change.properties.map(({ property, before, after }) => ({ property, before, after })),
    summary: change.summary.de,
  };
}

interface SingleChangeCase {
  name: string;
  edit: (definition: ServiceDefinition) => void;
  expected: ChangeOutline;
}

const SINGLE_CHANGES: SingleChangeCase[] = [
  {
    name: 'a field added in a repeating group',
    edit: (definition) => {
      elementAt<RepeatElement>(definition, 'dogs').elements.splice(1, 0, {
        type: 'text',
        key: 'coatColour',
        label: { de: 'Fellfarbe', en: 'Coat colour' },
      });
    },
    expected: {
      area: 'field',
      change: 'added',
      id: 'dogs.coatColour',
      olderPointer: undefined,
      newerPointer: '/form/pages/1/elements/0/elements/1',
      properties: [],
      summary: 'Feld „Fellfarbe“ (dogs.coatColour) hinzugefügt (Seite „Hunde“)',
    },
  },
  {
    name: 'a field removed',
    edit: (definition) => {
      const { list, index } = locate(definition, 'holder.phone');
      list.splice(index, 1);
    },
    expected: {
      area: 'field',
      change: 'removed',
      id: 'holder.phone',
      olderPointer: '/form/pages/0/elements/1/elements/8',
      newerPointer: undefined,
      properties: [],
      summary: 'Feld „Telefonnummer“ (holder.phone) entfernt (Seite „Halterin oder Halter“)',
    },
  },
  {
    name: 'a German label changed',
    edit: (definition) => {
      elementAt<FieldElement>(definition, 'holder.lastName').label.de = 'Familienname';
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'holder.lastName',
      olderPointer: '/form/pages/0/elements/1/elements/1',
      newerPointer: '/form/pages/0/elements/1/elements/1',
      properties: [{ property: 'label.de', before: 'Nachname', after: 'Familienname' }],
      summary: 'Feld „Familienname“ (holder.lastName): Bezeichnung (Deutsch) geändert von „Nachname“ zu „Familienname“',
    },
  },
  {
    name: 'a field made required',
    edit: (definition) => {
      elementAt<FormElement & { required?: boolean }>(definition, 'holder.phone').required = true;
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'holder.phone',
      olderPointer: '/form/pages/0/elements/1/elements/8',
      newerPointer: '/form/pages/0/elements/1/elements/8',
      properties: [{ property: 'required', before: false, after: true }],
      summary: 'Feld „Telefonnummer“ (holder.phone): Pflichtfeld geändert von Nein zu Ja',
    },
  },
  {
    name: 'an option added and another removed',
    edit: (definition) => {
      const breed = elementAt<FormElement & { options: { value: string; label: { de: string } }[] }>(definition, 'dogs.breed');
      breed.options = breed.options.filter((option) => option.value !== 'dachshund');
      breed.options.push({ value: 'poodle', label: { de: 'Pudel' } });
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'dogs.breed',
      olderPointer: '/form/pages/1/elements/0/elements/1',
      newerPointer: '/form/pages/1/elements/0/elements/1',
      properties: [
        { property: 'options.dachshund', before: { value: 'dachshund', label: { de: 'Dackel', en: 'Dachshund' } }, after: undefined },
        { property: 'options.poodle', before: undefined, after: { value: 'poodle', label: { de: 'Pudel' } } },
      ],
      summary: 'Feld „Rasse“ (dogs.breed): Auswahlmöglichkeit „Dackel“ entfernt; Auswahlmöglichkeit „Pudel“ hinzugefügt',
    },
  },
  {
    name: 'the options put in another order',
    edit: (definition) => {
      elementAt<FormElement & { options: unknown[] }>(definition, 'dogs.breed').options.reverse();
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'dogs.breed',
      olderPointer: '/form/pages/1/elements/0/elements/1',
      newerPointer: '/form/pages/1/elements/0/elements/1',
      properties: [
        {
          property: 'options',
          before: HUNDE_BREEDS,
          after: [...HUNDE_BREEDS].reverse(),
        },
      ],
      summary: 'Feld „Rasse“ (dogs.breed): Auswahlmöglichkeiten: Reihenfolge geändert',
    },
  },
  {
    name: 'a field moved to another page',
    edit: (definition) => {
      const { list, index } = locate(definition, 'remarks');
      const [remarks] = list.splice(index, 1);
      if (remarks !== undefined) definition.form.pages[1]?.elements.push(remarks);
    },
    expected: {
      area: 'field',
      change: 'moved',
      id: 'remarks',
      olderPointer: '/form/pages/2/elements/3',
      newerPointer: '/form/pages/1/elements/2',
      properties: [
        { property: 'page', before: 'paymentPage', after: 'dogsPage' },
        { property: 'position', before: 3, after: 2 },
      ],
      summary:
        'Feld „Anmerkungen“ (remarks) verschoben von Seite „Zahlung und Erklärung“ auf Seite „Hunde“, ' +
        'jetzt nach „Voraussichtliche Hundesteuer pro Jahr (EUR)“',
    },
  },
  {
    name: 'a field moved within its group',
    edit: (definition) => {
      const { list, index } = locate(definition, 'holder.email');
      const [email] = list.splice(index, 1);
      if (email !== undefined) list.unshift(email);
    },
    expected: {
      area: 'field',
      change: 'moved',
      id: 'holder.email',
      olderPointer: '/form/pages/0/elements/1/elements/7',
      newerPointer: '/form/pages/0/elements/1/elements/0',
      properties: [{ property: 'position', before: 7, after: 0 }],
      summary: 'Feld „E-Mail-Adresse“ (holder.email) verschoben, jetzt an erster Stelle',
    },
  },
  {
    name: 'the maximum number of a repeating group lowered',
    edit: (definition) => {
      elementAt<RepeatElement>(definition, 'dogs').maxItems = 3;
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'dogs',
      olderPointer: '/form/pages/1/elements/0',
      newerPointer: '/form/pages/1/elements/0',
      properties: [{ property: 'maxItems', before: 10, after: 3 }],
      summary: 'Wiederholbare Gruppe „Ihre Hunde“ (dogs): Höchstanzahl geändert von 10 zu 3',
    },
  },
  {
    name: 'a visibility condition changed',
    edit: (definition) => {
      elementAt(definition, 'dogs.breedOther').visibleIf = { in: [{ var: 'dogs.breed' }, ['other', 'mixed']] };
    },
    expected: {
      area: 'field',
      change: 'changed',
      id: 'dogs.breedOther',
      olderPointer: '/form/pages/1/elements/0/elements/2',
      newerPointer: '/form/pages/1/elements/0/elements/2',
      properties: [
        {
          property: 'visibleIf',
          before: { eq: [{ var: 'dogs.breed' }, 'other'] },
          after: { in: [{ var: 'dogs.breed' }, ['other', 'mixed']] },
        },
      ],
      summary:
        'Feld „Welche Rasse?“ (dogs.breedOther): Bedingung für die Anzeige geändert von ' +
        '{"eq":[{"var":"dogs.breed"},"other"]} zu {"in":[{"var":"dogs.breed"},["other","mixed"]]}',
    },
  },
  {
    name: 'a page title changed',
    edit: (definition) => {
      const page = definition.form.pages[1];
      if (page !== undefined) page.title.de = 'Ihre Hunde';
    },
    expected: {
      area: 'page',
      change: 'changed',
      id: 'dogsPage',
      olderPointer: '/form/pages/1',
      newerPointer: '/form/pages/1',
      properties: [{ property: 'title.de', before: 'Hunde', after: 'Ihre Hunde' }],
      summary: 'Seite „Ihre Hunde“: Titel (Deutsch) geändert von „Hunde“ zu „Ihre Hunde“',
    },
  },
  {
    name: 'a state added',
    edit: (definition) => {
      definition.process.states.push({
        id: 'objection',
        kind: 'task',
        role: 'teamLead',
        label: { de: 'Widerspruch', en: 'Objection' },
        statusText: { de: 'Ihr Widerspruch wird geprüft.', en: 'Your objection is being reviewed.' },
      });
    },
    expected: {
      area: 'state',
      change: 'added',
      id: 'objection',
      olderPointer: undefined,
      newerPointer: '/process/states/6',
      properties: [],
      summary: 'Status „Widerspruch“ hinzugefügt',
    },
  },
  {
    name: 'a state removed',
    edit: (definition) => {
      definition.process.states = definition.process.states.filter((state) => state.id !== 'withdrawn');
    },
    expected: {
      area: 'state',
      change: 'removed',
      id: 'withdrawn',
      olderPointer: '/process/states/5',
      newerPointer: undefined,
      properties: [],
      summary: 'Status „Zurückgezogen“ entfernt',
    },
  },
  {
    name: 'an action added',
    edit: (definition) => {
      stateOf(definition, 'inReview').actions?.push({
        id: 'handOver',
        label: { de: 'An Teamleitung abgeben', en: 'Hand over to team lead' },
        target: 'inReview',
        roles: ['dogTax'],
      });
    },
    expected: {
      area: 'action',
      change: 'added',
      id: 'inReview/handOver',
      olderPointer: undefined,
      newerPointer: '/process/states/1/actions/4',
      properties: [],
      summary: 'Status „In Prüfung“: Aktion „An Teamleitung abgeben“ hinzugefügt',
    },
  },
  {
    name: "an action's target changed",
    edit: (definition) => {
      actionOf(definition, 'inReview', 'reject').target = 'awaitingApplicant';
    },
    expected: {
      area: 'action',
      change: 'changed',
      id: 'inReview/reject',
      olderPointer: '/process/states/1/actions/2',
      newerPointer: '/process/states/1/actions/2',
      properties: [{ property: 'target', before: 'rejected', after: 'awaitingApplicant' }],
      summary:
        'Status „In Prüfung“, Aktion „Anmeldung ablehnen“: Zielstatus geändert von „Abgelehnt“ zu „Wartet auf Antragsteller“',
    },
  },
  {
    name: 'the four-eyes principle dropped from an action',
    edit: (definition) => {
      delete actionOf(definition, 'inReview', 'reject').fourEyes;
    },
    expected: {
      area: 'action',
      change: 'changed',
      id: 'inReview/reject',
      olderPointer: '/process/states/1/actions/2',
      newerPointer: '/process/states/1/actions/2',
      properties: [{ property: 'fourEyes', before: true, after: false }],
      summary: 'Status „In Prüfung“, Aktion „Anmeldung ablehnen“: Vier-Augen-Prinzip geändert von Ja zu Nein',
    },
  },
  {
    name: "an action's input made optional",
    edit: (definition) => {
      const input = actionOf(definition, 'inReview', 'reject').inputs?.[0];
      if (input !== undefined) input.required = false;
    },
    expected: {
      area: 'action',
      change: 'changed',
      id: 'inReview/reject',
      olderPointer: '/process/states/1/actions/2',
      newerPointer: '/process/states/1/actions/2',
      properties: [{ property: 'inputs.reason.required', before: true, after: false }],
      summary: 'Status „In Prüfung“, Aktion „Anmeldung ablehnen“: Eingabe „Begründung“, Pflichtangabe geändert von Ja zu Nein',
    },
  },
  {
    name: 'a deadline lengthened',
    edit: (definition) => {
      const deadline = stateOf(definition, 'awaitingApplicant').deadlines?.[0];
      if (deadline !== undefined) deadline.after = 'P21D';
    },
    expected: {
      area: 'state',
      change: 'changed',
      id: 'awaitingApplicant',
      olderPointer: '/process/states/2',
      newerPointer: '/process/states/2',
      properties: [{ property: 'deadlines.answerDeadline.after', before: 'P14D', after: 'P21D' }],
      summary: 'Status „Wartet auf Antragsteller“: Frist „answerDeadline“, Dauer geändert von „14 Tage“ zu „21 Tage“',
    },
  },
  {
    name: 'a deadline reminder moved closer to the end',
    edit: (definition) => {
      const deadline = stateOf(definition, 'awaitingApplicant').deadlines?.[0];
      if (deadline !== undefined) deadline.remindBefore = 'P2D';
    },
    expected: {
      area: 'state',
      change: 'changed',
      id: 'awaitingApplicant',
      olderPointer: '/process/states/2',
      newerPointer: '/process/states/2',
      properties: [{ property: 'deadlines.answerDeadline.remindBefore', before: 'P3D', after: 'P2D' }],
      summary: 'Status „Wartet auf Antragsteller“: Frist „answerDeadline“, Erinnerung vor Fristende geändert von „3 Tage“ zu „2 Tage“',
    },
  },
  {
    name: 'the initial state changed',
    edit: (definition) => {
      definition.process.initial = 'inReview';
    },
    expected: {
      area: 'state',
      change: 'changed',
      id: 'process.initial',
      olderPointer: '/process/initial',
      newerPointer: '/process/initial',
      properties: [{ property: 'initial', before: 'received', after: 'inReview' }],
      summary: 'Anfangsstatus geändert von „Eingegangen“ zu „In Prüfung“',
    },
  },
  {
    name: "a template's German body changed",
    edit: (definition) => {
      const receipt = definition.documents.find((template) => template.id === 'receipt');
      if (receipt?.body !== undefined) receipt.body.de = `${receipt.body.de}\n\nVielen Dank.`;
    },
    expected: {
      area: 'template',
      change: 'changed',
      id: 'receipt',
      olderPointer: '/documents/0',
      newerPointer: '/documents/0',
      properties: [
        {
          property: 'body.de',
          before: HUNDE.documents[0]?.body?.de,
          after: `${HUNDE.documents[0]?.body?.de ?? ''}\n\nVielen Dank.`,
        },
      ],
      summary: 'Vorlage „Eingangsbestätigung“: Text (Deutsch) geändert',
    },
  },
  {
    name: "a template's signer changed",
    edit: (definition) => {
      const notice = definition.documents.find((template) => template.id === 'rejectionNotice');
      if (notice?.signature?.mode === 'signed') notice.signature.name = 'Steueramt';
    },
    expected: {
      area: 'template',
      change: 'changed',
      id: 'rejectionNotice',
      olderPointer: '/documents/3',
      newerPointer: '/documents/3',
      properties: [{ property: 'signature.name', before: 'Sachbearbeitung Hundesteuer', after: 'Steueramt' }],
      summary: 'Vorlage „Ablehnungsbescheid“: Unterschrift, Name geändert von „Sachbearbeitung Hundesteuer“ zu „Steueramt“',
    },
  },
  {
    name: 'a role added',
    edit: (definition) => {
      definition.settings.roles.push({ id: 'objections', label: { de: 'Widerspruchsstelle', en: 'Objections office' } });
    },
    expected: {
      area: 'settings',
      change: 'added',
      id: 'roles/objections',
      olderPointer: undefined,
      newerPointer: '/settings/roles/2',
      properties: [],
      summary: 'Rolle „Widerspruchsstelle“ hinzugefügt',
    },
  },
  {
    name: 'the reference pattern changed',
    edit: (definition) => {
      definition.settings.referencePattern = 'HSt-{YYYY}-{SEQ:6}';
    },
    expected: {
      area: 'settings',
      change: 'changed',
      id: 'referencePattern',
      olderPointer: '/settings/referencePattern',
      newerPointer: '/settings/referencePattern',
      properties: [{ property: 'referencePattern', before: 'HUND-{YYYY}-{SEQ:5}', after: 'HSt-{YYYY}-{SEQ:6}' }],
      summary: 'Muster des Aktenzeichens geändert von „HUND-{YYYY}-{SEQ:5}“ zu „HSt-{YYYY}-{SEQ:6}“',
    },
  },
  {
    name: 'the retention period shortened',
    edit: (definition) => {
      definition.settings.retention = 'P5Y';
    },
    expected: {
      area: 'settings',
      change: 'changed',
      id: 'retention',
      olderPointer: '/settings/retention',
      newerPointer: '/settings/retention',
      properties: [{ property: 'retention', before: 'P10Y', after: 'P5Y' }],
      summary: 'Aufbewahrungsfrist geändert von „10 Jahre“ zu „5 Jahre“',
    },
  },
  {
    name: 'the receipt e-mail given a subject of its own',
    edit: (definition) => {
      definition.settings.notifications = { received: { subject: { de: 'Eingang {{case.reference}}' } } };
    },
    expected: {
      area: 'settings',
      change: 'changed',
      id: 'notifications',
      olderPointer: undefined,
      newerPointer: '/settings/notifications',
      properties: [{ property: 'notifications.received.subject.de', before: undefined, after: 'Eingang {{case.reference}}' }],
      summary: 'E-Mails an Antragstellende, „Eingang des Antrags“, Betreff (Deutsch) gesetzt auf „Eingang {{case.reference}}“',
    },
  },
  {
    name: 'the decision e-mail turned off',
    edit: (definition) => {
      definition.settings.notifications = { decided: { enabled: false } };
    },
    expected: {
      area: 'settings',
      change: 'changed',
      id: 'notifications',
      olderPointer: undefined,
      newerPointer: '/settings/notifications',
      properties: [{ property: 'notifications.decided.enabled', before: true, after: false }],
      summary: 'E-Mails an Antragstellende, „Entscheidung liegt bereit“, Senden geändert von Ja zu Nein',
    },
  },
  {
    name: 'a language added',
    edit: (definition) => {
      definition.settings.languages.push('tr');
    },
    expected: {
      area: 'settings',
      change: 'changed',
      id: 'languages',
      olderPointer: '/settings/languages',
      newerPointer: '/settings/languages',
      properties: [{ property: 'languages', before: ['de', 'en'], after: ['de', 'en', 'tr'] }],
      summary: 'Sprachen geändert: Türkisch hinzugefügt',
    },
  },
  {
    name: "the service's title changed",
    edit: (definition) => {
      definition.title.de = 'Hund anmelden';
    },
    expected: {
      area: 'service',
      change: 'changed',
      id: 'service',
      olderPointer: '',
      newerPointer: '',
      properties: [{ property: 'title.de', before: 'Hundeanmeldung', after: 'Hund anmelden' }],
      summary: 'Onlinedienst: Titel (Deutsch) geändert von „Hundeanmeldung“ zu „Hund anmelden“',
    },
  },
];

describe('diffDefinitions', () => {
  it('finds no change between a definition and itself or a copy', () => {
    expect(diffDefinitions(HUNDE, HUNDE).changes).toEqual([]);
    expect(diffDefinitions(HUNDE, structuredClone(HUNDE)).changes).toEqual([]);
  });

  it('ignores the order of keys inside objects', () => {
    const reordered = JSON.parse(JSON.stringify(HUNDE), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as ServiceDefinition;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(HUNDE));
    expect(diffDefinitions(HUNDE, reordered).changes).toEqual([]);
  });

  it.each(SINGLE_CHANGES)('reports exactly $name', ({ edit, expected }) => {
    const { changes } = diffDefinitions(HUNDE, editHunde(edit));
    expect(changes.map(outline)).toEqual([expected]);
  });

  it('reports the reverse of each edit as its opposite', () => {
    const opposite = { added: 'removed', removed: 'added', changed: 'changed', moved: 'moved' } as const;
    for (const { edit, expected } of SINGLE_CHANGES) {
      const [change] = diffDefinitions(editHunde(edit), HUNDE).changes;
      expect(change && { area: change.area, change: change.change, id: change.id }).toEqual({
        area: expected.area,
        change: opposite[expected.change],
        id: expected.id,
      });
    }
  });

  it('writes the English summary with German labels', () => {
    const newer = editHunde((definition) => {
      elementAt<FormElement & { required?: boolean }>(definition, 'dogs.breed').required = false;
      actionOf(definition, 'inReview', 'reject').target = 'awaitingApplicant';
    });
    expect(diffDefinitions(HUNDE, newer).changes.map((change) => change.summary)).toEqual([
      {
        de: 'Feld „Rasse“ (dogs.breed): Pflichtfeld geändert von Ja zu Nein',
        en: 'Field "Rasse" (dogs.breed): required changed from Yes to No',
      },
      {
        de: 'Status „In Prüfung“, Aktion „Anmeldung ablehnen“: Zielstatus geändert von „Abgelehnt“ zu „Wartet auf Antragsteller“',
        en: 'State "In Prüfung", action "Anmeldung ablehnen": target state changed from "Abgelehnt" to "Wartet auf Antragsteller"',
      },
    ]);
  });

  it('reports a field that moved and changed once as moved and once as changed', () => {
    const newer = editHunde((definition) => {
      const { list, index } = locate(definition, 'remarks');
      const [remarks] = list.splice(index, 1);
      if (remarks === undefined || remarks.type === 'staticText') return;
      remarks.label.de = 'Bemerkungen';
      definition.form.pages[0]?.elements.push(remarks);
    });
    expect(diffDefinitions(HUNDE, newer).changes.map((change) => [change.change, change.id, change.summary.de])).toEqual([
      [
        'moved',
        'remarks',
        'Feld „Bemerkungen“ (remarks) verschoben von Seite „Zahlung und Erklärung“ auf Seite „Halterin oder Halter“, ' +
          'jetzt nach „Angaben zur Person“',
      ],
      ['changed', 'remarks', 'Feld „Bemerkungen“ (remarks): Bezeichnung (Deutsch) geändert von „Anmerkungen“ zu „Bemerkungen“'],
    ]);
  });

  it('moves neither the fields of a moved page nor its neighbours', () => {
    const newer = editHunde((definition) => {
      definition.form.pages.reverse();
    });
    const changes = diffDefinitions(HUNDE, newer).changes;
    expect(changes.map((change) => `${change.area} ${change.change}`)).toEqual(['page moved', 'page moved']);
    expect(changes.map((change) => change.summary.de)).toEqual([
      'Seite „Hunde“ verschoben, jetzt nach „Zahlung und Erklärung“',
      'Seite „Halterin oder Halter“ verschoben, jetzt nach „Hunde“',
    ]);
  });

  it('lists each field of an added group after the group', () => {
    const newer = editHunde((definition) => {
      const vet: GroupElement = {
        type: 'group',
        key: 'vet',
        label: { de: 'Tierarztpraxis' },
        elements: [
          { type: 'text', key: 'name', label: { de: 'Name der Praxis' } },
          { type: 'phone', key: 'phone', label: { de: 'Telefon der Praxis' } },
        ],
      };
      definition.form.pages[1]?.elements.splice(1, 0, vet);
    });
    expect(diffDefinitions(HUNDE, newer).changes.map((change) => [change.change, change.id, change.newerPointer])).toEqual([
      ['added', 'vet', '/form/pages/1/elements/1'],
      ['added', 'vet.name', '/form/pages/1/elements/1/elements/0'],
      ['added', 'vet.phone', '/form/pages/1/elements/1/elements/1'],
    ]);
  });

  it('lists a removed page with its fields where the page was', () => {
    const newer = editHunde((definition) => {
      definition.form.pages.splice(1, 1);
      elementAt<FieldElement>(definition, 'consent').label.de = 'Ich versichere die Richtigkeit meiner Angaben.';
    });
    const changes = diffDefinitions(HUNDE, newer).changes;
    expect(changes.map((change) => `${change.area} ${change.change} ${change.id}`)).toEqual([
      'page removed dogsPage',
      'field removed dogs',
      'field removed dogs.name',
      'field removed dogs.breed',
      'field removed dogs.breedOther',
      'field removed dogs.listedBreed',
      'field removed dogs.certificate',
      'field removed dogs.birthDate',
      'field removed dogs.acquiredOn',
      'field removed dogs.chipNumber',
      'field removed dogs.previousOwner',
      'field removed dogs.insurer',
      'field removed dogs.policyNumber',
      'field removed annualTax',
      'field changed consent',
    ]);
    expect(changes[0]?.summary.de).toBe('Seite „Hunde“ entfernt');
  });

  it('reports a field whose key changed as removed and added', () => {
    const newer = editHunde((definition) => {
      elementAt(definition, 'holder.phone').key = 'telephone';
    });
    expect(diffDefinitions(HUNDE, newer).changes.map((change) => `${change.change} ${change.id}`)).toEqual([
      'removed holder.phone',
      'added holder.telephone',
    ]);
  });

  it('lists an added state with its actions, and an action moved to another state as removed and added', () => {
    const newer = editHunde((definition) => {
      const withdraw = stateOf(definition, 'inReview').actions?.pop();
      if (withdraw !== undefined) stateOf(definition, 'received').actions?.push(withdraw);
      definition.process.states.splice(2, 0, {
        id: 'objection',
        kind: 'task',
        role: 'teamLead',
        label: { de: 'Widerspruch' },
        statusText: { de: 'Ihr Widerspruch wird geprüft.' },
        actions: [{ id: 'decide', label: { de: 'Entscheiden' }, target: 'approved', roles: ['teamLead'] }],
      });
    });
    expect(diffDefinitions(HUNDE, newer).changes.map((change) => change.summary.de)).toEqual([
      'Status „Eingegangen“: Aktion „Antrag zurückziehen“ hinzugefügt',
      'Status „In Prüfung“: Aktion „Antrag zurückziehen“ entfernt',
      'Status „Widerspruch“ hinzugefügt',
      'Status „Widerspruch“: Aktion „Entscheiden“ hinzugefügt',
    ]);
  });

  it('orders changes by the newer form, removed ones where they were, then process, templates, settings', () => {
    const newer = editHunde((definition) => {
      definition.settings.retention = 'P5Y';
      definition.settings.roles.push({ id: 'objections', label: { de: 'Widerspruchsstelle' } });
      definition.settings.languages.push('tr');
      const receipt = definition.documents[0];
      if (receipt !== undefined) receipt.title.de = 'Bestätigung';
      actionOf(definition, 'inReview', 'approve').label.de = 'Anmeldung annehmen';
      definition.process.initial = 'inReview';
      elementAt<RepeatElement>(definition, 'dogs').elements.push({ type: 'text', key: 'colour', label: { de: 'Farbe' } });
      const { list, index } = locate(definition, 'holder.birthDate');
      list.splice(index, 1);
      elementAt<GroupElement>(definition, 'holder').elements.unshift({ type: 'text', key: 'title', label: { de: 'Titel' } });
      definition.form.pages[0]?.elements.splice(0, 1);
      definition.title.de = 'Hund anmelden';
    });
    const ids = diffDefinitions(HUNDE, newer).changes.map((change) => `${change.area} ${change.change} ${change.id}`);
    expect(ids).toEqual([
      'service changed service',
      'field removed holderIntro',
      'field added holder.title',
      'field removed holder.birthDate',
      'field added dogs.colour',
      'state changed process.initial',
      'action changed inReview/approve',
      'template changed receipt',
      'settings changed languages',
      'settings added roles/objections',
      'settings changed retention',
    ]);
    expect(diffDefinitions(HUNDE, newer)).toEqual(diffDefinitions(HUNDE, newer));
  });

  it('never shows a missing value as "undefined" or an object as "[object Object]"', () => {
    const newer = editHunde((definition) => {
      for (const template of definition.documents) delete template.title.en;
      for (const state of definition.process.states) {
        state.deadlines = undefined;
        for (const action of state.actions ?? []) {
          action.effects = [{ type: 'issueDocument', template: 'receipt' }];
          action.roles = ['teamLead'];
        }
      }
      definition.settings.applicant = undefined;
      definition.settings.roles.reverse();
    });
    const summaries = diffDefinitions(HUNDE, newer).changes.flatMap((change) => [
      change.summary.de,
      change.summary.en,
      ...change.properties.flatMap((property) => [property.summary.de, property.summary.en]),
    ]);
    expect(summaries.length).toBeGreaterThan(20);
    for (const summary of summaries) expect(summary).not.toMatch(/undefined|\[object|null/);
  });
});
