import { describe, expect, it } from 'vitest';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { checkDefinition, isPublishable } from './check-definition';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic';
import type { Expression } from './expression';
import type { FormElement, ServiceDefinition } from './service-definition';

/** A small, clean service: name, a repeating group of children, a two-step process. */
function createMinimalDefinition(): ServiceDefinition {
  return {
    schemaVersion: 1,
    title: { de: 'Testdienst' },
    form: {
      pages: [
        {
          id: 'p1',
          title: { de: 'Seite 1' },
          elements: [
            { type: 'text', key: 'name', label: { de: 'Name' }, required: true },
            { type: 'yesNo', key: 'hasChildren', label: { de: 'Kinder?' } },
            {
              type: 'repeat',
              key: 'children',
              label: { de: 'Kinder' },
              itemLabel: { de: 'Kind' },
              maxItems: 5,
              visibleIf: { eq: [{ var: 'hasChildren' }, true] },
              elements: [
                { type: 'text', key: 'firstName', label: { de: 'Vorname' } },
                { type: 'date', key: 'birthDate', label: { de: 'Geburtsdatum' } },
              ],
            },
          ],
        },
      ],
    },
    process: {
      initial: 'review',
      states: [
        {
          id: 'review',
          kind: 'task',
          role: 'clerk',
          label: { de: 'Prüfung' },
          statusText: { de: 'Wird geprüft' },
          actions: [{ id: 'approve', label: { de: 'Genehmigen' }, target: 'done', roles: ['clerk'] }],
        },
        {
          id: 'done',
          kind: 'final',
          outcome: 'approved',
          decisionTemplate: 'notice',
          label: { de: 'Erledigt' },
          statusText: { de: 'Erledigt' },
        },
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

type Defect = { code: DiagnosticCode; path: string; severity?: 'warning'; break: (d: ServiceDefinition) => void };

const pageElements = (d: ServiceDefinition) => d.form.pages[0]!.elements;
const review = (d: ServiceDefinition) => d.process.states[0]!;

/** One broken definition per problem the checker must find, with where it must point. */
const DEFECTS: Record<string, Defect> = {
  'a structurally invalid definition': {
    code: 'SCHEMA_INVALID',
    path: '/form/pages/0/elements/0/type',
    break: (d) => Object.assign(pageElements(d)[0]!, { type: 'colourPicker' }),
  },
  'a label without German text (missing)': {
    code: 'MISSING_GERMAN_TEXT',
    path: '/form/pages/0/elements/0/label/de',
    break: (d) => Object.assign(pageElements(d)[0]!, { label: { en: 'Name' } }),
  },
  'a label without German text (empty)': {
    code: 'MISSING_GERMAN_TEXT',
    path: '/process/states/0/label/de',
    break: (d) => Object.assign(review(d), { label: { de: '  ' } }),
  },
  'a text missing in an offered language': {
    code: 'MISSING_TRANSLATION',
    path: '/title/en',
    severity: 'warning',
    break: (d) => d.settings.languages.push('en'),
  },
  'duplicate keys among siblings': {
    code: 'DUPLICATE_KEY',
    path: '/form/pages/0/elements/1/key',
    break: (d) => Object.assign(pageElements(d)[1]!, { key: 'name' }),
  },
  'duplicate state ids': {
    code: 'DUPLICATE_ID',
    path: '/process/states/1/id',
    break: (d) => Object.assign(d.process.states[1]!, { id: 'review' }),
  },
  'duplicate option values': {
    code: 'DUPLICATE_OPTION',
    path: '/form/pages/0/elements/3/options/1/value',
    break: (d) =>
      pageElements(d).push({
        type: 'select',
        key: 'colour',
        label: { de: 'Farbe' },
        options: [
          { value: 'red', label: { de: 'Rot' } },
          { value: 'red', label: { de: 'Auch rot' } },
        ],
      }),
  },
  'a minimum above its maximum': {
    code: 'INVALID_RANGE',
    path: '/form/pages/0/elements/0/minLength',
    break: (d) => Object.assign(pageElements(d)[0]!, { minLength: 10, maxLength: 5 }),
  },
  'a text pattern that can backtrack catastrophically': {
    code: 'UNSAFE_PATTERN',
    path: '/form/pages/0/elements/0/pattern',
    break: (d) => Object.assign(pageElements(d)[0]!, { pattern: '^(a|a)+$' }),
  },
  'a text pattern applied to long input': {
    code: 'UNSAFE_PATTERN',
    path: '/form/pages/0/elements/0/maxLength',
    break: (d) => Object.assign(pageElements(d)[0]!, { pattern: '^[A-Z][a-z]+$', maxLength: 5_000 }),
  },
  'a condition that is null': {
    code: 'TYPE_MISMATCH',
    path: '/form/pages/0/elements/0/visibleIf',
    break: (d) => Object.assign(pageElements(d)[0]!, { visibleIf: null }),
  },
  'a text field used as a date': {
    code: 'TYPE_MISMATCH',
    path: '/form/pages/0/elements/2/visibleIf/gt/0/age/0',
    break: (d) => Object.assign(pageElements(d)[2]!, { visibleIf: { gt: [{ age: [{ var: 'name' }] }, 18] } }),
  },
  'a yes/no answer looked up in a list of texts': {
    code: 'TYPE_MISMATCH',
    path: '/form/pages/0/elements/2/visibleIf/in/1/0',
    break: (d) => Object.assign(pageElements(d)[2]!, { visibleIf: { in: [{ var: 'hasChildren' }, ['true', 'yes']] } }),
  },
  'a state that can never reach a final state': {
    code: 'NO_WAY_OUT',
    path: '/process/states/2',
    break: (d) => {
      review(d).actions!.push({ id: 'park', label: { de: 'Parken' }, target: 'parked', roles: ['clerk'] });
      d.process.states.push({
        id: 'parked',
        kind: 'task',
        role: 'clerk',
        label: { de: 'Geparkt' },
        statusText: { de: 'Geparkt' },
        actions: [{ id: 'wait', label: { de: 'Warten' }, target: 'parked', roles: ['clerk'] }],
      });
    },
  },
  'automatic states that lead to each other': {
    code: 'AUTOMATIC_CYCLE',
    path: '/process/states/2',
    break: (d) => {
      d.process.initial = 'sortA';
      d.process.states.push(
        { id: 'sortA', kind: 'automatic', label: { de: 'A' }, statusText: { de: 'A' }, actions: [{ id: 'toB', label: { de: 'B' }, target: 'sortB', roles: ['system'] }] },
        {
          id: 'sortB',
          kind: 'automatic',
          label: { de: 'B' },
          statusText: { de: 'B' },
          actions: [
            { id: 'toReview', label: { de: 'Prüfen' }, target: 'review', roles: ['system'], guard: { eq: [{ var: 'hasChildren' }, true] } },
            { id: 'toA', label: { de: 'A' }, target: 'sortA', roles: ['system'] },
          ],
        },
      );
    },
  },
  'an unknown field in a condition': {
    code: 'UNKNOWN_FIELD',
    path: '/form/pages/0/elements/2/visibleIf/eq/0/var',
    break: (d) => Object.assign(pageElements(d)[2]!, { visibleIf: { eq: [{ var: 'hasKids' }, true] } }),
  },
  'an applicant name field that does not exist': {
    code: 'UNKNOWN_FIELD',
    path: '/settings/applicant/nameFields/1',
    break: (d) => Object.assign(d.settings, { applicant: { nameFields: ['name', 'surname'] } }),
  },
  'an unknown case fact in a guard': {
    code: 'UNKNOWN_FACT',
    path: '/process/states/0/actions/0/guard/notEmpty/var',
    break: (d) => Object.assign(review(d).actions![0]!, { guard: { notEmpty: { var: '$case.secret' } } }),
  },
  'a field of a repeating group read outside its items': {
    code: 'FIELD_OUT_OF_SCOPE',
    path: '/form/pages/0/elements/0/visibleIf/notEmpty/var',
    break: (d) => Object.assign(pageElements(d)[0]!, { visibleIf: { notEmpty: { var: 'children.firstName' } } }),
  },
  'an aggregate over something that is not a repeating group': {
    code: 'NOT_A_REPEATING_GROUP',
    path: '/process/states/0/actions/0/guard/gt/0/count',
    break: (d) => Object.assign(review(d).actions![0]!, { guard: { gt: [{ count: 'name' }, 1] } }),
  },
  'a type mismatch in a condition': {
    code: 'TYPE_MISMATCH',
    path: '/form/pages/0/elements/2/visibleIf/gt',
    break: (d) => Object.assign(pageElements(d)[2]!, { visibleIf: { gt: [{ var: 'name' }, 5] } }),
  },
  'a condition that is not true/false': {
    code: 'TYPE_MISMATCH',
    path: '/form/pages/0/elements/2/visibleIf',
    break: (d) => Object.assign(pageElements(d)[2]!, { visibleIf: { var: 'name' } }),
  },
  'a template placeholder that names no field': {
    code: 'UNKNOWN_PLACEHOLDER',
    path: '/documents/0/addressee/de',
    break: (d) => Object.assign(d.documents[0]!, { addressee: { de: '{{name}} {{street}}' } }),
  },
  'an action input in a template no issuing action asks for': {
    code: 'UNKNOWN_PLACEHOLDER',
    path: '/documents/0/reasoning/de',
    break: (d) => Object.assign(d.documents[0]!, { reasoning: { de: '{{action.reason}}' } }),
  },
  'an action to an unknown state': {
    code: 'UNKNOWN_STATE',
    path: '/process/states/0/actions/0/target',
    break: (d) => Object.assign(review(d).actions![0]!, { target: 'archive' }),
  },
  'an unknown initial state': {
    code: 'UNKNOWN_STATE',
    path: '/process/initial',
    break: (d) => Object.assign(d.process, { initial: 'start' }),
  },
  'an unreachable state': {
    code: 'UNREACHABLE_STATE',
    path: '/process/states/2',
    break: (d) =>
      d.process.states.push({
        id: 'archived',
        kind: 'final',
        outcome: 'closed',
        decisionTemplate: 'notice',
        label: { de: 'Archiviert' },
        statusText: { de: 'Archiviert' },
      }),
  },
  'a non-final state with no way out': {
    code: 'NO_WAY_OUT',
    path: '/process/states/0',
    break: (d) => Object.assign(review(d), { actions: [] }),
  },
  'a final state with no decision document': {
    code: 'MISSING_DECISION_DOCUMENT',
    path: '/process/states/1',
    break: (d) => delete d.process.states[1]!.decisionTemplate,
  },
  'a decision naming an unknown template': {
    code: 'UNKNOWN_TEMPLATE',
    path: '/process/states/1/decisionTemplate',
    break: (d) => Object.assign(d.process.states[1]!, { decisionTemplate: 'nope' }),
  },
  'a decision naming a template that is not a decision': {
    code: 'WRONG_TEMPLATE_KIND',
    path: '/process/states/1/decisionTemplate',
    break: (d) => {
      d.documents.push({ id: 'receipt', kind: 'receipt', title: { de: 'Eingang' }, body: { de: 'Danke' } });
      Object.assign(d.process.states[1]!, { decisionTemplate: 'receipt' });
    },
  },
  'a role used but not declared': {
    code: 'UNDECLARED_ROLE',
    path: '/process/states/0/actions/0/roles/1',
    break: (d) => review(d).actions![0]!.roles.push('mayor'),
  },
  'a role declared with the id of a built-in actor (issue 18)': {
    code: 'RESERVED_ROLE',
    path: '/settings/roles/1/id',
    break: (d) => d.settings.roles.push({ id: 'applicant', label: { de: 'Antragsteller' } }),
  },
  'a deadline naming an action the state does not have': {
    code: 'UNKNOWN_ACTION',
    path: '/process/states/0/deadlines/0/action',
    break: (d) => Object.assign(review(d), { deadlines: [{ id: 'late', after: 'P14D', action: 'expire' }] }),
  },
  'a deadline whose action the system may not take': {
    code: 'DEADLINE_NOT_SYSTEM_ACTION',
    path: '/process/states/0/deadlines/0/action',
    break: (d) => Object.assign(review(d), { deadlines: [{ id: 'late', after: 'P14D', action: 'approve' }] }),
  },
  'a deadline set by an input no action leading into its state has': {
    code: 'DEADLINE_INPUT_UNKNOWN',
    path: '/process/states/0/deadlines/0/setBy',
    break: (d) => {
      review(d).actions!.push({ id: 'expire', label: { de: 'Ablauf' }, target: 'done', roles: ['system'] });
      review(d).deadlines = [{ id: 'late', after: 'P14D', action: 'expire', setBy: 'until' }];
    },
  },
  'a deadline set by an input that is not a date': {
    code: 'DEADLINE_INPUT_UNKNOWN',
    path: '/process/states/0/deadlines/0/setBy',
    break: (d) => {
      review(d).actions!.push(
        { id: 'expire', label: { de: 'Ablauf' }, target: 'done', roles: ['system'] },
        { id: 'park', label: { de: 'Zurückstellen' }, target: 'review', roles: ['clerk'], inputs: [{ key: 'until', type: 'text', label: { de: 'Bis' } }] },
      );
      review(d).deadlines = [{ id: 'late', after: 'P14D', action: 'expire', setBy: 'until' }];
    },
  },
  'a reminder on a deadline of a staff task (a reminder goes to the applicant)': {
    code: 'REMINDER_NOT_FOR_APPLICANT',
    path: '/process/states/0/deadlines/0/remindBefore',
    break: (d) => {
      review(d).actions!.push({ id: 'expire', label: { de: 'Ablauf' }, target: 'done', roles: ['system'] });
      review(d).deadlines = [{ id: 'late', after: 'P14D', action: 'expire', remindBefore: 'P3D' }];
    },
  },
  'an e-mail text with a placeholder naming no field': {
    code: 'UNKNOWN_PLACEHOLDER',
    path: '/settings/notifications/received/body/de',
    break: (d) => {
      d.settings.notifications = { received: { body: { de: 'Danke, {{nachname}}! Ihr Az.: {{case.reference}}, {{case.statusLink}}' } } };
    },
  },
  'a four-eyes action the applicant may take': {
    code: 'FOUR_EYES_NOT_STAFF_ACTION',
    path: '/process/states/0/actions/0/fourEyes',
    break: (d) => Object.assign(review(d).actions![0]!, { fourEyes: true, roles: ['clerk', 'applicant'] }),
  },
  'a four-eyes action the system takes': {
    code: 'FOUR_EYES_NOT_STAFF_ACTION',
    path: '/process/states/0/actions/0/fourEyes',
    break: (d) => Object.assign(review(d).actions![0]!, { fourEyes: true, roles: ['system'] }),
  },
  'an automatic state whose every way out has a condition': {
    code: 'AUTOMATIC_STATE_MAY_STALL',
    path: '/process/states/0/actions',
    severity: 'warning',
    break: (d) => {
      Object.assign(review(d), { kind: 'automatic' });
      review(d).actions![0]!.guard = { eq: [{ var: 'hasChildren' }, true] };
    },
  },
  'a definition nested deeper than JSON can be walked safely': {
    code: 'DEFINITION_TOO_DEEP',
    path: `/form/pages/0/elements/0/visibleIf${'/not'.repeat(122)}`,
    break: (d) => {
      pageElements(d)[0]!.visibleIf = nestNot({ var: 'hasChildren' }, 10_000);
    },
  },
  'a form with more elements than allowed': {
    code: 'TOO_MANY_ELEMENTS',
    // Three elements and the repeating group's two fields come first.
    path: '/form/pages/0/elements/1998',
    break: (d) => pageElements(d).push(...Array.from({ length: 2_000 }, (_, i) => ({ type: 'yesNo' as const, key: `q${i}`, label: { de: `Frage ${i}` } }))),
  },
  'groups nested deeper than allowed': {
    code: 'NESTED_TOO_DEEP',
    path: `/form/pages/0/elements/3${'/elements/0'.repeat(10)}/elements`,
    break: (d) => {
      let element: FormElement = { type: 'yesNo', key: 'leaf', label: { de: 'Blatt' } };
      for (let i = 10; i >= 0; i--) element = { type: 'group', key: `g${i}`, label: { de: `Gruppe ${i}` }, elements: [element] };
      pageElements(d).push(element);
    },
  },
  'an expression nested deeper than allowed': {
    code: 'EXPRESSION_TOO_COMPLEX',
    path: '/form/pages/0/elements/0/visibleIf',
    break: (d) => {
      pageElements(d)[0]!.visibleIf = nestNot({ var: 'hasChildren' }, 40);
    },
  },
  'two conditions that wait for each other': {
    code: 'CYCLIC_DEPENDENCY',
    path: '/form/pages/0/elements/1/visibleIf',
    break: (d) => {
      pageElements(d)[0]!.visibleIf = { eq: [{ var: 'hasChildren' }, true] };
      pageElements(d)[1]!.visibleIf = { notEmpty: { var: 'name' } };
    },
  },
  'a calculation that reads its own result': {
    code: 'CYCLIC_DEPENDENCY',
    path: '/form/pages/0/elements/3/expression',
    break: (d) => pageElements(d).push({ type: 'calculated', key: 'total', label: { de: 'Summe' }, valueType: 'number', expression: { add: [{ var: 'total' }, 1] } }),
  },
  'a group shown only when one of its own fields is answered': {
    code: 'CYCLIC_DEPENDENCY',
    path: '/form/pages/0/elements/3/elements/0',
    break: (d) =>
      pageElements(d).push({
        type: 'group',
        key: 'partner',
        label: { de: 'Partner' },
        visibleIf: { notEmpty: { var: 'partner.name' } },
        elements: [{ type: 'text', key: 'name', label: { de: 'Name' } }],
      }),
  },
  'a chain of conditions longer than allowed': {
    code: 'DEPENDENCY_CHAIN_TOO_LONG',
    path: '/form/pages/0/elements/11/visibleIf',
    break: (d) =>
      pageElements(d).push(
        ...Array.from({ length: 60 }, (_, i): FormElement => ({
          type: 'yesNo',
          key: `c${i}`,
          label: { de: `Frage ${i}` },
          ...(i < 59 ? { visibleIf: { eq: [{ var: `c${i + 1}` }, true] } } : {}),
        })),
      ),
  },
};

function nestNot(inner: Expression, depth: number): Expression {
  let expression = inner;
  for (let i = 0; i < depth; i++) expression = { not: expression };
  return expression;
}

/** Codes only the server can find: they need more than the one definition. */
const SERVER_CODES: DiagnosticCode[] = ['REFERENCE_PATTERN_TAKEN'];

describe('checkDefinition', () => {
  it('finds nothing wrong with the minimal definition', () => {
    expect(checkDefinition(createMinimalDefinition())).toEqual([]);
  });

  it('accepts the four-eyes principle on an action of process roles, and only a yes/no there', () => {
    const definition = createMinimalDefinition();
    review(definition).actions![0]!.fourEyes = true;
    expect(checkDefinition(definition)).toEqual([]);
    Object.assign(review(definition).actions![0]!, { fourEyes: 'yes' });
    expect(checkDefinition(definition)).toContainEqual(expect.objectContaining({ code: 'SCHEMA_INVALID', path: '/process/states/0/actions/0/fourEyes' }));
  });

  it('finds nothing wrong with the Hundeanmeldung example', () => {
    const diagnostics = checkDefinition(HUNDEANMELDUNG);
    expect(diagnostics).toEqual([]);
    expect(isPublishable(diagnostics)).toBe(true);
  });

  it.each(Object.entries(DEFECTS))('finds %s', (_name, defect) => {
    const definition = createMinimalDefinition();
    defect.break(definition);
    const diagnostics = checkDefinition(definition);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: defect.code, path: defect.path, severity: defect.severity ?? 'error' }),
    );
    for (const diagnostic of diagnostics) expect(diagnostic.message).toMatch(/\S/);
    expect(isPublishable(diagnostics)).toBe(defect.severity === 'warning');
  });

  it('has a broken definition for every diagnostic code', () => {
    expect(new Set(Object.values(DEFECTS).map((d) => d.code))).toEqual(new Set(DIAGNOSTIC_CODES.filter((code) => !SERVER_CODES.includes(code))));
  });

  it('explains a definition beyond the limits in German and English, and walks it no further', () => {
    const definition = createMinimalDefinition();
    DEFECTS['groups nested deeper than allowed']!.break(definition);
    DEFECTS['duplicate keys among siblings']!.break(definition);
    const diagnostics = checkDefinition(definition);
    expect(diagnostics.map((d) => d.code)).toEqual(['NESTED_TOO_DEEP']);
    expect(diagnostics[0]!.messageEn).toMatch(/nested deeper than 10 levels/);
  });

  it('accepts a long form within the limits: 1,500 fields, each shown by the one before', () => {
    const definition = createMinimalDefinition();
    const elements = Array.from({ length: 1_500 }, (_, i): FormElement => ({
      type: 'yesNo',
      key: `q${i}`,
      label: { de: `Frage ${i}` },
      ...(i % 20 > 0 ? { visibleIf: { eq: [{ var: `q${i - 1}` }, true] } } : {}),
    }));
    for (let page = 0; page < 3; page++) definition.form.pages.push({ id: `extra${page}`, title: { de: 'Mehr' }, elements: elements.slice(page * 500, page * 500 + 500) });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('reports all problems of a definition at once', () => {
    const definition = createMinimalDefinition();
    const defects = ['duplicate keys among siblings', 'an unreachable state', 'a role used but not declared', 'a template placeholder that names no field'];
    for (const name of defects) DEFECTS[name]!.break(definition);
    const codes = checkDefinition(definition).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['DUPLICATE_KEY', 'UNREACHABLE_STATE', 'UNDECLARED_ROLE', 'UNKNOWN_PLACEHOLDER']));
  });

  it('reports every schema violation at once with its JSON pointer', () => {
    const definition = createMinimalDefinition() as unknown as Record<string, unknown>;
    definition.extra = true;
    delete (definition.settings as Record<string, unknown>).retention;
    const diagnostics = checkDefinition(definition);
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'SCHEMA_INVALID', path: '/extra' }),
        expect.objectContaining({ code: 'SCHEMA_INVALID', path: '/settings/retention' }),
      ]),
    );
  });

  it('accepts a per-item condition inside the repeating group it reads', () => {
    const definition = createMinimalDefinition();
    const repeat = pageElements(definition)[2]!;
    if (repeat.type !== 'repeat') throw new Error('fixture changed');
    repeat.elements.push({
      type: 'text',
      key: 'school',
      label: { de: 'Schule' },
      visibleIf: { gte: [{ age: [{ var: 'children.birthDate' }] }, 6] },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });
});
