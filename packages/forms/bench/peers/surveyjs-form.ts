// The Sondernutzung form as a SurveyJS survey JSON, validated on the server with survey-core's Model. Same
// fields, bounds and conditions as amtsweg-form.ts; where SurveyJS has no property for a rule, a validator
// from its JSON vocabulary (text, regex, expression) stands in, and the comment says so.
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

export interface SurveyElementJson {
  type: string;
  name: string;
  [property: string]: unknown;
}

export interface SurveyJson {
  pages: { name: string; title: string; elements: SurveyElementJson[] }[];
}

// Dates are text questions with inputType "date": SurveyJS compares min/max but accepts any string, so a
// pattern keeps out what is not an ISO date.
const ISO_DATE = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

const choices = (options: ChoiceOption[]): { value: string; text: string }[] => options.map((o) => ({ value: o.value, text: o.label.de }));

// SurveyJS's `maxLength` only limits typing in the browser; validate() checks lengths through a text validator.
const length = (maxLength: number, minLength?: number): Record<string, unknown> => ({ type: 'text', maxLength, ...(minLength ? { minLength } : {}) });
const pattern = (regex: string): Record<string, unknown> => ({ type: 'regex', regex });

const text = (name: string, title: string, settings: Record<string, unknown>, validators: Record<string, unknown>[] = []): SurveyElementJson => ({
  type: 'text',
  name,
  title,
  ...settings,
  ...(validators.length > 0 ? { validators } : {}),
});

const date = (name: string, title: string, bounds: { min: string; max: string }, isRequired: boolean): SurveyElementJson =>
  text(name, title, { inputType: 'date', min: bounds.min, max: bounds.max, ...(isRequired ? { isRequired } : {}) }, [pattern(ISO_DATE)]);

const declaration = (name: string, title: string): SurveyElementJson => ({
  type: 'boolean',
  name,
  title,
  isRequired: true,
  // A required boolean counts "no" as an answer; the declaration must be "yes".
  validators: [{ type: 'expression', expression: `{${name}} = true` }],
});

export const SONDERNUTZUNG_SURVEY: SurveyJson = {
  pages: [
    {
      name: 'applicantPage',
      title: 'Antragstellende Person',
      elements: [
        { type: 'radiogroup', name: 'applicantType', title: 'Sie beantragen als', isRequired: true, choices: choices(APPLICANT_TYPES) },
        text('companyName', 'Name des Unternehmens oder Vereins', { visibleIf: "{applicantType} = 'company'", isRequired: true }, [length(150)]),
        text('registerNumber', 'Handelsregisternummer', { visibleIf: "{applicantType} = 'company'" }, [length(20), pattern(REGISTER_NUMBER_PATTERN)]),
        { type: 'dropdown', name: 'salutation', title: 'Anrede', choices: choices(SALUTATIONS) },
        text('firstName', 'Vorname', { isRequired: true }, [length(100)]),
        text('lastName', 'Nachname', { isRequired: true }, [length(100)]),
        date('birthDate', 'Geburtsdatum', LIMITS.birthDate, true),
        text('street', 'Straße', { isRequired: true }, [length(100)]),
        text('houseNumber', 'Hausnummer', { isRequired: true }, [length(10), pattern(HOUSE_NUMBER_PATTERN)]),
        text('postalCode', 'Postleitzahl', { isRequired: true }, [pattern(POSTAL_CODE_DE.source)]),
        text('city', 'Ort', { isRequired: true }, [length(100)]),
        // inputType "email" brings SurveyJS's own e-mail check.
        text('email', 'E-Mail-Adresse', { inputType: 'email', isRequired: true }, [length(254)]),
        { type: 'radiogroup', name: 'contactPreference', title: 'Rückfragen bitte per', isRequired: true, choices: choices(CONTACT_PREFERENCES) },
        text('phone', 'Telefonnummer', { inputType: 'tel', requiredIf: "{contactPreference} = 'phone'" }, [length(30), pattern(PHONE.source)]),
      ],
    },
    {
      name: 'usePage',
      title: 'Art und Ort der Nutzung',
      elements: [
        { type: 'dropdown', name: 'useType', title: 'Art der Sondernutzung', isRequired: true, choices: choices(USE_TYPES) },
        text('useTypeOther', 'Welche Nutzung?', { visibleIf: "{useType} = 'other'", isRequired: true }, [length(200)]),
        { type: 'comment', name: 'description', title: 'Beschreibung des Vorhabens', isRequired: true, validators: [length(2000, 10)] },
        text('locationStreet', 'Straße der Nutzung', { isRequired: true }, [length(100)]),
        text('locationHouseNumber', 'Hausnummer der Nutzung', {}, [length(10), pattern(HOUSE_NUMBER_PATTERN)]),
        { type: 'dropdown', name: 'district', title: 'Stadtbezirk', isRequired: true, choices: choices(DISTRICTS) },
        date('startDate', 'Beginn', LIMITS.period, true),
        date('endDate', 'Ende', LIMITS.period, true),
        text('areaSquareMeters', 'Fläche in m²', { inputType: 'number', isRequired: true, min: LIMITS.area.min, max: LIMITS.area.max }),
        text('lengthMeters', 'Länge entlang der Straße in m', { inputType: 'number', min: LIMITS.length.min, max: LIMITS.length.max }),
        { type: 'boolean', name: 'occupiesRoadway', title: 'Wird die Fahrbahn in Anspruch genommen?' },
        text('trafficOrderNumber', 'Aktenzeichen der verkehrsrechtlichen Anordnung', { visibleIf: '{occupiesRoadway} = true', isRequired: true }, [length(50)]),
        text('seatingCount', 'Anzahl der Sitzplätze', {
          inputType: 'number',
          visibleIf: "{useType} = 'outdoorSeating'",
          isRequired: true,
          min: LIMITS.seats.min,
          max: LIMITS.seats.max,
        }),
        {
          type: 'checkbox',
          name: 'nearbyFeatures',
          title: 'In der Nähe befinden sich',
          choices: choices(NEARBY_FEATURES),
          maxSelectedChoices: LIMITS.nearbyFeatures.max,
          // maxSelectedChoices only stops ticking in the browser; validate() needs an expression.
          validators: [{ type: 'expression', expression: `{nearbyFeatures.length} <= ${LIMITS.nearbyFeatures.max}` }],
        },
        { type: 'boolean', name: 'needsPower', title: 'Wird ein Stromanschluss benötigt?' },
      ],
    },
    {
      name: 'contactsPage',
      title: 'Verantwortliche vor Ort',
      elements: [
        {
          type: 'paneldynamic',
          name: 'contacts',
          title: 'Verantwortliche Personen vor Ort',
          templateTitle: 'Person {panelIndex}',
          minPanelCount: LIMITS.contacts.min,
          // Not maxPanelCount: with it, setting data of 6 items cuts off the 6th without an error, so the
          // server would accept the submission. The bound is an expression validator instead.
          validators: [{ type: 'expression', expression: `{contacts.length} <= ${LIMITS.contacts.max}` }],
          templateElements: [
            text('name', 'Name', { isRequired: true }, [length(100)]),
            { type: 'dropdown', name: 'role', title: 'Funktion', isRequired: true, choices: choices(CONTACT_ROLES) },
            text('phone', 'Telefon (erreichbar während der Nutzung)', { inputType: 'tel', isRequired: true }, [length(30), pattern(PHONE.source)]),
            text('email', 'E-Mail-Adresse', { inputType: 'email' }, [length(254)]),
            date('presentFrom', 'Vor Ort ab', LIMITS.period, false),
          ],
        },
      ],
    },
    {
      name: 'finishPage',
      title: 'Gebühren und Erklärungen',
      elements: [
        { type: 'radiogroup', name: 'paymentMethod', title: 'Zahlung der Gebühr', isRequired: true, choices: choices(PAYMENT_METHODS) },
        text('accountHolder', 'Kontoinhaberin oder Kontoinhaber', { visibleIf: "{paymentMethod} = 'sepa'", isRequired: true }, [length(100)]),
        // No IBAN validator: the shape of a German IBAN as a pattern, without the mod-97 check digits.
        text('iban', 'IBAN', { visibleIf: "{paymentMethod} = 'sepa'", isRequired: true }, [pattern('^DE[0-9]{20}$')]),
        { type: 'comment', name: 'remarks', title: 'Anmerkungen', validators: [length(1000)] },
        declaration('truthful', 'Ich versichere, dass meine Angaben richtig sind.'),
        declaration('privacyConsent', 'Ich habe die Datenschutzhinweise gelesen.'),
      ],
    },
  ],
};

/** Amtsweg data → SurveyJS data: the same shape (lists for checkboxes, a list of objects per dynamic panel). */
export function toSurveyData(data: Record<string, unknown>): Record<string, unknown> {
  return structuredClone(data);
}
