import type { FieldElement, FormDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { describe, expect, it } from 'vitest';
import { compileForm } from './compile-form';
import { exampleData } from './example-answers';

const TODAY = '2026-11-24';
const label = (de: string) => ({ de, en: de });

function formOf(...elements: FormDefinition['pages'][number]['elements']): FormDefinition {
  return { pages: [{ id: 'page', title: label('Seite'), elements }] };
}

/** One field of every type, several with constraints an example must meet. */
const EVERY_FIELD_TYPE: FieldElement[] = [
  { type: 'text', key: 'plain', label: label('Bemerkung'), required: true },
  { type: 'text', key: 'short', label: label('Sehr lange Beschriftung eines kurzen Feldes'), required: true, maxLength: 5 },
  { type: 'text', key: 'longer', label: label('Ort'), required: true, minLength: 12 },
  { type: 'text', key: 'houseNumber', label: label('Hausnummer'), required: true, pattern: '^[0-9]{1,4}[a-z]?$' },
  { type: 'text', key: 'fileNumber', label: label('Kassenzeichen'), required: true, pattern: '^[A-Z]{2}-[0-9]{4}$' },
  { type: 'text', key: 'familyName', label: label('Nachname'), required: true, autocomplete: 'family-name' },
  { type: 'textarea', key: 'remarks', label: label('Anmerkungen'), required: true, maxLength: 20 },
  { type: 'number', key: 'area', label: label('Fläche'), required: true, minimum: 50, maximum: 60 },
  { type: 'integer', key: 'count', label: label('Anzahl'), required: true, maximum: 2 },
  { type: 'money', key: 'amount', label: label('Betrag'), required: true },
  { type: 'date', key: 'birthDate', label: label('Geburtsdatum'), required: true, notInFuture: true, minAgeYears: 18, maxAgeYears: 30 },
  { type: 'date', key: 'startsOn', label: label('Beginn'), required: true, notInPast: true },
  { type: 'date', key: 'movedOn', label: label('Einzug'), required: true, notInFuture: true, minDate: '2026-06-01' },
  { type: 'date', key: 'anyDay', label: label('Tag'), required: true, maxDate: '2020-01-31' },
  { type: 'email', key: 'email', label: label('E-Mail'), required: true },
  { type: 'phone', key: 'phone', label: label('Telefon'), required: true },
  { type: 'iban', key: 'ibanAnywhere', label: label('IBAN'), required: true },
  { type: 'iban', key: 'ibanAustria', label: label('IBAN'), required: true, countries: ['AT'] },
  { type: 'postalCode', key: 'postalCode', label: label('PLZ'), required: true },
  { type: 'select', key: 'colour', label: label('Farbe'), required: true, options: [{ value: 'red', label: label('Rot') }, { value: 'blue', label: label('Blau') }] },
  { type: 'radio', key: 'size', label: label('Größe'), required: true, options: [{ value: 'small', label: label('Klein') }] },
  {
    type: 'checkboxes',
    key: 'days',
    label: label('Tage'),
    required: true,
    minItems: 2,
    options: [{ value: 'mon', label: label('Mo') }, { value: 'tue', label: label('Di') }, { value: 'wed', label: label('Mi') }],
  },
  { type: 'yesNo', key: 'consent', label: label('Einverstanden'), required: true, mustBeYes: true },
  { type: 'file', key: 'photo', label: label('Foto'), required: true, accept: ['image/png'], maxSizeBytes: 50_000, maxFiles: 1 },
  { type: 'calculated', key: 'total', label: label('Summe'), valueType: 'money', expression: { mul: [{ var: 'amount' }, 1.19] } },
];

describe('exampleData', () => {
  it('fills the Hundeanmeldung so that its own form accepts it, with two dogs and the tax calculated', () => {
    const { form } = HUNDEANMELDUNG as ServiceDefinition;
    const data = exampleData(form, { today: TODAY });
    const result = compileForm(form).validate(data, { today: TODAY });
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(data).toMatchObject({
      holder: { firstName: 'Erika', lastName: 'Mustermann', postalCode: '12345', birthDate: '1988-11-24', houseNumber: '12' },
      sepaMandate: true,
      iban: 'DE89370400440532013000',
    });
    const dogs = data.dogs as Record<string, unknown>[];
    expect(dogs).toHaveLength(2);
    expect(dogs[0]).toMatchObject({ breed: 'mixed', listedBreed: true, chipNumber: '123456789012345', birthDate: '2023-11-24', acquiredOn: '2025-11-24' });
    // Both example dogs are of a listed breed: 600 EUR each.
    expect(data.annualTax).toBe(1200);
  });

  it.each(EVERY_FIELD_TYPE.map((field) => [field.type, field.key, field] as const))('gives a %s field (%s) a value its validator accepts', (_type, key, field) => {
    const form = formOf(field.type === 'calculated' ? { type: 'money', key: 'amount', label: label('Betrag') } : { type: 'staticText', key: 'intro', content: label('') }, field);
    const data = exampleData(form, { today: TODAY });
    expect(data[key], key).toBeDefined();
    const result = compileForm(form).validate(data, { today: TODAY });
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('keeps values within the field’s bounds and computes calculated values', () => {
    const data = exampleData(formOf(...EVERY_FIELD_TYPE), { today: TODAY });
    expect(data).toMatchObject({
      short: 'Sehr ',
      houseNumber: '12',
      fileNumber: 'AB-1234',
      area: 50,
      count: 2,
      birthDate: '2002-11-24',
      startsOn: '2026-12-08',
      movedOn: '2026-06-01',
      anyDay: '2020-01-31',
      ibanAustria: 'AT611904300234573201',
      colour: 'red',
      days: ['mon', 'tue'],
      photo: [{ mediaType: 'image/png', name: 'beispiel.png', size: 50_000 }],
      total: 119,
    });
    expect((data.longer as string).length).toBeGreaterThanOrEqual(12);
  });

  it('fills nested groups and repeating groups within their item bounds, and computes per item', () => {
    const form = formOf(
      { type: 'group', key: 'holder', label: label('Halter'), elements: [{ type: 'text', key: 'name', label: label('Name'), autocomplete: 'name' }] },
      {
        type: 'repeat',
        key: 'rooms',
        label: label('Räume'),
        itemLabel: label('Raum'),
        minItems: 3,
        maxItems: 5,
        elements: [
          { type: 'number', key: 'size', label: label('Größe') },
          { type: 'calculated', key: 'double', label: label('Doppelt'), valueType: 'number', expression: { mul: [{ var: 'rooms.size' }, 2] } },
        ],
      },
      { type: 'repeat', key: 'single', label: label('Einer'), itemLabel: label('Einer'), maxItems: 1, elements: [{ type: 'yesNo', key: 'ok', label: label('OK') }] },
    );
    expect(exampleData(form, { today: TODAY })).toEqual({
      holder: { name: 'Erika Mustermann' },
      rooms: [
        { size: 10, double: 20 },
        { size: 10, double: 20 },
        { size: 10, double: 20 },
      ],
      single: [{ ok: true }],
    });
  });

  it('leaves a pattern it cannot satisfy or may not run to the label, and changes nothing in the form', () => {
    const form = formOf(
      { type: 'text', key: 'odd', label: label('Sonderformat'), pattern: '^x{3}y$' },
      { type: 'text', key: 'risky', label: label('Riskant'), pattern: '^(a+)+$' },
    );
    const before = structuredClone(form);
    expect(exampleData(form, { today: TODAY })).toEqual({ odd: 'Sonderformat', risky: 'Riskant' });
    expect(form).toEqual(before);
  });
});
