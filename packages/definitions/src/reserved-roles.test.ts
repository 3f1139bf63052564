import { describe, expect, it } from 'vitest';
import definitionSchema from '@amtsweg/schemas/service-definition.schema.json' with { type: 'json' };
import { checkDefinition, isPublishable } from './check-definition';
import type { Diagnostic } from './diagnostic';
import { describeBuiltInActor, isBuiltInActor, isReservedRoleId, RESERVED_ROLE_IDS, type ServiceDefinition } from './service-definition';

/** A clean service: one caseworker role, a task with a deadline the system takes, a final state. */
function createDefinition(): ServiceDefinition {
  return {
    schemaVersion: 1,
    title: { de: 'Testdienst' },
    form: { pages: [{ id: 'p1', title: { de: 'Seite 1' }, elements: [{ type: 'text', key: 'name', label: { de: 'Name' } }] }] },
    process: {
      initial: 'review',
      states: [
        {
          id: 'review',
          kind: 'task',
          role: 'clerk',
          label: { de: 'Prüfung' },
          statusText: { de: 'Wird geprüft' },
          actions: [
            { id: 'approve', label: { de: 'Genehmigen' }, target: 'done', roles: ['clerk'] },
            { id: 'expire', label: { de: 'Ablauf' }, target: 'done', roles: ['system'] },
            { id: 'withdraw', label: { de: 'Zurückziehen' }, target: 'done', roles: ['applicant'] },
          ],
          deadlines: [{ id: 'late', after: 'P30D', action: 'expire' }],
        },
        { id: 'done', kind: 'final', outcome: 'approved', decisionTemplate: 'notice', label: { de: 'Erledigt' }, statusText: { de: 'Erledigt' } },
      ],
    },
    documents: [
      {
        id: 'notice',
        kind: 'decision',
        title: { de: 'Bescheid' },
        authority: { de: 'Stadt Musterhausen' },
        addressee: { de: '{{name}}' },
        subject: { de: 'Az. {{case.reference}}' },
        operative: { de: 'Genehmigt.' },
        reasoning: { de: 'Weil.' },
        legalRemedy: { de: 'Widerspruch binnen eines Monats.' },
        signature: { mode: 'automatic', note: { de: 'Maschinell erstellt.' } },
      },
    ],
    settings: { languages: ['de'], roles: [{ id: 'clerk', label: { de: 'Sachbearbeitung' } }], retention: 'P2Y', referencePattern: 'T-{SEQ:4}' },
  };
}

const review = (d: ServiceDefinition) => d.process.states[0]!;

/**
 * Every place of the definition that names a process role, as a JSON pointer pattern over the schema's
 * properties, with how a reserved id gets there. `builtIn`: there the exact reserved id stands for the built-in
 * actor and is allowed; any other spelling of it is refused.
 */
const ROLE_PLACES: { schemaPath: string; path: string; builtIn: boolean; put: (d: ServiceDefinition, id: string) => void }[] = [
  {
    schemaPath: 'settings.roles.items.id',
    path: '/settings/roles/1/id',
    builtIn: false,
    put: (d, id) => d.settings.roles.push({ id, label: { de: 'Eigene Rolle' } }),
  },
  {
    schemaPath: 'state.role',
    path: '/process/states/0/role',
    builtIn: false,
    put: (d, id) => Object.assign(review(d), { role: id }),
  },
  {
    schemaPath: 'action.roles.items',
    path: '/process/states/0/actions/0/roles/1',
    builtIn: true,
    put: (d, id) => review(d).actions![0]!.roles.push(id),
  },
];

/** Where the schema names a role: every property called `role` or `roles` (with `id` for a declaration). */
function listRolePlacesInSchema(): string[] {
  const places: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const next = key === 'properties' || key === '$defs' ? path : [...path, key];
      if ((key === 'role' || key === 'roles') && path.at(-1) !== 'required') {
        const items = (child as { items?: { properties?: Record<string, unknown> } }).items;
        places.push(items?.properties?.id ? [...path, key, 'items', 'id'].join('.') : items ? [...path, key, 'items'].join('.') : [...path, key].join('.'));
      }
      walk(child, next);
    }
  };
  walk(definitionSchema, []);
  return places;
}

function reservedAt(diagnostics: Diagnostic[], path: string): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === 'RESERVED_ROLE' && d.path === path);
}

// Each reserved id as written, and spelled otherwise (a role `System` would read like the built-in actor in the history).
const SPELLINGS = RESERVED_ROLE_IDS.flatMap((id) => [
  { id, spelling: id },
  { id, spelling: id.charAt(0).toUpperCase() + id.slice(1) },
  { id, spelling: id.toUpperCase() },
]);

/**
 * Issue 18, finding 4: a draft declared the process roles `system` and `applicant`, a staff member was granted
 * `applicant` and withdrew a citizen's case as the applicant. The ids of the built-in actors are reserved: no
 * definition declares them or lets caseworkers work on a task under them.
 */
describe('reserved role ids (issue 18, finding 4)', () => {
  it('covers every place of the schema that names a role', () => {
    expect(listRolePlacesInSchema().sort()).toEqual(ROLE_PLACES.map((place) => place.schemaPath).sort());
  });

  it('knows the built-in actors and nothing else as reserved', () => {
    expect([...RESERVED_ROLE_IDS].sort()).toEqual(['applicant', 'system']);
    expect(isReservedRoleId('dogTax')).toBe(false);
    expect(isReservedRoleId('systemAdmin')).toBe(false);
  });

  it('describes each built-in actor in any spelling, and names it exactly as actions write it', () => {
    expect(describeBuiltInActor('Applicant')).toEqual({ id: 'applicant', de: 'die antragstellende Person', en: 'the applicant' });
    expect(describeBuiltInActor('SYSTEM')).toMatchObject({ id: 'system', de: expect.stringMatching(/^das System/) as unknown, en: expect.stringMatching(/^the system/) as unknown });
    expect(describeBuiltInActor('systemAdmin')).toBeUndefined();
    expect(RESERVED_ROLE_IDS.filter(isBuiltInActor)).toEqual(RESERVED_ROLE_IDS);
    expect(['System', 'APPLICANT', 'dogTax'].filter(isBuiltInActor)).toEqual([]);
  });

  describe.each(ROLE_PLACES)('at $schemaPath', (place) => {
    it.each(SPELLINGS)('refuses $spelling where it does not stand for the built-in actor', ({ id, spelling }) => {
      const definition = createDefinition();
      place.put(definition, spelling);
      const diagnostics = checkDefinition(definition);
      if (place.builtIn && spelling === id) {
        expect(reservedAt(diagnostics, place.path)).toBeUndefined();
        expect(diagnostics.filter((d) => d.path === place.path)).toEqual([]);
        return;
      }
      const diagnostic = reservedAt(diagnostics, place.path);
      expect(diagnostic, JSON.stringify(diagnostics)).toMatchObject({ severity: 'error' });
      expect(diagnostic!.message).toContain(`„${spelling}“`);
      expect(diagnostic!.messageEn).toContain(`“${spelling}”`);
      expect(isPublishable(diagnostics)).toBe(false);
    });
  });

  it('refuses the probe’s draft: `system` and `applicant` declared as roles, each at its path', () => {
    const definition = createDefinition();
    definition.settings.roles.push({ id: 'system', label: { de: 'System' } }, { id: 'applicant', label: { de: 'Antragsteller' } });
    const diagnostics = checkDefinition(definition);
    expect(diagnostics.filter((d) => d.code === 'RESERVED_ROLE').map((d) => d.path)).toEqual(['/settings/roles/1/id', '/settings/roles/2/id']);
    expect(isPublishable(diagnostics)).toBe(false);
  });

  it.each(RESERVED_ROLE_IDS)('keeps refusing the four-eyes principle on an action “%s” may take', (id) => {
    const definition = createDefinition();
    Object.assign(review(definition).actions![0]!, { fourEyes: true, roles: ['clerk', id] });
    expect(checkDefinition(definition)).toContainEqual(expect.objectContaining({ code: 'FOUR_EYES_NOT_STAFF_ACTION', path: '/process/states/0/actions/0/fourEyes' }));
  });

  it('finds nothing wrong with the built-in actors used where they belong', () => {
    expect(checkDefinition(createDefinition())).toEqual([]);
  });
});
