import type { MailOccasion, MailText, ServiceDefinition, ServiceSettings } from '@amtsweg/definitions';
import type { DefinitionChange } from './definition-diff';
import { diffListById } from './diff-by-id';
import type { NameBooks } from './diff-name-book';
import { compareProperties, summarizePropertyChanges, type PropertySpec, type PropertySpecs } from './diff-properties';
import { formatDuration, formatLanguage, inBothLanguages, quote, shorten } from './diff-wording';
import { capitalize, type EditText } from './element-names';

const MAIL_PROPERTIES: PropertySpecs = {
  enabled: { kind: 'value', name: { de: 'Senden', en: 'sending' } },
  subject: { kind: 'text', name: { de: 'Betreff', en: 'subject' } },
  body: { kind: 'text', name: { de: 'Text', en: 'text' } },
};

const MAIL_NAMES: Record<MailOccasion, EditText> = {
  received: { de: '„Eingang des Antrags“', en: '"application received"' },
  informationRequested: { de: '„Nachforderung“', en: '"request for information"' },
  reminder: { de: '„Erinnerung an die Frist“', en: '"deadline reminder"' },
  decided: { de: '„Entscheidung liegt bereit“', en: '"decision ready"' },
  notice: { de: '„Nachricht zum Antrag“', en: '"message about the application"' },
};

// The settings other than roles, each reported as a change of its own, in this order (others follow by name).
const SETTING_PROPERTIES: PropertySpecs = {
  languages: { kind: 'set', name: { de: 'Sprachen', en: 'languages' }, format: formatLanguage },
  retention: { kind: 'value', name: { de: 'Aufbewahrungsfrist', en: 'retention period' }, format: formatDuration },
  referencePattern: { kind: 'value', name: { de: 'Muster des Aktenzeichens', en: 'reference number pattern' } },
  applicant: {
    kind: 'object',
    name: { de: 'Angaben zur antragstellenden Person', en: 'applicant details' },
    properties: {
      nameFields: { kind: 'value', name: { de: 'Felder mit dem Namen', en: 'name fields' } },
      emailField: { kind: 'value', name: { de: 'Feld mit der E-Mail-Adresse', en: 'email field' } },
    },
  },
  notifications: {
    kind: 'object',
    name: { de: 'E-Mails an Antragstellende', en: 'e-mails to applicants' },
    properties: Object.fromEntries(
      Object.entries(MAIL_NAMES).map(([occasion, name]): [string, PropertySpec] => [occasion, { kind: 'object', name, properties: MAIL_PROPERTIES }]),
    ),
  },
};

/**
 * The settings as compared: every e-mail either version words or turns off is present in both, sent unless
 * turned off, so a first own subject reads as that subject set rather than as "e-mails added".
 */
function withComparableMails(settings: ServiceSettings, other: ServiceSettings): ServiceSettings {
  const occasions = [...new Set([...Object.keys(settings.notifications ?? {}), ...Object.keys(other.notifications ?? {})])] as MailOccasion[];
  if (occasions.length === 0) return settings;
  const mails = occasions.map((occasion): [MailOccasion, MailText] => {
    const mail = settings.notifications?.[occasion];
    return [occasion, { ...mail, enabled: mail?.enabled ?? true }];
  });
  return { ...settings, notifications: Object.fromEntries(mails) };
}

const SERVICE_PROPERTIES: PropertySpecs = {
  schemaVersion: { kind: 'value', name: { de: 'Formatversion', en: 'format version' } },
  title: { kind: 'text', name: { de: 'Titel', en: 'title' } },
  description: { kind: 'text', name: { de: 'Beschreibung', en: 'description' } },
  preparation: { kind: 'text', name: { de: 'Was bereitzuhalten ist', en: 'what to have at hand' } },
  duration: { kind: 'text', name: { de: 'Dauer', en: 'duration' } },
};

/** Changes to the service's own texts (title, description, …) as one change with id `service`. */
export function diffService(older: ServiceDefinition, newer: ServiceDefinition, names: NameBooks): DefinitionChange[] {
  const properties = compareProperties(older, newer, SERVICE_PROPERTIES, names, ['form', 'process', 'documents', 'settings']);
  if (properties.length === 0) return [];
  return [
    {
      area: 'service',
      change: 'changed',
      id: 'service',
      olderPointer: '',
      newerPointer: '',
      properties,
      summary: summarizePropertyChanges({ de: 'Onlinedienst', en: 'Service' }, properties),
    },
  ];
}

/**
 * Changes to the settings: languages, then each role (matched by id, as `roles/<id>`), then retention, reference
 * number pattern, the applicant's fields, the applicant's e-mails, and any other setting, one change per setting.
 */
export function diffSettings(older: ServiceSettings, newer: ServiceSettings, names: NameBooks): DefinitionChange[] {
  const perSetting = new Map<string, DefinitionChange>();
  for (const property of compareProperties(withComparableMails(older, newer), withComparableMails(newer, older), SETTING_PROPERTIES, names, ['roles'])) {
    const setting = property.property.split('.')[0] ?? property.property;
    const existing = perSetting.get(setting);
    const properties = [...(existing?.properties ?? []), property];
    perSetting.set(setting, {
      area: 'settings',
      change: 'changed',
      id: setting,
      ...(Object.hasOwn(older, setting) ? { olderPointer: `/settings/${setting}` } : {}),
      ...(Object.hasOwn(newer, setting) ? { newerPointer: `/settings/${setting}` } : {}),
      properties,
      summary: inBothLanguages((language) => capitalize(properties.map((change) => change.summary[language]).join('; '))),
    });
  }
  const roles = diffListById(older.roles, newer.roles, {
    area: 'settings',
    pointerAt: (position) => `/settings/roles/${position}`,
    identify: (id) => `roles/${id}`,
    describe: (role) => {
      const label = shorten(role.label.de || role.id);
      return inBothLanguages((language) => `${language === 'de' ? 'Rolle' : 'Role'} ${quote(label, language)}`);
    },
    compare: (was, is) =>
      compareProperties(was, is, { label: { kind: 'text', name: { de: 'Bezeichnung', en: 'label' } } }, names, ['id']),
  });
  const settings = [...perSetting.values()];
  return [
    ...settings.filter((change) => change.id === 'languages'),
    ...roles,
    ...settings.filter((change) => change.id !== 'languages'),
  ];
}
