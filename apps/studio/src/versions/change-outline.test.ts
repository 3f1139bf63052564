import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { diffDefinitions, type DefinitionChange } from '@amtsweg/editor';
import { outlineChange } from './change-outline';
import { editHunde, firstNameField, HUNDE } from './versions-test-fixtures';

function onlyChange(edit: (definition: ServiceDefinition) => void): DefinitionChange {
  const { changes } = diffDefinitions(HUNDE, editHunde(edit));
  expect(changes).toHaveLength(1);
  return changes[0]!;
}

describe('outlineChange', () => {
  for (const language of ['de', 'en'] as const) {
    it(`names a changed field in the line and nests its property changes (${language})`, () => {
      const change = onlyChange((definition) => {
        const field = firstNameField(definition);
        field.required = false;
        field.maxLength = 50;
      });

      const { line, details } = outlineChange(change, language);

      expect(details).toEqual(change.properties.map((property) => property.summary[language]));
      expect(details).toHaveLength(2);
      expect(`${line}: ${details.join('; ')}`).toBe(change.summary[language]);
      expect(line).toContain('holder.firstName');
    });
  }

  it('keeps the summary of a setting as the line and does not repeat its one property change', () => {
    const change = onlyChange((definition) => {
      definition.settings.retention = 'P5Y';
    });

    expect(outlineChange(change, 'de')).toEqual({ line: change.summary.de, details: [] });
  });

  it('says an added, removed or moved thing in one line', () => {
    const removed = onlyChange((definition) => {
      definition.process.states = definition.process.states.filter((state) => state.id !== 'withdrawn');
    });
    const moved = diffDefinitions(
      HUNDE,
      editHunde((definition) => {
        const holder = definition.form.pages[0]?.elements.find((element) => element.key === 'holder');
        if (holder?.type === 'group') holder.elements.reverse();
      }),
    ).changes.find((change) => change.change === 'moved');

    expect(outlineChange(removed, 'en')).toEqual({ line: removed.summary.en, details: [] });
    expect(moved).toBeDefined();
    expect(outlineChange(moved!, 'de')).toEqual({ line: moved!.summary.de, details: [] });
  });
});
