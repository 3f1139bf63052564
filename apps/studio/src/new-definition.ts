import type { ServiceDefinition } from '@amtsweg/definitions';

/**
 * The draft a new service starts from: its name, one empty page, and a procedure of one review state for the
 * "Sachbearbeitung" role that the designer completes (the checks say what is still missing). The reference
 * pattern takes its prefix from the portal address, so two services rarely share one.
 *
 * @example
 * newDefinition('Sondernutzungserlaubnis', 'sondernutzung').settings.referencePattern // 'SOND-{YYYY}-{SEQ:5}'
 */
export function newDefinition(title: string, slug: string): ServiceDefinition {
  const prefix = slug.replace(/[^a-z]/g, '').slice(0, 4).toUpperCase() || 'ANTR';
  return {
    schemaVersion: 1,
    title: { de: title },
    form: { pages: [{ id: 'seite1', title: { de: 'Seite 1' }, elements: [] }] },
    process: {
      initial: 'pruefung',
      states: [
        {
          id: 'pruefung',
          kind: 'task',
          role: 'sachbearbeitung',
          label: { de: 'In Prüfung' },
          statusText: { de: 'Ihr Antrag wird geprüft.' },
          actions: [],
        },
      ],
    },
    documents: [],
    settings: {
      languages: ['de'],
      roles: [{ id: 'sachbearbeitung', label: { de: 'Sachbearbeitung' } }],
      retention: 'P10Y',
      referencePattern: `${prefix}-{YYYY}-{SEQ:5}`,
    },
  };
}
