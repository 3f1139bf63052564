import type { ServiceDefinition, TextField } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';

export const HUNDE = HUNDEANMELDUNG as ServiceDefinition;

/** A copy of the Hundeanmeldung with one edit applied. */
export function editHunde(edit: (definition: ServiceDefinition) => void): ServiceDefinition {
  const copy = structuredClone(HUNDE);
  edit(copy);
  return copy;
}

/** The Hundeanmeldung's first-name field (holder.firstName) in `definition`. */
export function firstNameField(definition: ServiceDefinition): TextField {
  const holder = definition.form.pages[0]?.elements.find((element) => element.key === 'holder');
  const field = holder?.type === 'group' ? holder.elements.find((element) => element.key === 'firstName') : undefined;
  if (field?.type !== 'text') throw new Error('no holder.firstName');
  return field;
}
