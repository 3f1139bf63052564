import { APPLICANT_ROLE, SYSTEM_ROLE, type ServiceDefinition } from '@amtsweg/definitions';
import type { EditText } from './element-names';

/**
 * The German names of the things a definition refers to by id, so a summary can say „Abgelehnt“ instead of
 * `rejected`. One per version: a target before a change is named as the older version names it.
 */
export interface NameBook {
  state(id: string): string;
  template(id: string): string;
  role(id: string): EditText;
  page(id: string): string;
}

/** The name books of the two versions being compared. */
export interface NameBooks {
  older: NameBook;
  newer: NameBook;
}

const BUILT_IN_ROLES: Readonly<Record<string, EditText>> = {
  [APPLICANT_ROLE]: { de: 'Antragstellende Person', en: 'applicant' },
  [SYSTEM_ROLE]: { de: 'System', en: 'system' },
};

/** Collects the German names of a definition's states, templates, roles and pages; unknown ids name themselves. */
export function createNameBook(definition: ServiceDefinition): NameBook {
  const states = new Map(definition.process.states.map((state) => [state.id, state.label.de]));
  const templates = new Map(definition.documents.map((template) => [template.id, template.title.de]));
  const roles = new Map(definition.settings.roles.map((role) => [role.id, role.label.de]));
  const pages = new Map(definition.form.pages.map((page) => [page.id, page.title.de]));
  return {
    state: (id) => states.get(id) ?? id,
    template: (id) => templates.get(id) ?? id,
    role: (id) => {
      const label = roles.get(id);
      if (label !== undefined) return { de: label, en: label };
      return BUILT_IN_ROLES[id] ?? { de: id, en: id };
    },
    page: (id) => pages.get(id) ?? id,
  };
}
