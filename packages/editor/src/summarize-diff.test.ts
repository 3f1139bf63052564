import { describe, expect, it } from 'vitest';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import type { RepeatElement, ServiceDefinition } from '@amtsweg/definitions';
import { diffDefinitions } from './diff-definitions';
import { summarizeDiff } from './summarize-diff';

const HUNDE = HUNDEANMELDUNG as ServiceDefinition;

describe('summarizeDiff', () => {
  it('says so when nothing changed', () => {
    expect(summarizeDiff(diffDefinitions(HUNDE, HUNDE))).toEqual({
      counts: [],
      text: { de: 'Keine Änderungen', en: 'No changes' },
    });
  });

  it('counts per area and kind of change, the noun taking its number from the first count', () => {
    const newer = structuredClone(HUNDE);
    const dogs = newer.form.pages[1]?.elements[0] as RepeatElement;
    dogs.elements.push(
      { type: 'text', key: 'colour', label: { de: 'Farbe' } },
      { type: 'text', key: 'size', label: { de: 'Größe' } },
      { type: 'text', key: 'weight', label: { de: 'Gewicht' } },
    );
    dogs.maxItems = 3;
    const approve = newer.process.states[1]?.actions?.[1];
    if (approve !== undefined) approve.label.de = 'Anmeldung annehmen';

    expect(summarizeDiff(diffDefinitions(HUNDE, newer))).toEqual({
      counts: [
        { area: 'field', change: 'added', count: 3 },
        { area: 'field', change: 'changed', count: 1 },
        { area: 'action', change: 'changed', count: 1 },
      ],
      text: {
        de: '3 Felder hinzugefügt, 1 geändert; 1 Aktion geändert',
        en: '3 fields added, 1 changed; 1 action changed',
      },
    });
  });

  it('uses the singular for one and the plural for more', () => {
    const newer = structuredClone(HUNDE);
    newer.settings.roles.push({ id: 'a', label: { de: 'A' } }, { id: 'b', label: { de: 'B' } });
    newer.settings.retention = 'P5Y';
    newer.form.pages.reverse();
    expect(summarizeDiff(diffDefinitions(HUNDE, newer)).text).toEqual({
      de: '2 Seiten verschoben; 2 Einstellungen hinzugefügt, 1 geändert',
      en: '2 pages moved; 2 settings added, 1 changed',
    });
  });
});
