import type { ServiceDefinition } from '@amtsweg/definitions';
import type { DefinitionDiff } from './definition-diff';
import { diffDocuments } from './diff-documents';
import { diffForm } from './diff-form';
import { createNameBook, type NameBooks } from './diff-name-book';
import { diffProcess } from './diff-process';
import { diffService, diffSettings } from './diff-settings';

/**
 * The differences between two versions of a service definition, for the Studio's "Versionen" view: every page,
 * field, state, action, template and setting that was added, removed, changed or moved, each with its identity,
 * JSON pointers, the properties that changed (before and after) and a German and English summary.
 *
 * Order: the service's own texts, then the form in the newer version's order (removed things where they were),
 * then the process, the templates and the settings. Equal inputs always give the same list, and the order of
 * keys inside the JSON objects never counts as a change.
 *
 * @example
 * const { changes } = diffDefinitions(published, draft);
 * // changes[0].summary.de === 'Feld „Rasse“ (dogs.breed): Pflichtfeld geändert von Nein zu Ja'
 */
export function diffDefinitions(older: ServiceDefinition, newer: ServiceDefinition): DefinitionDiff {
  const names: NameBooks = { older: createNameBook(older), newer: createNameBook(newer) };
  return {
    changes: [
      ...diffService(older, newer, names),
      ...diffForm(older.form, newer.form, names),
      ...diffProcess(older.process, newer.process, names),
      ...diffDocuments(older.documents, newer.documents, names),
      ...diffSettings(older.settings, newer.settings, names),
    ],
  };
}
