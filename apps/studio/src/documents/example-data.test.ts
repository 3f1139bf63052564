import { describe, expect, it } from 'vitest';
import type { FieldElement, FormDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { exampleData } from '@amtsweg/forms/example-answers';
import { createExampleFacts, createValueFormatter, renderTemplatePreview } from './example-data';

const TODAY = '2026-11-24';

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

/** One field of every type that carries an answer, each on its own. */
const EVERY_FIELD: FieldElement[] = [
  { type: 'text', key: 'text', label: { de: 'Rasse' } },
  { type: 'text', key: 'firstName', label: { de: 'Vorname' }, autocomplete: 'given-name' },
  { type: 'textarea', key: 'textarea', label: { de: 'Bemerkung' } },
  { type: 'number', key: 'number', label: { de: 'Anzahl' }, minimum: 3 },
  { type: 'integer', key: 'integer', label: { de: 'Ganzzahl' }, maximum: 0 },
  { type: 'money', key: 'money', label: { de: 'Betrag' } },
  { type: 'date', key: 'date', label: { de: 'Datum' } },
  { type: 'date', key: 'birthDate', label: { de: 'Geburtsdatum' }, autocomplete: 'bday' },
  { type: 'email', key: 'email', label: { de: 'E-Mail' } },
  { type: 'phone', key: 'phone', label: { de: 'Telefon' } },
  { type: 'iban', key: 'iban', label: { de: 'IBAN' } },
  { type: 'postalCode', key: 'postalCode', label: { de: 'PLZ' } },
  { type: 'select', key: 'select', label: { de: 'Auswahl' }, options: [{ value: 'a', label: { de: 'Erste' } }] },
  { type: 'radio', key: 'radio', label: { de: 'Knopf' }, options: [{ value: 'b', label: { de: 'Zweite' } }] },
  { type: 'checkboxes', key: 'checkboxes', label: { de: 'Häkchen' }, options: [{ value: 'c', label: { de: 'Dritte' } }] },
  { type: 'yesNo', key: 'yesNo', label: { de: 'Ja oder nein' } },
  { type: 'file', key: 'file', label: { de: 'Datei' }, accept: ['application/pdf'], maxSizeBytes: 1_000_000, maxFiles: 1 },
  { type: 'calculated', key: 'calculated', label: { de: 'Summe' }, valueType: 'money', expression: { mul: [{ var: 'number' }, 2] } },
];

const EXPECTED_TEXT: Record<string, string> = {
  text: 'Rasse',
  firstName: 'Erika',
  textarea: 'Beispieltext für „Bemerkung“.',
  number: '10',
  integer: '0',
  money: '100,00',
  date: '24.11.2026',
  birthDate: '24.11.1986',
  email: 'erika.mustermann@example.org',
  phone: '+49 30 1234567',
  iban: 'DE89370400440532013000',
  postalCode: '12345',
  select: 'Erste',
  radio: 'Zweite',
  checkboxes: 'Dritte',
  yesNo: 'Ja',
  file: 'beispiel.pdf',
  calculated: '20,00',
};

describe('example data', () => {
  const form: FormDefinition = { pages: [{ id: 'p', title: { de: 'Seite' }, elements: EVERY_FIELD }] };
  const definition = { ...example(), form };
  const answers = exampleData(form, { today: TODAY });
  const format = createValueFormatter(definition, 'de');

  for (const field of EVERY_FIELD) {
    it(`gives the ${field.type} field „${field.label.de}“ an example as a letter prints it`, () => {
      expect(format(field.key, answers[field.key])).toBe(EXPECTED_TEXT[field.key]);
    });
  }

  it('fills repeating groups with two items and nested groups as objects', () => {
    const data = exampleData(example().form, { today: TODAY });
    expect(Array.isArray(data.dogs) && data.dogs.length).toBe(2);
    expect(typeof data.holder).toBe('object');
  });

  it('names the example reference after the service’s pattern and takes the inputs of the issuing action', () => {
    const facts = createExampleFacts(example(), 'rejectionNotice', TODAY);
    expect(facts.case).toMatchObject({ reference: 'HUND-2026-00001', receivedAt: '24.11.2026', outcome: 'rejected', serviceTitle: 'Hundeanmeldung' });
    expect(facts.action).toEqual({ reason: 'Begründung' });
    const request = createExampleFacts(example(), 'informationRequest', TODAY, 'en');
    expect(request.action).toMatchObject({ answerBy: '08/12/2026' });
  });

  it('renders every part of a notice, the signature and the English texts', () => {
    const definition = example();
    const notice = definition.documents.find((template) => template.id === 'approvalNotice')!;
    const letter = renderTemplatePreview(definition, notice, 'de', TODAY);
    expect(letter.parts.subject).toBe('Anmeldung zur Hundesteuer – Az. HUND-2026-00001 vom 24.11.2026');
    expect(letter.parts.authority).toContain('Stadt Musterstadt');
    expect(letter.parts.operative).not.toContain('{{');
    expect(letter.signature).toMatchObject({ mode: 'automatic' });
    expect(renderTemplatePreview(definition, notice, 'en', TODAY).parts.subject).toContain('ref. HUND-2026-00001');
  });
});
