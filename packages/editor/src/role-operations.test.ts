import { checkDefinition } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import { addRole, deleteRole, renameRoleId, updateRole } from './role-operations';
import { actionOf, createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung, stateOf } from './process-test-fixtures';

describe('addRole', () => {
  it('appends or inserts a role', () => {
    const definition = createProcessDefinition();
    const role = { id: 'field', label: { de: 'Außendienst' } };
    expect(expectEdited(addRole(definition, role)).settings.roles.map((r) => r.id)).toEqual(['clerk', 'lead', 'field']);
    expect(expectEdited(addRole(definition, role, 0)).settings.roles.map((r) => r.id)).toEqual(['field', 'clerk', 'lead']);
    expect(definition.settings.roles).toHaveLength(2);
  });

  it.each([
    ['clerk', 'Es gibt schon eine Rolle mit der Kennung „clerk“.'],
    ['applicant', '„applicant“ steht schon für die antragstellende Person und kann nicht als eigene Rolle angelegt werden.'],
    ['system', '„system“ steht schon für das System (es löst etwa Fristen aus) und kann nicht als eigene Rolle angelegt werden.'],
    ['Sachbearbeitung Ost', 'ist als Kennung nicht möglich'],
    // Issue 18, finding 4: any spelling of a built-in actor reads like it in the history.
    ['System', '„System“ steht schon für das System'],
    ['APPLICANT', '„APPLICANT“ steht schon für die antragstellende Person'],
  ])('refuses the id %s', (id, message) => {
    expect(expectRefused(addRole(createProcessDefinition(), { id, label: { de: 'X' } })).de).toContain(message);
  });

  it('refuses a bad position', () => {
    expectRefused(addRole(createProcessDefinition(), { id: 'field', label: { de: 'X' } }, 3));
  });
});

describe('updateRole', () => {
  it('changes the label only', () => {
    const changed = expectEdited(updateRole(createProcessDefinition(), 'lead', { label: { de: 'Leitung' }, ...({ id: 'x' } as object) }));
    expect(changed.settings.roles[1]).toEqual({ id: 'lead', label: { de: 'Leitung' } });
  });

  it('refuses an unknown role', () => {
    expect(expectRefused(updateRole(createProcessDefinition(), 'nope', {})).de).toBe('Die Rolle „nope“ gibt es nicht.');
  });
});

describe('renameRoleId', () => {
  it('updates the states worked on by the role and the actions it may take', () => {
    const changed = expectEdited(renameRoleId(createProcessDefinition(), 'clerk', 'caseworker'));
    expect(changed.settings.roles.map((r) => r.id)).toEqual(['caseworker', 'lead']);
    expect(stateOf(changed, 'review').role).toBe('caseworker');
    expect(actionOf(changed, 'review', 'reject').roles).toEqual(['caseworker', 'lead']);
    expect(actionOf(changed, 'waiting', 'reply').roles).toEqual(['applicant']);
    expect(checkDefinition(changed)).toEqual([]);
  });

  it('renames Hundeanmeldung’s dogTax everywhere, and the definition stays clean', () => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(renameRoleId(definition, 'dogTax', 'hundesteuer'));
    expect(JSON.stringify(changed)).not.toContain('"dogTax"');
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('keeps the definition for the same id, and refuses taken, reserved and unknown ids', () => {
    const definition = createProcessDefinition();
    expect(expectEdited(renameRoleId(definition, 'clerk', 'clerk'))).toBe(definition);
    expectRefused(renameRoleId(definition, 'clerk', 'lead'));
    expectRefused(renameRoleId(definition, 'clerk', 'system'));
    expectRefused(renameRoleId(definition, 'nope', 'x'));
  });
});

/** A draft stored before issue 18 that declares the built-in `system` as a role of its own. */
function createLegacyDefinition() {
  const definition = createProcessDefinition();
  return { ...definition, settings: { ...definition.settings, roles: [...definition.settings.roles, { id: 'system', label: { de: 'System' } }] } };
}

describe('a role declared with a reserved id before issue 18', () => {
  it('is renamed without touching the actions the built-in system takes', () => {
    const changed = expectEdited(renameRoleId(createLegacyDefinition(), 'system', 'automation'));
    expect(changed.settings.roles.map((r) => r.id)).toEqual(['clerk', 'lead', 'automation']);
    expect(actionOf(changed, 'waiting', 'timeout').roles).toEqual(['system']);
    expect(checkDefinition(changed).filter((d) => d.code === 'RESERVED_ROLE')).toEqual([]);
  });

  it('is deleted although the built-in system takes actions', () => {
    const changed = expectEdited(deleteRole(createLegacyDefinition(), 'system'));
    expect(changed.settings.roles.map((r) => r.id)).toEqual(['clerk', 'lead']);
    expect(actionOf(changed, 'waiting', 'timeout').roles).toEqual(['system']);
  });
});

describe('deleteRole', () => {
  it('deletes a role nothing uses', () => {
    const definition = expectEdited(addRole(createProcessDefinition(), { id: 'field', label: { de: 'Außendienst' } }));
    expect(expectEdited(deleteRole(definition, 'field')).settings.roles.map((r) => r.id)).toEqual(['clerk', 'lead']);
  });

  it('refuses while states and actions use it, listing them', () => {
    expect(expectRefused(deleteRole(createProcessDefinition(), 'lead')).de).toBe(
      'Die Rolle „Teamleitung“ wird noch verwendet und kann nicht gelöscht werden: die Aktion „Ablehnen“ im Status „Prüfung“. Wählen Sie dort zuerst eine andere Rolle.',
    );
    const message = expectRefused(deleteRole(createProcessDefinition(), 'clerk'));
    expect(message.de).toContain('der Status „Prüfung“, die Aktion „Nachfragen“ im Status „Prüfung“, die Aktion „Genehmigen“');
    expect(message.en).toContain('the state “Prüfung”, the action “Nachfragen” in the state “Prüfung”');
  });

  it('refuses an unknown role', () => {
    expectRefused(deleteRole(createProcessDefinition(), 'nope'));
  });
});
