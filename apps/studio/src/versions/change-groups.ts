import type { DefinitionChange, DefinitionDiff, DiffArea } from '@amtsweg/editor';

/** The Studio area in which a clerk edits what a change concerns. */
export type ChangeGroup = 'form' | 'process' | 'documents' | 'settings';

/** The groups in the order of the editor's tabs. */
export const CHANGE_GROUPS = ['form', 'process', 'documents', 'settings'] as const satisfies readonly ChangeGroup[];

// The service's own texts (title, description, …) are edited with the settings, as the editor's checks place them.
const GROUP_OF_AREA: Readonly<Record<DiffArea, ChangeGroup>> = {
  service: 'settings',
  page: 'form',
  field: 'form',
  state: 'process',
  action: 'process',
  template: 'documents',
  settings: 'settings',
};

/** The changes of one area, in the order of the difference. */
export interface ChangeGroupEntry {
  group: ChangeGroup;
  changes: DefinitionChange[];
}

/**
 * Sorts a difference into the Studio's areas (Formular, Ablauf, Schreiben, Einstellungen), leaving out empty ones;
 * within an area the changes keep the difference's order.
 *
 * @example
 * groupChanges(diffDefinitions(published, draft)).map((entry) => entry.group) // ['form', 'settings']
 */
export function groupChanges(diff: DefinitionDiff): ChangeGroupEntry[] {
  return CHANGE_GROUPS.map((group) => ({ group, changes: diff.changes.filter((change) => GROUP_OF_AREA[change.area] === group) })).filter(
    (entry) => entry.changes.length > 0,
  );
}
