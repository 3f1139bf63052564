// The Sondernutzung form as a Form.io form JSON (what the Form.io builder emits), for server-side validation
// with @formio/core. Same fields, bounds and conditions as amtsweg-form.ts; where Form.io has no declarative
// setting for a rule, the comment says what stands in for it.
import type { ChoiceOption } from '@amtsweg/definitions';
import { PHONE, POSTAL_CODE_DE } from '../../src/field-formats';
import {
  APPLICANT_TYPES,
  CONTACT_PREFERENCES,
  CONTACT_ROLES,
  DISTRICTS,
  HOUSE_NUMBER_PATTERN,
  LIMITS,
  NEARBY_FEATURES,
  PAYMENT_METHODS,
  REGISTER_NUMBER_PATTERN,
  SALUTATIONS,
  USE_TYPES,
} from './amtsweg-form';

/** One component of a Form.io form JSON, as stored; the library's own union type also covers renderer state. */
export interface FormioComponentJson {
  type: string;
  key: string;
  [setting: string]: unknown;
}

export interface FormioFormJson {
  display: 'form' | 'wizard';
  components: FormioComponentJson[];
}

// Form.io wraps every pattern in ^…$ itself.
const unanchored = (pattern: string): string => pattern.replace(/^\^/, '').replace(/\$$/, '');
const PHONE_PATTERN = unanchored(PHONE.source);
const POSTAL_CODE_PATTERN = unanchored(POSTAL_CODE_DE.source);
const ISO_DATE = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';

const values = (options: ChoiceOption[]): { label: string; value: string }[] => options.map((o) => ({ label: o.label.de, value: o.value }));

const shownWhen = (component: string, value: string | boolean): Record<string, unknown> => ({
  conditional: { show: true, conjunction: 'all', conditions: [{ component, operator: 'isEqual', value }] },
  clearOnHide: true,
});

const textfield = (key: string, label: string, validate: Record<string, unknown>, extra: Record<string, unknown> = {}): FormioComponentJson => ({
  type: 'textfield',
  key,
  label,
  input: true,
  validate,
  ...extra,
});

const radio = (key: string, label: string, options: ChoiceOption[]): FormioComponentJson => ({
  type: 'radio',
  key,
  label,
  input: true,
  values: values(options),
  validate: { required: true, onlyAvailableItems: true },
});

const select = (key: string, label: string, options: ChoiceOption[], required: boolean): FormioComponentJson => ({
  type: 'select',
  key,
  label,
  input: true,
  widget: 'choicesjs',
  dataSrc: 'values',
  data: { values: values(options) },
  validate: { required, onlyAvailableItems: true },
});

const datetime = (key: string, label: string, bounds: { min: string; max: string }, required: boolean): FormioComponentJson => ({
  type: 'datetime',
  key,
  label,
  input: true,
  format: 'dd.MM.yyyy',
  enableTime: false,
  enableDate: true,
  datePicker: { minDate: bounds.min, maxDate: bounds.max },
  widget: { type: 'calendar', enableTime: false, format: 'dd.MM.yyyy', minDate: bounds.min, maxDate: bounds.max },
  // The datetime component itself checks only that `new Date(value)` parses, which reads 04.05.2026 as
  // 5 April; the engine honours a pattern on any component, so one keeps the value an ISO date.
  validate: { required, pattern: ISO_DATE },
});

const checkbox = (key: string, label: string, required = false): FormioComponentJson => ({
  type: 'checkbox',
  key,
  label,
  input: true,
  validate: { required },
});

const panel = (key: string, title: string, components: FormioComponentJson[]): FormioComponentJson => ({
  type: 'panel',
  key,
  title,
  input: false,
  components,
});

export const SONDERNUTZUNG_FORMIO: FormioFormJson = {
  display: 'form',
  components: [
    panel('applicantPage', 'Antragstellende Person', [
      radio('applicantType', 'Sie beantragen als', APPLICANT_TYPES),
      textfield('companyName', 'Name des Unternehmens oder Vereins', { required: true, maxLength: 150 }, shownWhen('applicantType', 'company')),
      textfield(
        'registerNumber',
        'Handelsregisternummer',
        { maxLength: 20, pattern: unanchored(REGISTER_NUMBER_PATTERN) },
        shownWhen('applicantType', 'company'),
      ),
      select('salutation', 'Anrede', SALUTATIONS, false),
      textfield('firstName', 'Vorname', { required: true, maxLength: 100 }),
      textfield('lastName', 'Nachname', { required: true, maxLength: 100 }),
      datetime('birthDate', 'Geburtsdatum', LIMITS.birthDate, true),
      textfield('street', 'Straße', { required: true, maxLength: 100 }),
      textfield('houseNumber', 'Hausnummer', { required: true, maxLength: 10, pattern: unanchored(HOUSE_NUMBER_PATTERN) }),
      textfield('postalCode', 'Postleitzahl', { required: true, pattern: POSTAL_CODE_PATTERN }),
      textfield('city', 'Ort', { required: true, maxLength: 100 }),
      { type: 'email', key: 'email', label: 'E-Mail-Adresse', input: true, validate: { required: true, maxLength: 254 } },
      radio('contactPreference', 'Rückfragen bitte per', CONTACT_PREFERENCES),
      // "Required when phone contact is chosen": Form.io's required flag is static, so a JSONLogic custom
      // validation (validate.json, set in the builder under "Custom Validation") carries the condition.
      textfield('phone', 'Telefonnummer', {
        maxLength: 30,
        pattern: PHONE_PATTERN,
        json: {
          if: [
            { and: [{ '==': [{ var: 'data.contactPreference' }, 'phone'] }, { '!': [{ var: 'input' }] }] },
            'Bitte geben Sie eine Telefonnummer an.',
            true,
          ],
        },
      }),
    ]),
    panel('usePage', 'Art und Ort der Nutzung', [
      select('useType', 'Art der Sondernutzung', USE_TYPES, true),
      textfield('useTypeOther', 'Welche Nutzung?', { required: true, maxLength: 200 }, shownWhen('useType', 'other')),
      { type: 'textarea', key: 'description', label: 'Beschreibung des Vorhabens', input: true, validate: { required: true, minLength: 10, maxLength: 2000 } },
      textfield('locationStreet', 'Straße der Nutzung', { required: true, maxLength: 100 }),
      textfield('locationHouseNumber', 'Hausnummer der Nutzung', { maxLength: 10, pattern: unanchored(HOUSE_NUMBER_PATTERN) }),
      select('district', 'Stadtbezirk', DISTRICTS, true),
      datetime('startDate', 'Beginn', LIMITS.period, true),
      datetime('endDate', 'Ende', LIMITS.period, true),
      { type: 'number', key: 'areaSquareMeters', label: 'Fläche in m²', input: true, validate: { required: true, min: LIMITS.area.min, max: LIMITS.area.max } },
      { type: 'number', key: 'lengthMeters', label: 'Länge entlang der Straße in m', input: true, validate: { min: LIMITS.length.min, max: LIMITS.length.max } },
      checkbox('occupiesRoadway', 'Wird die Fahrbahn in Anspruch genommen?'),
      textfield('trafficOrderNumber', 'Aktenzeichen der verkehrsrechtlichen Anordnung', { required: true, maxLength: 50 }, shownWhen('occupiesRoadway', true)),
      {
        type: 'number',
        key: 'seatingCount',
        label: 'Anzahl der Sitzplätze',
        input: true,
        decimalLimit: 0,
        validate: { required: true, min: LIMITS.seats.min, max: LIMITS.seats.max },
        ...shownWhen('useType', 'outdoorSeating'),
      },
      {
        type: 'selectboxes',
        key: 'nearbyFeatures',
        label: 'In der Nähe befinden sich',
        input: true,
        values: values(NEARBY_FEATURES),
        validate: { maxSelectedCount: LIMITS.nearbyFeatures.max, onlyAvailableItems: true },
      },
      checkbox('needsPower', 'Wird ein Stromanschluss benötigt?'),
    ]),
    panel('contactsPage', 'Verantwortliche vor Ort', [
      {
        type: 'datagrid',
        key: 'contacts',
        label: 'Verantwortliche Personen vor Ort',
        input: true,
        tree: true,
        // @formio/core checks no row count on the server (validate.minLength/maxLength apply to strings only),
        // so the bounds are a JSONLogic custom validation.
        validate: {
          json: {
            if: [
              {
                and: [
                  { '>=': [{ var: 'input.length' }, LIMITS.contacts.min] },
                  { '<=': [{ var: 'input.length' }, LIMITS.contacts.max] },
                ],
              },
              true,
              `Bitte geben Sie ${LIMITS.contacts.min} bis ${LIMITS.contacts.max} Personen an.`,
            ],
          },
        },
        components: [
          textfield('name', 'Name', { required: true, maxLength: 100 }),
          select('role', 'Funktion', CONTACT_ROLES, true),
          textfield('phone', 'Telefon (erreichbar während der Nutzung)', { required: true, maxLength: 30, pattern: PHONE_PATTERN }),
          { type: 'email', key: 'email', label: 'E-Mail-Adresse', input: true, validate: { maxLength: 254 } },
          datetime('presentFrom', 'Vor Ort ab', LIMITS.period, false),
        ],
      },
    ]),
    panel('finishPage', 'Gebühren und Erklärungen', [
      radio('paymentMethod', 'Zahlung der Gebühr', PAYMENT_METHODS),
      textfield('accountHolder', 'Kontoinhaberin oder Kontoinhaber', { required: true, maxLength: 100 }, shownWhen('paymentMethod', 'sepa')),
      // No IBAN component: the shape of a German IBAN as a pattern, without the mod-97 check digits.
      textfield('iban', 'IBAN', { required: true, pattern: 'DE[0-9]{20}' }, shownWhen('paymentMethod', 'sepa')),
      { type: 'textarea', key: 'remarks', label: 'Anmerkungen', input: true, validate: { maxLength: 1000 } },
      checkbox('truthful', 'Ich versichere, dass meine Angaben richtig sind.', true),
      checkbox('privacyConsent', 'Ich habe die Datenschutzhinweise gelesen.', true),
    ]),
    { type: 'button', key: 'submit', label: 'Antrag absenden', input: true, action: 'submit', disableOnInvalid: true },
  ],
};

/**
 * Amtsweg data → Form.io submission data. Only the checkboxes differ: Form.io's selectboxes keep an object
 * with one boolean per option (`{ tree: true, hydrant: false, … }`) instead of a list of the ticked values.
 */
export function toFormioData(data: Record<string, unknown>): Record<string, unknown> {
  const result = structuredClone(data);
  const ticked = data.nearbyFeatures;
  if (Array.isArray(ticked)) {
    const boxes: Record<string, boolean> = Object.fromEntries(NEARBY_FEATURES.map((o) => [o.value, false]));
    for (const value of ticked) boxes[String(value)] = true;
    result.nearbyFeatures = boxes;
  }
  return result;
}
