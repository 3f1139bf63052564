// Submissions for the Sondernutzung form, written once in Amtsweg's data shape. The peers get them through
// the small mapping functions next to their forms.

export type PeerName = 'formio' | 'surveyjs';

export interface BenchSubmission {
  name: string;
  description: string;
  valid: boolean;
  /** Field expected to carry the (first) error, as a data path: `contacts.1.phone`. */
  errorField?: string;
  /**
   * Peers that cannot express the rule declaratively, with why: the case is shown in the agreement table but
   * their answer does not count as a disagreement, and the case is left out of the timings.
   */
  gaps?: Partial<Record<PeerName, string>>;
  data: Record<string, unknown>;
}

const contact = (n: number): Record<string, unknown> => ({
  name: `Person ${n}`,
  role: n === 1 ? 'siteManager' : 'deputy',
  phone: `0221 555${String(n).padStart(3, '0')}`,
  email: `person${n}@beispiel-bau.de`,
  presentFrom: '2026-05-04',
});

function withoutPhone({ phone: _phone, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

/** A private person, one contact, scaffold, invoice: the plainest complete application. */
const BASE: Record<string, unknown> = {
  applicantType: 'person',
  salutation: 'frau',
  firstName: 'Erika',
  lastName: 'Mustermann',
  birthDate: '1984-08-12',
  street: 'Heidestraße',
  houseNumber: '17a',
  postalCode: '51147',
  city: 'Köln',
  email: 'erika.mustermann@example.org',
  contactPreference: 'email',
  useType: 'scaffold',
  description: 'Fassadengerüst für die Sanierung der Straßenfront, Breite 1,2 m.',
  locationStreet: 'Heidestraße',
  locationHouseNumber: '17a',
  district: 'innenstadt',
  startDate: '2026-05-04',
  endDate: '2026-06-30',
  areaSquareMeters: 24,
  lengthMeters: 20,
  occupiesRoadway: false,
  nearbyFeatures: ['tree'],
  needsPower: false,
  contacts: [contact(1)],
  paymentMethod: 'invoice',
  remarks: 'Zugang zum Hauseingang bleibt frei.',
  truthful: true,
  privacyConsent: true,
};

const variant = (changes: Record<string, unknown>, removed: string[] = []): Record<string, unknown> => {
  const data: Record<string, unknown> = { ...structuredClone(BASE), ...changes };
  for (const key of removed) delete data[key];
  return data;
};

export const SUBMISSIONS: BenchSubmission[] = [
  // ------------------------------------------------------------ valid
  { name: 'person-one-contact', description: 'private person, 1 contact, invoice', valid: true, data: variant({}) },
  {
    name: 'company-five-contacts',
    description: 'company, phone contact, outdoor seating on the roadway, 5 contacts, SEPA',
    valid: true,
    data: variant({
      applicantType: 'company',
      companyName: 'Café Rheinblick GmbH',
      registerNumber: 'HRB 12345',
      contactPreference: 'phone',
      phone: '+49 221 1234567',
      useType: 'outdoorSeating',
      seatingCount: 24,
      occupiesRoadway: true,
      trafficOrderNumber: 'VA-2026-0815',
      nearbyFeatures: ['tree', 'hydrant', 'bikeLane'],
      contacts: [1, 2, 3, 4, 5].map(contact),
      paymentMethod: 'sepa',
      accountHolder: 'Café Rheinblick GmbH',
      iban: 'DE89370400440532013000',
    }),
  },
  {
    name: 'other-use-minimal',
    description: '"other" use with its text, optional answers left out',
    valid: true,
    data: variant({ useType: 'other', useTypeOther: 'Umzugswagen, Halteverbot' }, [
      'salutation',
      'locationHouseNumber',
      'lengthMeters',
      'occupiesRoadway',
      'nearbyFeatures',
      'needsPower',
      'remarks',
    ]),
  },
  {
    name: 'bounds-inclusive',
    description: 'every number, date and list at its limit',
    valid: true,
    data: variant({
      birthDate: '2007-12-31',
      startDate: '2025-01-01',
      endDate: '2030-12-31',
      areaSquareMeters: 500,
      lengthMeters: 0.5,
      useType: 'outdoorSeating',
      seatingCount: 200,
      nearbyFeatures: ['tree', 'hydrant', 'manhole'],
    }),
  },
  {
    name: 'hidden-answers-ignored',
    description: 'answers to hidden fields are wrong but ignored (company name, IBAN, order number)',
    valid: true,
    data: variant({ registerNumber: 'kein Register', iban: 'DE00', trafficOrderNumber: 'x'.repeat(80) }),
  },
  // ------------------------------------------------------------ invalid
  { name: 'missing-last-name', description: 'required field missing', valid: false, errorField: 'lastName', data: variant({}, ['lastName']) },
  { name: 'bad-email', description: 'e-mail without @', valid: false, errorField: 'email', data: variant({ email: 'erika.mustermann-at-example.org' }) },
  { name: 'area-too-large', description: 'number above its maximum', valid: false, errorField: 'areaSquareMeters', data: variant({ areaSquareMeters: 750 }) },
  { name: 'unknown-district', description: 'select value not among the options', valid: false, errorField: 'district', data: variant({ district: 'mitte' }) },
  {
    name: 'unknown-feature',
    description: 'checkbox value not among the options',
    valid: false,
    errorField: 'nearbyFeatures',
    gaps: {
      surveyjs: 'a value outside the choices is not an error: the question treats it as unanswered and drops it from `data`, and validators only see what is left',
    },
    data: variant({ nearbyFeatures: ['tree', 'fountain'] }),
  },
  {
    name: 'too-many-features',
    description: '4 checkboxes ticked, at most 3 allowed',
    valid: false,
    errorField: 'nearbyFeatures',
    data: variant({ nearbyFeatures: ['tree', 'hydrant', 'busStop', 'manhole'] }),
  },
  {
    name: 'six-contacts',
    description: 'repeating group with 6 items, at most 5',
    valid: false,
    errorField: 'contacts',
    data: variant({ contacts: [1, 2, 3, 4, 5, 6].map(contact) }),
  },
  { name: 'no-contact', description: 'repeating group empty, at least 1', valid: false, errorField: 'contacts', data: variant({ contacts: [] }) },
  {
    name: 'contact-without-phone',
    description: 'required field missing in the 2nd group item',
    valid: false,
    errorField: 'contacts.1.phone',
    data: variant({ contacts: [contact(1), withoutPhone(contact(2))] }),
  },
  {
    name: 'other-use-unnamed',
    description: '"other" use chosen, its conditionally shown text missing',
    valid: false,
    errorField: 'useTypeOther',
    data: variant({ useType: 'other' }),
  },
  {
    name: 'phone-preferred-missing',
    description: 'phone required only because phone contact was chosen',
    valid: false,
    errorField: 'phone',
    data: variant({ contactPreference: 'phone' }),
  },
  {
    name: 'roadway-without-order',
    description: 'roadway used, order number missing',
    valid: false,
    errorField: 'trafficOrderNumber',
    data: variant({ occupiesRoadway: true }),
  },
  {
    name: 'sepa-without-iban',
    description: 'SEPA chosen, account holder given, IBAN missing',
    valid: false,
    errorField: 'iban',
    data: variant({ paymentMethod: 'sepa', accountHolder: 'Erika Mustermann' }),
  },
  { name: 'bad-date', description: 'date in German notation, not ISO', valid: false, errorField: 'startDate', data: variant({ startDate: '04.05.2026' }) },
  { name: 'end-too-late', description: 'date after the latest allowed', valid: false, errorField: 'endDate', data: variant({ endDate: '2031-01-15' }) },
  { name: 'short-postal-code', description: 'postal code with 4 digits', valid: false, errorField: 'postalCode', data: variant({ postalCode: '5114' }) },
  {
    name: 'seats-too-many',
    description: 'conditional number above its maximum',
    valid: false,
    errorField: 'seatingCount',
    data: variant({ useType: 'outdoorSeating', seatingCount: 250 }),
  },
  { name: 'not-declared-true', description: 'declaration not confirmed', valid: false, errorField: 'truthful', data: variant({ truthful: false }) },
  // ------------------------------------------------------------ rules only Amtsweg expresses declaratively
  {
    name: 'iban-bad-checksum',
    description: 'IBAN with wrong check digits',
    valid: false,
    errorField: 'iban',
    gaps: {
      formio: 'no IBAN rule; a pattern checks the shape, not the mod-97 check digits',
      surveyjs: 'no IBAN rule; a pattern checks the shape, not the mod-97 check digits',
    },
    data: variant({ paymentMethod: 'sepa', accountHolder: 'Erika Mustermann', iban: 'DE89370400440532013001' }),
  },
  {
    name: 'impossible-date',
    description: '30 February',
    valid: false,
    errorField: 'startDate',
    gaps: {
      formio: 'its date check is `new Date(value)`, which reads 2026-02-30 as 2 March',
      surveyjs: 'a date question compares strings with min/max; a pattern cannot know the length of each month',
    },
    data: variant({ startDate: '2026-02-30' }),
  },
];
