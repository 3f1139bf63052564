// The benchmark form as Amtsweg expresses it: a Sondernutzungserlaubnis (permit to use public street space for
// a scaffold, a container, outdoor seating, …). 40 fields on four pages, six conditions, one repeating group.
// The Form.io and SurveyJS files next to this one express the same rules; keep the three in step.
import type { ChoiceOption, FormDefinition, ServiceDefinition } from '@amtsweg/definitions';

const options = (...pairs: [string, string][]): ChoiceOption[] => pairs.map(([value, de]) => ({ value, label: { de } }));

export const APPLICANT_TYPES = options(['person', 'Privatperson'], ['company', 'Unternehmen oder Verein']);
export const SALUTATIONS = options(['frau', 'Frau'], ['herr', 'Herr'], ['divers', 'Divers']);
export const CONTACT_PREFERENCES = options(['email', 'E-Mail'], ['phone', 'Telefon']);
export const USE_TYPES = options(
  ['scaffold', 'Gerüst'],
  ['container', 'Container oder Mulde'],
  ['constructionSite', 'Baustelleneinrichtung'],
  ['outdoorSeating', 'Außengastronomie'],
  ['infoStand', 'Informationsstand'],
  ['event', 'Veranstaltung'],
  ['other', 'Sonstiges'],
);
export const DISTRICTS = options(
  ['innenstadt', 'Innenstadt'],
  ['nord', 'Nord'],
  ['ost', 'Ost'],
  ['sued', 'Süd'],
  ['west', 'West'],
  ['hafen', 'Hafen'],
);
export const NEARBY_FEATURES = options(
  ['tree', 'Straßenbaum'],
  ['hydrant', 'Hydrant'],
  ['busStop', 'Haltestelle'],
  ['bikeLane', 'Radweg'],
  ['disabledParking', 'Behindertenparkplatz'],
  ['manhole', 'Schachtdeckel'],
);
export const CONTACT_ROLES = options(
  ['siteManager', 'Bauleitung'],
  ['safetyOfficer', 'Sicherheitsbeauftragte Person'],
  ['organiser', 'Veranstalter'],
  ['deputy', 'Vertretung'],
);
export const PAYMENT_METHODS = options(['invoice', 'Rechnung'], ['sepa', 'SEPA-Lastschrift']);

/** Bounds shared by the three expressions of the form. */
export const LIMITS = {
  birthDate: { min: '1900-01-01', max: '2007-12-31' },
  period: { min: '2025-01-01', max: '2030-12-31' },
  area: { min: 1, max: 500 },
  length: { min: 0.5, max: 200 },
  seats: { min: 1, max: 200 },
  nearbyFeatures: { max: 3 },
  contacts: { min: 1, max: 5 },
} as const;

export const HOUSE_NUMBER_PATTERN = '^[0-9]{1,4}[ ]?[a-zA-Z]?(-[0-9]{1,4}[a-zA-Z]?)?$';
export const REGISTER_NUMBER_PATTERN = '^HR[AB] ?[0-9]{1,6}$';

export const SONDERNUTZUNG_FORM: FormDefinition = {
  pages: [
    {
      id: 'applicantPage',
      title: { de: 'Antragstellende Person' },
      elements: [
        { type: 'radio', key: 'applicantType', label: { de: 'Sie beantragen als' }, required: true, options: APPLICANT_TYPES },
        {
          type: 'text',
          key: 'companyName',
          label: { de: 'Name des Unternehmens oder Vereins' },
          visibleIf: { eq: [{ var: 'applicantType' }, 'company'] },
          required: true,
          maxLength: 150,
        },
        {
          type: 'text',
          key: 'registerNumber',
          label: { de: 'Handelsregisternummer' },
          visibleIf: { eq: [{ var: 'applicantType' }, 'company'] },
          maxLength: 20,
          pattern: REGISTER_NUMBER_PATTERN,
        },
        { type: 'select', key: 'salutation', label: { de: 'Anrede' }, options: SALUTATIONS },
        { type: 'text', key: 'firstName', label: { de: 'Vorname' }, required: true, maxLength: 100 },
        { type: 'text', key: 'lastName', label: { de: 'Nachname' }, required: true, maxLength: 100 },
        { type: 'date', key: 'birthDate', label: { de: 'Geburtsdatum' }, required: true, minDate: LIMITS.birthDate.min, maxDate: LIMITS.birthDate.max },
        { type: 'text', key: 'street', label: { de: 'Straße' }, required: true, maxLength: 100 },
        { type: 'text', key: 'houseNumber', label: { de: 'Hausnummer' }, required: true, maxLength: 10, pattern: HOUSE_NUMBER_PATTERN },
        { type: 'postalCode', key: 'postalCode', label: { de: 'Postleitzahl' }, required: true },
        { type: 'text', key: 'city', label: { de: 'Ort' }, required: true, maxLength: 100 },
        { type: 'email', key: 'email', label: { de: 'E-Mail-Adresse' }, required: true },
        { type: 'radio', key: 'contactPreference', label: { de: 'Rückfragen bitte per' }, required: true, options: CONTACT_PREFERENCES },
        {
          type: 'phone',
          key: 'phone',
          label: { de: 'Telefonnummer' },
          requiredIf: { eq: [{ var: 'contactPreference' }, 'phone'] },
        },
      ],
    },
    {
      id: 'usePage',
      title: { de: 'Art und Ort der Nutzung' },
      elements: [
        { type: 'select', key: 'useType', label: { de: 'Art der Sondernutzung' }, required: true, options: USE_TYPES },
        {
          type: 'text',
          key: 'useTypeOther',
          label: { de: 'Welche Nutzung?' },
          visibleIf: { eq: [{ var: 'useType' }, 'other'] },
          required: true,
          maxLength: 200,
        },
        { type: 'textarea', key: 'description', label: { de: 'Beschreibung des Vorhabens' }, required: true, minLength: 10, maxLength: 2000 },
        { type: 'text', key: 'locationStreet', label: { de: 'Straße der Nutzung' }, required: true, maxLength: 100 },
        { type: 'text', key: 'locationHouseNumber', label: { de: 'Hausnummer der Nutzung' }, maxLength: 10, pattern: HOUSE_NUMBER_PATTERN },
        { type: 'select', key: 'district', label: { de: 'Stadtbezirk' }, required: true, options: DISTRICTS },
        { type: 'date', key: 'startDate', label: { de: 'Beginn' }, required: true, minDate: LIMITS.period.min, maxDate: LIMITS.period.max },
        { type: 'date', key: 'endDate', label: { de: 'Ende' }, required: true, minDate: LIMITS.period.min, maxDate: LIMITS.period.max },
        { type: 'number', key: 'areaSquareMeters', label: { de: 'Fläche in m²' }, required: true, minimum: LIMITS.area.min, maximum: LIMITS.area.max },
        { type: 'number', key: 'lengthMeters', label: { de: 'Länge entlang der Straße in m' }, minimum: LIMITS.length.min, maximum: LIMITS.length.max },
        { type: 'yesNo', key: 'occupiesRoadway', label: { de: 'Wird die Fahrbahn in Anspruch genommen?' } },
        {
          type: 'text',
          key: 'trafficOrderNumber',
          label: { de: 'Aktenzeichen der verkehrsrechtlichen Anordnung' },
          visibleIf: { eq: [{ var: 'occupiesRoadway' }, true] },
          required: true,
          maxLength: 50,
        },
        {
          type: 'integer',
          key: 'seatingCount',
          label: { de: 'Anzahl der Sitzplätze' },
          visibleIf: { eq: [{ var: 'useType' }, 'outdoorSeating'] },
          required: true,
          minimum: LIMITS.seats.min,
          maximum: LIMITS.seats.max,
        },
        {
          type: 'checkboxes',
          key: 'nearbyFeatures',
          label: { de: 'In der Nähe befinden sich' },
          options: NEARBY_FEATURES,
          maxItems: LIMITS.nearbyFeatures.max,
        },
        { type: 'yesNo', key: 'needsPower', label: { de: 'Wird ein Stromanschluss benötigt?' } },
      ],
    },
    {
      id: 'contactsPage',
      title: { de: 'Verantwortliche vor Ort' },
      elements: [
        {
          type: 'repeat',
          key: 'contacts',
          label: { de: 'Verantwortliche Personen vor Ort' },
          itemLabel: { de: 'Person' },
          minItems: LIMITS.contacts.min,
          maxItems: LIMITS.contacts.max,
          elements: [
            { type: 'text', key: 'name', label: { de: 'Name' }, required: true, maxLength: 100 },
            { type: 'select', key: 'role', label: { de: 'Funktion' }, required: true, options: CONTACT_ROLES },
            { type: 'phone', key: 'phone', label: { de: 'Telefon (erreichbar während der Nutzung)' }, required: true },
            { type: 'email', key: 'email', label: { de: 'E-Mail-Adresse' } },
            { type: 'date', key: 'presentFrom', label: { de: 'Vor Ort ab' }, minDate: LIMITS.period.min, maxDate: LIMITS.period.max },
          ],
        },
      ],
    },
    {
      id: 'finishPage',
      title: { de: 'Gebühren und Erklärungen' },
      elements: [
        { type: 'radio', key: 'paymentMethod', label: { de: 'Zahlung der Gebühr' }, required: true, options: PAYMENT_METHODS },
        {
          type: 'text',
          key: 'accountHolder',
          label: { de: 'Kontoinhaberin oder Kontoinhaber' },
          visibleIf: { eq: [{ var: 'paymentMethod' }, 'sepa'] },
          required: true,
          maxLength: 100,
        },
        {
          type: 'iban',
          key: 'iban',
          label: { de: 'IBAN' },
          visibleIf: { eq: [{ var: 'paymentMethod' }, 'sepa'] },
          required: true,
          countries: ['DE'],
        },
        { type: 'textarea', key: 'remarks', label: { de: 'Anmerkungen' }, maxLength: 1000 },
        { type: 'yesNo', key: 'truthful', label: { de: 'Ich versichere, dass meine Angaben richtig sind.' }, mustBeYes: true },
        { type: 'yesNo', key: 'privacyConsent', label: { de: 'Ich habe die Datenschutzhinweise gelesen.' }, mustBeYes: true },
      ],
    },
  ],
};

/** The form wrapped in the smallest service that passes checkDefinition: one review step, one decision. */
export const SONDERNUTZUNG_SERVICE: ServiceDefinition = {
  schemaVersion: 1,
  title: { de: 'Sondernutzungserlaubnis' },
  form: SONDERNUTZUNG_FORM,
  process: {
    initial: 'review',
    states: [
      {
        id: 'review',
        kind: 'task',
        role: 'roadUse',
        label: { de: 'Prüfung' },
        statusText: { de: 'Ihr Antrag wird geprüft.' },
        actions: [{ id: 'approve', label: { de: 'Erlaubnis erteilen' }, target: 'approved', roles: ['roadUse'] }],
      },
      {
        id: 'approved',
        kind: 'final',
        outcome: 'approved',
        decisionTemplate: 'permit',
        label: { de: 'Erteilt' },
        statusText: { de: 'Die Erlaubnis ist erteilt.' },
      },
    ],
  },
  documents: [
    {
      id: 'permit',
      kind: 'decision',
      title: { de: 'Sondernutzungserlaubnis' },
      authority: { de: 'Stadt Musterhausen, Straßenverkehrsamt' },
      addressee: { de: '{{firstName}} {{lastName}}' },
      subject: { de: 'Sondernutzung {{locationStreet}}, Az. {{case.reference}}' },
      operative: { de: 'Die Sondernutzung wird vom {{startDate}} bis zum {{endDate}} erlaubt.' },
      reasoning: { de: 'Der Antrag ist vollständig; Belange des Verkehrs stehen nicht entgegen.' },
      legalRemedy: { de: 'Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.' },
      signature: { mode: 'automatic', note: { de: 'Dieser Bescheid wurde maschinell erstellt.' } },
    },
  ],
  settings: {
    languages: ['de'],
    roles: [{ id: 'roadUse', label: { de: 'Sondernutzungen' } }],
    retention: 'P6Y',
    referencePattern: 'SN-{YYYY}-{SEQ:5}',
    applicant: { nameFields: ['firstName', 'lastName'], emailField: 'email' },
  },
};
