import {
  DIFF_AREAS,
  DIFF_CHANGE_KINDS,
  type DefinitionDiff,
  type DiffArea,
  type DiffChangeKind,
} from './definition-diff';
import type { EditText } from './element-names';

/** How many changes of one kind one area has. */
export interface DiffCount {
  area: DiffArea;
  change: DiffChangeKind;
  count: number;
}

/** The headline of a difference: counts per area and kind of change, and the same as a sentence. */
export interface DiffSummary {
  /** Only the non-zero counts, areas in the order of the definition, then added, removed, changed, moved. */
  counts: DiffCount[];
  /** „3 Felder hinzugefügt, 1 geändert; 1 Aktion geändert“, or „Keine Änderungen“. */
  text: EditText;
}

const AREA_NOUNS: Readonly<Record<DiffArea, { de: [string, string]; en: [string, string] }>> = {
  service: { de: ['Angabe zum Dienst', 'Angaben zum Dienst'], en: ['service detail', 'service details'] },
  page: { de: ['Seite', 'Seiten'], en: ['page', 'pages'] },
  field: { de: ['Feld', 'Felder'], en: ['field', 'fields'] },
  state: { de: ['Status', 'Status'], en: ['state', 'states'] },
  action: { de: ['Aktion', 'Aktionen'], en: ['action', 'actions'] },
  template: { de: ['Vorlage', 'Vorlagen'], en: ['template', 'templates'] },
  settings: { de: ['Einstellung', 'Einstellungen'], en: ['setting', 'settings'] },
};

const CHANGE_WORDS: Readonly<Record<DiffChangeKind, EditText>> = {
  added: { de: 'hinzugefügt', en: 'added' },
  removed: { de: 'entfernt', en: 'removed' },
  changed: { de: 'geändert', en: 'changed' },
  moved: { de: 'verschoben', en: 'moved' },
};

/**
 * Counts the changes of a difference per area and kind, for a headline above the list.
 *
 * @example
 * summarizeDiff(diffDefinitions(older, newer)).text.de // '3 Felder hinzugefügt, 1 geändert; 1 Aktion geändert'
 */
export function summarizeDiff(diff: DefinitionDiff): DiffSummary {
  const counts: DiffCount[] = [];
  for (const area of DIFF_AREAS) {
    for (const change of DIFF_CHANGE_KINDS) {
      const count = diff.changes.filter((entry) => entry.area === area && entry.change === change).length;
      if (count > 0) counts.push({ area, change, count });
    }
  }
  const describe = (language: keyof EditText): string => {
    if (counts.length === 0) return language === 'de' ? 'Keine Änderungen' : 'No changes';
    return DIFF_AREAS.flatMap((area) => {
      const inArea = counts.filter((count) => count.area === area);
      const [first] = inArea;
      if (first === undefined) return [];
      // The noun takes its number from the first count: „1 Feld hinzugefügt, 2 geändert“.
      const noun = AREA_NOUNS[area][language][first.count === 1 ? 0 : 1];
      return [
        inArea
          .map((count, index) => `${count.count}${index === 0 ? ` ${noun}` : ''} ${CHANGE_WORDS[count.change][language]}`)
          .join(', '),
      ];
    }).join('; ');
  };
  return { counts, text: { de: describe('de'), en: describe('en') } };
}
