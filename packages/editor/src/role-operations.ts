import { describeBuiltInActor, isBuiltInActor } from '@amtsweg/definitions';
import type { RoleDefinition, ServiceDefinition } from '@amtsweg/definitions';
import { refuse, succeed, type EditResult } from './edit-result';
import {
  checkNewId,
  insertAt,
  isInsertPosition,
  joinList,
  listActions,
  mapStates,
  quoteLabel,
  refusePosition,
  type Refusal,
} from './process-edit-support';

/** What `updateRole` may change; the id has `renameRoleId`. */
export type RoleChanges = Partial<Omit<RoleDefinition, 'id'>>;

/**
 * Adds a process role (a group of caseworkers) to the settings, at `index` or at the end. The built-in actors
 * `applicant` and `system` cannot be added, in any spelling.
 *
 * @example
 * addRole(definition, { id: 'fieldService', label: { de: 'Außendienst' } });
 */
export function addRole(definition: ServiceDefinition, role: RoleDefinition, index?: number): EditResult {
  const roles = definition.settings.roles;
  if (index !== undefined && !isInsertPosition(index, roles.length)) return refusePosition();
  const problem = checkRoleId(definition, role.id);
  if (problem) return problem;
  return succeed(withRoles(definition, insertAt(roles, structuredClone(role), index)));
}

/**
 * Changes the label of a role.
 *
 * @example
 * updateRole(definition, 'dogTax', { label: { de: 'Hundesteuerstelle' } });
 */
export function updateRole(definition: ServiceDefinition, roleId: string, changes: RoleChanges): EditResult {
  const roles = definition.settings.roles;
  const index = roles.findIndex((r) => r.id === roleId);
  const role = roles[index];
  if (role === undefined) return refuseUnknownRole(roleId);
  const copy = [...roles];
  copy[index] = { ...role, ...(changes.label !== undefined && { label: structuredClone(changes.label) }) };
  return succeed(withRoles(definition, copy));
}

/**
 * Gives a role a new id and updates the states worked on by it and the actions it may take. A role declared
 * with the id of a built-in actor (possible before issue 18) is renamed alone: in actions that id still means
 * the built-in actor.
 *
 * @example
 * renameRoleId(definition, 'dogTax', 'hundesteuer');
 */
export function renameRoleId(definition: ServiceDefinition, roleId: string, newId: string): EditResult {
  if (!definition.settings.roles.some((r) => r.id === roleId)) return refuseUnknownRole(roleId);
  if (newId === roleId) return succeed(definition);
  const problem = checkRoleId(definition, newId);
  if (problem) return problem;
  const inActions = !isBuiltInActor(roleId);
  const renamed = mapStates(definition, (state) => ({
    ...state,
    ...(state.role === roleId && { role: newId }),
    ...(state.actions && {
      actions: state.actions.map((action) =>
        inActions && action.roles.includes(roleId) ? { ...action, roles: action.roles.map((r) => (r === roleId ? newId : r)) } : action,
      ),
    }),
  }));
  return succeed(
    withRoles(
      renamed,
      definition.settings.roles.map((r) => (r.id === roleId ? { ...r, id: newId } : r)),
    ),
  );
}

/**
 * Deletes a role. Refused while a state is worked on by it or an action names it; those are listed.
 *
 * @example
 * deleteRole(definition, 'teamLead');
 */
export function deleteRole(definition: ServiceDefinition, roleId: string): EditResult {
  const role = definition.settings.roles.find((r) => r.id === roleId);
  if (role === undefined) return refuseUnknownRole(roleId);
  const users = [
    ...definition.process.states
      .filter((state) => state.role === roleId)
      .map((state) => {
        const name = quoteLabel(state.label);
        return { de: `der Status ${name.de}`, en: `the state ${name.en}` };
      }),
    ...listActions(definition)
      .filter(({ action }) => !isBuiltInActor(roleId) && action.roles.includes(roleId))
      .map(({ state, action }) => {
        const [actionName, stateName] = [quoteLabel(action.label), quoteLabel(state.label)];
        return { de: `die Aktion ${actionName.de} im Status ${stateName.de}`, en: `the action ${actionName.en} in the state ${stateName.en}` };
      }),
  ];
  if (users.length > 0) {
    const [name, list] = [quoteLabel(role.label), joinList(users)];
    return refuse(
      `Die Rolle ${name.de} wird noch verwendet und kann nicht gelöscht werden: ${list.de}. Wählen Sie dort zuerst eine andere Rolle.`,
      `The role ${name.en} is still in use and cannot be deleted: ${list.en}. First choose another role there.`,
    );
  }
  return succeed(
    withRoles(
      definition,
      definition.settings.roles.filter((r) => r.id !== roleId),
    ),
  );
}

function checkRoleId(definition: ServiceDefinition, id: string): Refusal | undefined {
  const who = describeBuiltInActor(id);
  if (who) {
    return refuse(
      `„${id}“ steht schon für ${who.de} und kann nicht als eigene Rolle angelegt werden.`,
      `“${id}” already stands for ${who.en} and cannot be used for a role of your own.`,
    );
  }
  return checkNewId(
    id,
    definition.settings.roles.map((r) => r.id),
    { de: `Es gibt schon eine Rolle mit der Kennung „${id}“.`, en: `There is already a role with the identifier “${id}”.` },
  );
}

function refuseUnknownRole(roleId: string): Refusal {
  return refuse(`Die Rolle „${roleId}“ gibt es nicht.`, `The role “${roleId}” does not exist.`);
}

function withRoles(definition: ServiceDefinition, roles: RoleDefinition[]): ServiceDefinition {
  return { ...definition, settings: { ...definition.settings, roles } };
}
