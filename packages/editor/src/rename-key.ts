import type { ServiceDefinition } from '@amtsweg/definitions';
import { succeed, type EditResult } from './edit-result';
import { checkKeyFits } from './element-keys';
import { findElement, joinPath, locateContainer, refuseUnknownElement, replaceElements } from './element-paths';
import { renamePathPrefix, rewriteDefinitionPaths } from './field-references';

/**
 * Gives an element a new data key and updates every reference to it and to everything below it: conditions,
 * calculations, action guards, template placeholders (each blocks included), the applicant fields of the
 * settings and the placeholders of the applicant's e-mails. Refused when the key is malformed or already used in the element's data scope.
 *
 * @example
 * const result = renameKey(definition, 'holder', 'owner');
 * // {{holder.lastName}} is now {{owner.lastName}}, { var: 'holder.city' } is { var: 'owner.city' }
 */
export function renameKey(definition: ServiceDefinition, path: string, newKey: string): EditResult {
  const located = findElement(definition, path);
  if (located === undefined) return refuseUnknownElement(path);
  const { element, place } = located;
  if (newKey === element.key) return succeed(definition);
  const container = locateContainer(definition, place);
  if ('ok' in container) return container;
  const siblings = place.parent === undefined ? definition.form.pages.flatMap((page) => page.elements) : container.elements;
  const problem = checkKeyFits(element, newKey, siblings.filter((sibling) => sibling !== element), container.owner);
  if (problem !== undefined) return problem;
  const renamed = replaceElements(definition, located.pageIndex, container.positions, (elements) =>
    elements.map((sibling, index) => (index === place.index ? { ...sibling, key: newKey } : sibling)),
  );
  return succeed(rewriteDefinitionPaths(renamed, renamePathPrefix(path, joinPath(place.parent, newKey))));
}
