import type { EditText } from './element-names';

/** What part of the definition a change is in. */
export type DiffArea = 'service' | 'page' | 'field' | 'state' | 'action' | 'template' | 'settings';

/** The areas in the order a difference lists them. */
export const DIFF_AREAS = ['service', 'page', 'field', 'state', 'action', 'template', 'settings'] as const satisfies readonly DiffArea[];

/** What happened to the thing. A field may be both `moved` and `changed`: then it has one change of each. */
export type DiffChangeKind = 'added' | 'removed' | 'changed' | 'moved';

/** The kinds of change in the order a headline counts them. */
export const DIFF_CHANGE_KINDS = ['added', 'removed', 'changed', 'moved'] as const satisfies readonly DiffChangeKind[];

/** One property that differs between the versions of a thing. */
export interface PropertyChange {
  /**
   * Dot-separated path from the thing: `label.de`, `required`, `options.poodle` (an option by value),
   * `inputs.reason.required` (an action input by key), `deadlines.answerDeadline.after`, `signature.mode`;
   * for a move `page` and `position`.
   */
  property: string;
  /** Value in the older version; `undefined` when it was not set. Yes/no settings that were not set are `false`. */
  before: unknown;
  /** Value in the newer version; `undefined` when it is not set any more. */
  after: unknown;
  /** The change as a phrase without the thing's name: "Pflichtfeld geändert von Nein zu Ja". */
  summary: EditText;
}

/** One difference between two versions of a service definition. */
export interface DefinitionChange {
  area: DiffArea;
  change: DiffChangeKind;
  /**
   * Stable identity within the area: the page id, the field's data path (`dogs.breed`), the state id,
   * `stateId/actionId`, the template id; for settings `languages`, `roles/<roleId>`, `retention`,
   * `referencePattern`, `applicant`; `service` for the service's own texts and `process.initial` for the
   * initial state.
   */
  id: string;
  /** JSON pointer of the thing in the older version; absent when it was added. */
  olderPointer?: string;
  /** JSON pointer of the thing in the newer version; absent when it was removed. */
  newerPointer?: string;
  /** For `changed` and `moved`: what differs, in a fixed order. Empty for `added` and `removed`. */
  properties: PropertyChange[];
  /** One line a clerk can read: „Feld „Rasse“ (dogs.breed): Pflichtfeld geändert von Nein zu Ja“. */
  summary: EditText;
}

/** The differences between two versions, in the order of the form, the process, the templates, the settings. */
export interface DefinitionDiff {
  changes: DefinitionChange[];
}
