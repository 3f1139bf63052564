import type { PropertyChange } from './definition-diff';
import type { NameBook, NameBooks } from './diff-name-book';
import { mergeKeepingRemoved } from './diff-sequence';
import type { EditText } from './element-names';
import {
  formatAddedOrRemoved,
  formatLanguage,
  formatValue,
  inBothLanguages,
  isShortText,
  quote,
  shorten,
  type DiffLanguage,
} from './diff-wording';

/** Shows one value in a summary; `names` is the name book of the version the value comes from. */
export type ValueFormatter = (value: unknown, language: DiffLanguage, names: NameBook) => string;

/**
 * How one property of a thing is compared and named.
 * - `text`: a translated text, compared per language (`label.de`).
 * - `flag`: yes/no, not set counts as no.
 * - `value`: compared whole (numbers, ids, expressions).
 * - `set`: a list whose order does not matter (roles, countries); reports members added and removed.
 * - `keyed`: a list of items with a key (options by `value`, inputs by `key`, deadlines by `id`); reports items
 *   added, removed and changed, and a new order.
 * - `object`: an object compared property by property; when its `discriminator` differs (the signature's
 *   mode), as a whole, since the other properties then mean something else.
 * - `effects`: the effects of an action, compared as a list of whole effects.
 */
export type PropertySpec =
  | { kind: 'text'; name: EditText }
  | { kind: 'flag'; name: EditText }
  | { kind: 'value'; name: EditText; format?: ValueFormatter }
  | { kind: 'set'; name: EditText; format?: ValueFormatter }
  | { kind: 'keyed'; name: EditText; itemName: EditText; key: string; properties: PropertySpecs }
  | { kind: 'object'; name: EditText; properties: PropertySpecs; discriminator?: string }
  | { kind: 'effects'; name: EditText };

/** The properties of one kind of thing, in the order changes to them are listed. */
export type PropertySpecs = Readonly<Record<string, PropertySpec>>;

type Properties = Readonly<Record<string, unknown>>;

/**
 * Compares two versions of a thing property by property. Properties named in `specs` come first in that order,
 * then any others in alphabetical order (compared whole); `ignore` names those compared elsewhere (children,
 * ids). Key order inside the objects never counts as a change.
 */
export function compareProperties(
  older: object,
  newer: object,
  specs: PropertySpecs,
  names: NameBooks,
  ignore: readonly string[] = [],
): PropertyChange[] {
  const before = older as Properties;
  const after = newer as Properties;
  const others = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((property) => !Object.hasOwn(specs, property) && !ignore.includes(property))
    .sort();
  const changes: PropertyChange[] = [];
  for (const property of [...Object.keys(specs), ...others]) {
    if (ignore.includes(property)) continue;
    const spec = specs[property] ?? { kind: 'value', name: { de: property, en: property } };
    changes.push(...compareProperty(property, before[property], after[property], spec, names));
  }
  return changes;
}

function compareProperty(
  property: string,
  before: unknown,
  after: unknown,
  spec: PropertySpec,
  names: NameBooks,
): PropertyChange[] {
  switch (spec.kind) {
    case 'text':
      return compareText(property, before, after, spec.name);
    case 'flag':
      return compareFlag(property, before, after, spec.name);
    case 'value':
      return compareValue(property, before, after, spec.name, spec.format ?? plainFormat, names);
    case 'set':
      return compareSet(property, before, after, spec.name, spec.format ?? plainFormat, names);
    case 'keyed':
      return compareKeyedList(property, before, after, spec, names);
    case 'object':
      return compareObject(property, before, after, spec, names);
    case 'effects':
      return compareEffects(property, before, after, spec.name, names);
  }
}

const plainFormat: ValueFormatter = (value, language) => formatValue(value, language);

function compareText(property: string, before: unknown, after: unknown, name: EditText): PropertyChange[] {
  const older = asTextRecord(before);
  const newer = asTextRecord(after);
  const languages = [...new Set([...Object.keys(older), ...Object.keys(newer)])].sort((a, b) =>
    a === 'de' ? -1 : b === 'de' ? 1 : a.localeCompare(b),
  );
  const changes: PropertyChange[] = [];
  for (const code of languages) {
    const was = older[code];
    const is = newer[code];
    if (was === is) continue;
    const textName = (language: DiffLanguage): string => `${name[language]} (${formatLanguage(code, language)})`;
    const showValues = (was === undefined || isShortText(was)) && (is === undefined || isShortText(is));
    changes.push({
      property: `${property}.${code}`,
      before: was,
      after: is,
      summary: inBothLanguages((language) => {
        if (!showValues) return describeBareChange(textName(language), was, is, language);
        const shown = (text: string | undefined): string | undefined => (text === undefined ? undefined : quote(text, language));
        return describeChange(textName(language), shown(was), shown(is), language);
      }),
    });
  }
  return changes;
}

function asTextRecord(value: unknown): Readonly<Record<string, string>> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function compareFlag(property: string, before: unknown, after: unknown, name: EditText): PropertyChange[] {
  const was = before ?? false;
  const is = after ?? false;
  if (isSame(was, is)) return [];
  return [
    {
      property,
      before: was,
      after: is,
      summary: inBothLanguages((language) =>
        describeChange(name[language], formatValue(was, language), formatValue(is, language), language),
      ),
    },
  ];
}

function compareValue(
  property: string,
  before: unknown,
  after: unknown,
  name: EditText,
  format: ValueFormatter,
  names: NameBooks,
): PropertyChange[] {
  if (isSame(before, after)) return [];
  return [
    {
      property,
      before,
      after,
      summary: inBothLanguages((language) =>
        describeChange(
          name[language],
          before === undefined ? undefined : format(before, language, names.older),
          after === undefined ? undefined : format(after, language, names.newer),
          language,
        ),
      ),
    },
  ];
}

function compareSet(
  property: string,
  before: unknown,
  after: unknown,
  name: EditText,
  format: ValueFormatter,
  names: NameBooks,
): PropertyChange[] {
  const older = asList(before);
  const newer = asList(after);
  const olderKeys = new Set(older.map(stableJson));
  const newerKeys = new Set(newer.map(stableJson));
  const added = newer.filter((item) => !olderKeys.has(stableJson(item)));
  const removed = older.filter((item) => !newerKeys.has(stableJson(item)));
  if (added.length === 0 && removed.length === 0) return [];
  return [
    {
      property,
      before,
      after,
      summary: inBothLanguages((language) => {
        const parts: string[] = [];
        if (added.length > 0) {
          const list = added.map((item) => format(item, language, names.newer)).join(', ');
          parts.push(`${list} ${formatAddedOrRemoved('added', language)}`);
        }
        if (removed.length > 0) {
          const list = removed.map((item) => format(item, language, names.older)).join(', ');
          parts.push(`${list} ${formatAddedOrRemoved('removed', language)}`);
        }
        return `${name[language]} ${language === 'de' ? 'geändert' : 'changed'}: ${parts.join(', ')}`;
      }),
    },
  ];
}

function compareKeyedList(
  property: string,
  before: unknown,
  after: unknown,
  spec: Extract<PropertySpec, { kind: 'keyed' }>,
  names: NameBooks,
): PropertyChange[] {
  const older = indexByKey(asList(before), spec.key);
  const newer = indexByKey(asList(after), spec.key);
  const changes: PropertyChange[] = [];
  const commonOlder = [...older.keys()].filter((key) => newer.has(key));
  const commonNewer = [...newer.keys()].filter((key) => older.has(key));
  if (commonOlder.join('\u0000') !== commonNewer.join('\u0000')) {
    changes.push({
      property,
      before: commonOlder,
      after: commonNewer,
      summary: inBothLanguages((language) => `${spec.name[language]}: ${language === 'de' ? 'Reihenfolge geändert' : 'order changed'}`),
    });
  }
  for (const key of mergeKeepingRemoved([...older.keys()], [...newer.keys()])) {
    const was = older.get(key);
    const is = newer.get(key);
    const itemName = (language: DiffLanguage, item: Properties): string =>
      `${spec.itemName[language]} ${quote(shorten(describeItem(item, key)), language)}`;
    if (was === undefined && is !== undefined) {
      changes.push({
        property: `${property}.${key}`,
        before: undefined,
        after: is,
        summary: inBothLanguages((language) => `${itemName(language, is)} ${formatAddedOrRemoved('added', language)}`),
      });
    } else if (was !== undefined && is === undefined) {
      changes.push({
        property: `${property}.${key}`,
        before: was,
        after: undefined,
        summary: inBothLanguages((language) => `${itemName(language, was)} ${formatAddedOrRemoved('removed', language)}`),
      });
    } else if (was !== undefined && is !== undefined) {
      for (const inner of compareProperties(was, is, spec.properties, names, [spec.key])) {
        changes.push({
          ...inner,
          property: `${property}.${key}.${inner.property}`,
          summary: inBothLanguages((language) => `${itemName(language, is)}, ${inner.summary[language]}`),
        });
      }
    }
  }
  return changes;
}

function indexByKey(items: readonly unknown[], key: string): Map<string, Properties> {
  const index = new Map<string, Properties>();
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const value = (item as Properties)[key];
    // A duplicate key is a mistake the static checks report; the first one counts, as everywhere else.
    if (typeof value === 'string' && !index.has(value)) index.set(value, item as Properties);
  }
  return index;
}

function describeItem(item: Properties, key: string): string {
  const label = item.label;
  if (typeof label === 'object' && label !== null) {
    const german = (label as { de?: unknown }).de;
    if (typeof german === 'string' && german.trim() !== '') return german;
  }
  return key;
}

function compareObject(
  property: string,
  before: unknown,
  after: unknown,
  spec: Extract<PropertySpec, { kind: 'object' }>,
  names: NameBooks,
): PropertyChange[] {
  const olderIsObject = typeof before === 'object' && before !== null;
  const newerIsObject = typeof after === 'object' && after !== null;
  const discriminator = spec.discriminator;
  if (olderIsObject && newerIsObject && discriminator !== undefined) {
    const was = (before as Properties)[discriminator];
    const is = (after as Properties)[discriminator];
    const kindSpec = spec.properties[discriminator];
    if (!isSame(was, is)) {
      const format = kindSpec?.kind === 'value' ? (kindSpec.format ?? plainFormat) : plainFormat;
      return [
        {
          property,
          before,
          after,
          summary: inBothLanguages((language) =>
            describeChange(spec.name[language], format(was, language, names.older), format(is, language, names.newer), language),
          ),
        },
      ];
    }
  }
  if (olderIsObject && newerIsObject) {
    return compareProperties(before, after, spec.properties, names).map((inner) => ({
      ...inner,
      property: `${property}.${inner.property}`,
      summary: inBothLanguages((language) => `${spec.name[language]}, ${inner.summary[language]}`),
    }));
  }
  if (isSame(before, after)) return [];
  return [
    {
      property,
      before,
      after,
      summary: inBothLanguages((language) => describeBareChange(spec.name[language], before, after, language)),
    },
  ];
}

function compareEffects(property: string, before: unknown, after: unknown, name: EditText, names: NameBooks): PropertyChange[] {
  const older = asList(before);
  const newer = asList(after);
  if (isSame(older, newer)) return [];
  const added = subtractList(newer, older);
  const removed = subtractList(older, newer);
  return [
    {
      property,
      before,
      after,
      summary: inBothLanguages((language) => {
        const parts = [
          ...added.map((effect) => `${describeEffect(effect, language, names.newer)} ${formatAddedOrRemoved('added', language)}`),
          ...removed.map(
            (effect) => `${describeEffect(effect, language, names.older)} ${formatAddedOrRemoved('removed', language)}`,
          ),
        ];
        if (parts.length === 0) parts.push(language === 'de' ? 'Reihenfolge geändert' : 'order changed');
        return `${name[language]} ${language === 'de' ? 'geändert' : 'changed'}: ${parts.join(', ')}`;
      }),
    },
  ];
}

// The items of `items` that `others` does not have, counting duplicates.
function subtractList(items: readonly unknown[], others: readonly unknown[]): unknown[] {
  const remaining = others.map(stableJson);
  return items.filter((item) => {
    const at = remaining.indexOf(stableJson(item));
    if (at === -1) return true;
    remaining.splice(at, 1);
    return false;
  });
}

function describeEffect(effect: unknown, language: DiffLanguage, names: NameBook): string {
  const { type, template, message } = (typeof effect === 'object' && effect !== null ? effect : {}) as Properties;
  if (type === 'issueDocument' && typeof template === 'string') {
    const title = quote(names.template(template), language);
    return language === 'de' ? `Dokument ${title} ausstellen` : `issue document ${title}`;
  }
  if (type === 'notifyApplicant') {
    const text = formatValue(message, language);
    return language === 'de' ? `Nachricht an die antragstellende Person ${text}` : `notify the applicant ${text}`;
  }
  return formatValue(effect, language);
}

// "X geändert von A zu B", "X gesetzt auf B", "X entfernt (bisher A)", from values already formatted.
function describeChange(name: string, before: string | undefined, after: string | undefined, language: DiffLanguage): string {
  if (before === undefined) return language === 'de' ? `${name} gesetzt auf ${after ?? '–'}` : `${name} set to ${after ?? '–'}`;
  if (after === undefined) return language === 'de' ? `${name} entfernt (bisher ${before})` : `${name} removed (was ${before})`;
  return language === 'de' ? `${name} geändert von ${before} zu ${after}` : `${name} changed from ${before} to ${after}`;
}

// Like `describeChange`, for values too long to show.
function describeBareChange(name: string, before: unknown, after: unknown, language: DiffLanguage): string {
  if (before === undefined) return `${name} ${formatAddedOrRemoved('added', language)}`;
  if (after === undefined) return `${name} ${formatAddedOrRemoved('removed', language)}`;
  return language === 'de' ? `${name} geändert` : `${name} changed`;
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Whether two JSON values are equal, whatever the order of their objects' keys. */
export function isSame(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Properties)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Properties)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The one-line summary of a changed thing: its name, then every property change. */
export function summarizePropertyChanges(subject: EditText, changes: readonly PropertyChange[]): EditText {
  return inBothLanguages((language) => `${subject[language]}: ${changes.map((change) => change.summary[language]).join('; ')}`);
}
