import type { ServiceDefinition, ServiceSettings } from '@amtsweg/definitions';
import type { DefinitionChange } from './definition-diff';
import { diffListById } from './diff-by-id';
import type { NameBooks } from './diff-name-book';
import { compareProperties, summarizePropertyChanges, type PropertySpecs } from './diff-properties';
import { formatDuration, formatLanguage, inBothLanguages, quote, shorten } from './diff-wording';
import { capitalize } from './element-names';

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
};

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
 * number pattern, the applicant's fields, and any other setting, one change per setting.
 */
export function diffSettings(older: ServiceSettings, newer: ServiceSettings, names: NameBooks): DefinitionChange[] {
  const perSetting = new Map<string, DefinitionChange>();
  for (const property of compareProperties(older, newer, SETTING_PROPERTIES, names, ['roles'])) {
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
