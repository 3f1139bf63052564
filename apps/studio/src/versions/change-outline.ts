import type { DefinitionChange } from '@amtsweg/editor';
import type { UiLanguage } from '@amtsweg/ui';

/** One change as a list item: a line, and the changed properties as nested items. */
export interface ChangeOutline {
  line: string;
  details: string[];
}

/**
 * A change as a list item. A changed thing's summary is „<name>: <property change>; <property change>“; the name
 * becomes the line and each property change a nested item, so nothing is said twice. Where the summary has no
 * such name (a setting), it stays the line, and the property changes are nested only when there are several.
 * Added, removed and moved things are said in one line.
 *
 * @example
 * outlineChange(requiredChange, 'de') // { line: 'Feld „Telefon“ (holder.phone)', details: ['Pflichtfeld geändert von Nein zu Ja'] }
 */
export function outlineChange(change: DefinitionChange, language: UiLanguage): ChangeOutline {
  const summary = change.summary[language];
  if (change.change !== 'changed' || change.properties.length === 0) return { line: summary, details: [] };
  const details = change.properties.map((property) => property.summary[language]);
  const suffix = `: ${details.join('; ')}`;
  if (summary.endsWith(suffix) && summary.length > suffix.length) return { line: summary.slice(0, -suffix.length), details };
  return { line: summary, details: details.length > 1 ? details : [] };
}
