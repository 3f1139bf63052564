import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '@amtsweg/editor';
import { groupChanges } from './change-groups';
import { editHunde, firstNameField, HUNDE } from './versions-test-fixtures';

describe('groupChanges', () => {
  it('sorts changes into Formular, Ablauf, Schreiben and Einstellungen, in the order of the tabs', () => {
    const newer = editHunde((definition) => {
      definition.settings.retention = 'P5Y';
      definition.title.de = 'Hund anmelden';
      const receipt = definition.documents.find((template) => template.id === 'receipt');
      if (receipt?.body !== undefined) receipt.body.de = `${receipt.body.de}\n\nVielen Dank.`;
      definition.process.states = definition.process.states.filter((state) => state.id !== 'withdrawn');
      firstNameField(definition).required = false;
    });

    const groups = groupChanges(diffDefinitions(HUNDE, newer));

    expect(groups.map((entry) => [entry.group, entry.changes.map((change) => `${change.area}:${change.id}`)])).toEqual([
      ['form', ['field:holder.firstName']],
      ['process', ['state:withdrawn']],
      ['documents', ['template:receipt']],
      // The service's own texts are edited with the settings.
      ['settings', ['service:service', 'settings:retention']],
    ]);
  });

  it('leaves out areas without changes', () => {
    const newer = editHunde((definition) => {
      definition.settings.referencePattern = 'HSt-{YYYY}-{SEQ:6}';
    });

    expect(groupChanges(diffDefinitions(HUNDE, newer)).map((entry) => entry.group)).toEqual(['settings']);
  });

  it('gives no groups for equal versions', () => {
    expect(groupChanges(diffDefinitions(HUNDE, structuredClone(HUNDE)))).toEqual([]);
  });
});
