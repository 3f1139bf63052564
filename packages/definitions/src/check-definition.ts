import type { Diagnostic, DiagnosticCode } from './diagnostic';
import type { Expression } from './expression';
import { indexFormElements, valueKindOf, type IndexedElement, type ValueKind } from './form-index';
import { listTemplatePlaceholders, TEMPLATE_TEXT_PARTS } from './document-template';
import { describeBuiltInActor, isBuiltInActor, SYSTEM_ROLE } from './service-definition';
import type { ChoiceOption, DocumentTemplate, FormElement, ProcessState, ServiceDefinition } from './service-definition';
import { checkDefinitionLimits, DEFINITION_LIMITS, limitDiagnostic } from './check-definition-limits';
import { checkFormDependencies } from './check-form-dependencies';
import { isPatternSafe } from './check-pattern-safety';
import { parseIsoDate } from './evaluate-expression';
import { validateDefinitionSchema } from './validate-definition-schema';

/** Facts about the case that conditions may read with `{ "var": "$case.…" }`. */
export const EXPRESSION_FACTS: Readonly<Record<string, ValueKind>> = {
  'case.reference': 'string',
  'case.receivedAt': 'date',
  'case.state': 'string',
};

/** Facts about the case and the organisation that document templates may use besides form fields. */
export const TEMPLATE_FACTS = [
  'case.reference',
  'case.receivedAt',
  'case.date',
  'case.outcome',
  'case.serviceTitle',
  'organisation.name',
  'organisation.address',
] as const;

/** What the applicant's e-mail texts may use besides form fields and `TEMPLATE_FACTS`. */
export const MAIL_FACTS = [...TEMPLATE_FACTS, 'case.statusLink', 'case.deadline', 'message'] as const;

/**
 * Runs every check on a service definition and returns all problems at once, each with a JSON pointer and a
 * stable code. The limits on size and nesting are checked first (only a definition within them is walked any
 * further), then the schema; only a structurally sound definition is checked for meaning.
 *
 * @example
 * const problems = checkDefinition(JSON.parse(body));
 * const publishable = problems.every((p) => p.severity !== 'error');
 */
export function checkDefinition(definition: unknown): Diagnostic[] {
  const beyondLimits = checkDefinitionLimits(definition);
  if (beyondLimits.length > 0) return beyondLimits;
  const schemaProblems = validateDefinitionSchema(definition);
  if (schemaProblems.length > 0) return schemaProblems;
  return checkDefinitionMeaning(definition as ServiceDefinition);
}

/** True when the problems allow publishing (no errors, warnings only). */
export function isPublishable(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((d) => d.severity !== 'error');
}

/** The meaning checks, for a definition that already satisfies the schema. */
export function checkDefinitionMeaning(definition: ServiceDefinition): Diagnostic[] {
  const checker = new DefinitionChecker(definition);
  checker.run();
  return checker.diagnostics;
}

class DefinitionChecker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly fields: Map<string, IndexedElement>;
  private readonly states: Map<string, ProcessState>;
  private readonly templates: Map<string, DocumentTemplate>;
  private readonly roles: Set<string>;

  constructor(private readonly definition: ServiceDefinition) {
    this.fields = indexFormElements(definition.form);
    this.states = new Map(definition.process.states.map((s) => [s.id, s]));
    this.templates = new Map(definition.documents.map((t) => [t.id, t]));
    this.roles = new Set(definition.settings.roles.map((r) => r.id));
  }

  run(): void {
    this.checkTexts(this.definition, '');
    this.checkUniqueIds(this.definition.form.pages, '/form/pages', 'Seite');
    this.checkUniqueIds(this.definition.process.states, '/process/states', 'Status');
    this.checkUniqueIds(this.definition.documents, '/documents', 'Vorlage');
    this.checkUniqueIds(this.definition.settings.roles, '/settings/roles', 'Rolle');
    this.checkRoleDeclarations();
    this.checkForm();
    this.checkApplicantFields();
    this.checkProcess();
    this.checkDocuments();
    this.checkNotifications();
  }

  private report(code: DiagnosticCode, path: string, message: string, severity: 'error' | 'warning' = 'error', messageEn?: string): void {
    this.diagnostics.push({ code, severity, path, message, ...(messageEn === undefined ? {} : { messageEn }) });
  }

  // ------------------------------------------------------------ texts

  /** Every localized text needs German; a text missing in another offered language is a warning. */
  private checkTexts(node: unknown, pointer: string): void {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => this.checkTexts(child, `${pointer}/${i}`));
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.de === 'string' && Object.values(record).every((v) => typeof v === 'string')) {
      if (record.de.trim() === '') this.report('MISSING_GERMAN_TEXT', `${pointer}/de`, 'Der deutsche Text ist leer.');
      for (const language of this.definition.settings.languages) {
        if (language !== 'de' && (typeof record[language] !== 'string' || record[language].trim() === '')) {
          this.report(
            'MISSING_TRANSLATION',
            `${pointer}/${language}`,
            `Die Übersetzung „${language}“ fehlt.`,
            'warning',
          );
        }
      }
      return;
    }
    for (const [key, child] of Object.entries(record)) {
      // Expressions hold data paths and literals, not texts.
      if (key === 'visibleIf' || key === 'requiredIf' || key === 'guard' || key === 'expression') continue;
      this.checkTexts(child, `${pointer}/${escapeJsonPointer(key)}`);
    }
  }

  private checkUniqueIds(items: readonly { id: string }[], pointer: string, what: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) this.report('DUPLICATE_ID', `${pointer}/${i}/id`, `${what} „${item.id}“ gibt es doppelt.`);
      seen.add(item.id);
    });
  }

  // ------------------------------------------------------------ form

  private checkForm(): void {
    const rootKeys = new Map<string, string>();
    this.definition.form.pages.forEach((page, p) => {
      const pointer = `/form/pages/${p}`;
      if (page.visibleIf !== undefined) this.checkCondition(page.visibleIf, `${pointer}/visibleIf`, []);
      this.checkElements(page.elements, `${pointer}/elements`, '', [], rootKeys);
    });
    this.diagnostics.push(...checkFormDependencies(this.fields));
  }

  private checkElements(
    elements: FormElement[],
    pointer: string,
    pathPrefix: string,
    repeats: string[],
    siblings: Map<string, string>,
  ): void {
    elements.forEach((element, i) => {
      const at = `${pointer}/${i}`;
      const first = siblings.get(element.key);
      if (first !== undefined) {
        this.report('DUPLICATE_KEY', `${at}/key`, `Der Schlüssel „${element.key}“ ist hier schon vergeben (${first}).`);
      } else siblings.set(element.key, at);
      if (element.visibleIf !== undefined) this.checkCondition(element.visibleIf, `${at}/visibleIf`, repeats);
      if ('requiredIf' in element && element.requiredIf !== undefined) {
        this.checkCondition(element.requiredIf, `${at}/requiredIf`, repeats);
      }
      this.checkRanges(element, at);
      if (element.type === 'text' && element.pattern !== undefined && !isPatternSafe(element.pattern)) {
        this.report(
          'UNSAFE_PATTERN',
          `${at}/pattern`,
          'Dieses Muster kann den Server bei bestimmten Eingaben minutenlang beschäftigen: eine wiederholte Gruppe darf keine Wiederholung und kein „|“ enthalten, und höchstens zwei beliebig oft wiederholte Teile dürfen direkt aufeinander folgen. Verwenden Sie Zeichenklassen wie [ab]+ statt (a|b)+.',
          'error',
          'This pattern can keep the server busy for minutes on some input: a repeated group must contain no repetition and no “|”, and at most two parts repeated without bound may follow one another. Use character classes such as [ab]+ instead of (a|b)+.',
        );
      }
      if (element.type === 'text' && element.pattern !== undefined && (element.maxLength ?? 0) > DEFINITION_LIMITS.patternInputLength) {
        this.diagnostics.push(
          limitDiagnostic(
            'UNSAFE_PATTERN',
            `${at}/maxLength`,
            `Ein Feld mit Muster darf höchstens ${DEFINITION_LIMITS.patternInputLength} Zeichen lang sein; die Prüfung des Musters dauert bei langen Eingaben zu lange.`,
            `A field with a pattern may be at most ${DEFINITION_LIMITS.patternInputLength} characters long; checking the pattern takes too long on longer input.`,
          ),
        );
      }
      if ('options' in element) this.checkOptions(element.options, `${at}/options`);
      if (element.type === 'calculated') {
        const kind = this.checkExpression(element.expression, `${at}/expression`, repeats);
        const expected = valueKindOf(element);
        if (!isCompatible(kind, expected)) {
          this.report('TYPE_MISMATCH', `${at}/expression`, `Die Berechnung ergibt ${KIND_NAMES[kind]}, erwartet ist ${KIND_NAMES[expected]}.`);
        }
      }
      if (element.type === 'group' || element.type === 'repeat') {
        const path = pathPrefix === '' ? element.key : `${pathPrefix}.${element.key}`;
        const inner = element.type === 'repeat' ? [...repeats, path] : repeats;
        this.checkElements(element.elements, `${at}/elements`, path, inner, new Map());
      }
    });
  }

  private checkRanges(element: FormElement, pointer: string): void {
    const pairs: [string, string][] = [
      ['minLength', 'maxLength'],
      ['minimum', 'maximum'],
      ['minItems', 'maxItems'],
      ['minDate', 'maxDate'],
      ['minAgeYears', 'maxAgeYears'],
    ];
    const record = element as unknown as Record<string, unknown>;
    for (const [low, high] of pairs) {
      const a = record[low];
      const b = record[high];
      if ((typeof a === 'number' || typeof a === 'string') && typeof a === typeof b && a > (b as typeof a)) {
        this.report('INVALID_RANGE', `${pointer}/${low}`, `„${low}“ ist größer als „${high}“.`);
      }
    }
    if ('notInFuture' in element && element.notInFuture && element.notInPast) {
      this.report('INVALID_RANGE', `${pointer}/notInPast`, 'Ein Datum kann nicht zugleich weder in der Zukunft noch in der Vergangenheit liegen.');
    }
  }

  private checkOptions(options: ChoiceOption[], pointer: string): void {
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.value)) {
        this.report('DUPLICATE_OPTION', `${pointer}/${i}/value`, `Den Auswahlwert „${option.value}“ gibt es doppelt.`);
      }
      seen.add(option.value);
    });
  }

  // ------------------------------------------------------------ expressions

  private checkCondition(expression: Expression, pointer: string, repeats: string[]): void {
    const kind = this.checkExpression(expression, pointer, repeats);
    if (kind === 'null' || !isCompatible(kind, 'boolean')) {
      this.report('TYPE_MISMATCH', pointer, `Eine Bedingung muss wahr oder falsch ergeben, nicht ${KIND_NAMES[kind]}.`);
    }
  }

  /** Checks an expression and returns the kind of value it yields. */
  private checkExpression(expression: Expression, pointer: string, repeats: string[]): Kind {
    if (expression === null) return 'null';
    // A literal such as "2024-01-31" is a date, so it compares with date fields and not with text.
    if (typeof expression === 'string') return parseIsoDate(expression) ? 'date' : 'string';
    if (typeof expression === 'number') return 'number';
    if (typeof expression === 'boolean') return 'boolean';
    const [operator, args] = Object.entries(expression)[0] as [string, unknown];
    const at = `${pointer}/${operator}`;
    const child = (index: number, scope = repeats): Kind => {
      const expr = (args as Expression[])[index] as Expression;
      return this.checkExpression(expr, `${at}/${index}`, scope);
    };
    const expect = (kind: Kind, allowed: Kind[], where: string): void => {
      if (!allowed.some((a) => isCompatible(kind, a))) {
        this.report(
          'TYPE_MISMATCH',
          where,
          `Hier wird ${allowed.map((a) => KIND_NAMES[a]).join(' oder ')} erwartet, nicht ${KIND_NAMES[kind]}.`,
        );
      }
    };
    switch (operator) {
      case 'var':
        return this.checkReference(args as string, at, repeats);
      case 'eq':
      case 'ne': {
        const [a, b] = [child(0), child(1)];
        if (!isCompatible(a, b)) this.report('TYPE_MISMATCH', at, `Verglichen werden ${KIND_NAMES[a]} und ${KIND_NAMES[b]} – das passt nicht zusammen.`);
        return 'boolean';
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const [a, b] = [child(0), child(1)];
        expect(a, ['number', 'date'], `${at}/0`);
        expect(b, ['number', 'date'], `${at}/1`);
        if (!isCompatible(a, b)) this.report('TYPE_MISMATCH', at, `Verglichen werden ${KIND_NAMES[a]} und ${KIND_NAMES[b]} – das passt nicht zusammen.`);
        return 'boolean';
      }
      case 'and':
      case 'or':
        (args as Expression[]).forEach((_, i) => expect(child(i), ['boolean'], `${at}/${i}`));
        return 'boolean';
      case 'not':
        expect(this.checkExpression(args as Expression, at, repeats), ['boolean'], at);
        return 'boolean';
      case 'empty':
      case 'notEmpty':
        this.checkExpression(args as Expression, at, repeats);
        return 'boolean';
      case 'in': {
        const [needle, haystack] = args as [Expression, unknown];
        const needleKind = this.checkExpression(needle, `${at}/0`, repeats);
        if (!Array.isArray(haystack)) expect(child(1), ['list', 'string'], `${at}/1`);
        else {
          (haystack as Expression[]).forEach((item, i) => {
            const itemKind = this.checkExpression(item, `${at}/1/${i}`, repeats);
            // A multiple choice (list) is tested for one of its values, which are texts.
            const comparable = needleKind === 'list' ? 'string' : needleKind;
            if (!isCompatible(comparable, itemKind)) {
              this.report('TYPE_MISMATCH', `${at}/1/${i}`, `Verglichen werden ${KIND_NAMES[comparable]} und ${KIND_NAMES[itemKind]} – das passt nicht zusammen.`);
            }
          });
        }
        return 'boolean';
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
        (args as Expression[]).forEach((_, i) => expect(child(i), ['number'], `${at}/${i}`));
        return 'number';
      case 'round':
        expect(child(0), ['number'], `${at}/0`);
        return 'number';
      case 'if': {
        expect(child(0), ['boolean'], `${at}/0`);
        const [a, b] = [child(1), child(2)];
        return isCompatible(a, b) ? (a === 'null' ? b : a) : 'any';
      }
      case 'today':
        return 'date';
      case 'age':
        (args as Expression[]).forEach((_, i) => expect(child(i), ['date'], `${at}/${i}`));
        return 'number';
      case 'daysBetween':
        expect(child(0), ['date'], `${at}/0`);
        expect(child(1), ['date'], `${at}/1`);
        return 'number';
      case 'addDays':
        expect(child(0), ['date'], `${at}/0`);
        expect(child(1), ['number'], `${at}/1`);
        return 'date';
      case 'count':
      case 'sum':
      case 'any':
      case 'all': {
        const group = typeof args === 'string' ? args : (args as [string, Expression])[0];
        const groupPointer = typeof args === 'string' ? at : `${at}/0`;
        const inner = this.checkRepeatReference(group, groupPointer, repeats);
        if (Array.isArray(args)) {
          const kind = this.checkExpression(args[1] as Expression, `${at}/1`, inner);
          expect(kind, [operator === 'sum' ? 'number' : 'boolean'], `${at}/1`);
        }
        return operator === 'count' || operator === 'sum' ? 'number' : 'boolean';
      }
      default:
        return 'any';
    }
  }

  private checkReference(path: string, pointer: string, repeats: string[]): Kind {
    if (path.startsWith('$')) {
      const fact = EXPRESSION_FACTS[path.slice(1)];
      if (fact === undefined) {
        this.report('UNKNOWN_FACT', pointer, `„${path}“ ist keine bekannte Angabe zum Vorgang (bekannt: ${Object.keys(EXPRESSION_FACTS).map((f) => `$${f}`).join(', ')}).`);
        return 'any';
      }
      return fact;
    }
    const field = this.fields.get(path);
    if (!field) {
      this.report('UNKNOWN_FIELD', pointer, `Das Feld „${path}“ gibt es im Formular nicht.`);
      return 'any';
    }
    this.checkRepeatsInScope(field, pointer, repeats);
    return valueKindOf(field.element);
  }

  /** Checks that `path` names a reachable repeating group; returns the scope inside its items. */
  private checkRepeatReference(path: string, pointer: string, repeats: string[]): string[] {
    const field = this.fields.get(path);
    if (!field) {
      this.report('UNKNOWN_FIELD', pointer, `Das Feld „${path}“ gibt es im Formular nicht.`);
      return repeats;
    }
    if (field.element.type !== 'repeat') {
      this.report('NOT_A_REPEATING_GROUP', pointer, `„${path}“ ist keine wiederholbare Gruppe.`);
      return repeats;
    }
    this.checkRepeatsInScope(field, pointer, repeats);
    return [...repeats, path];
  }

  private checkRepeatsInScope(field: IndexedElement, pointer: string, repeats: string[]): void {
    const missing = field.repeats.find((r) => !repeats.includes(r));
    if (missing !== undefined) {
      this.report(
        'FIELD_OUT_OF_SCOPE',
        pointer,
        `„${field.path}“ liegt in der wiederholbaren Gruppe „${missing}“; verwenden Sie hier „Anzahl“, „Summe“, „mindestens einer“ oder „alle“.`,
      );
    }
  }

  private checkApplicantFields(): void {
    const applicant = this.definition.settings.applicant;
    if (!applicant) return;
    const paths: [string, string][] = applicant.nameFields.map((path, i) => [path, `/settings/applicant/nameFields/${i}`]);
    if (applicant.emailField !== undefined) paths.push([applicant.emailField, '/settings/applicant/emailField']);
    for (const [path, pointer] of paths) {
      const field = this.fields.get(path);
      if (!field) this.report('UNKNOWN_FIELD', pointer, `Das Feld „${path}“ gibt es im Formular nicht.`);
      else this.checkRepeatsInScope(field, pointer, []);
    }
  }

  // ------------------------------------------------------------ roles

  /** The ids of the built-in actors are never a process role (issue 18: a declared `applicant` was granted to staff). */
  private checkRoleDeclarations(): void {
    this.definition.settings.roles.forEach((role, index) => {
      const actor = describeBuiltInActor(role.id);
      if (!actor) return;
      this.report(
        'RESERVED_ROLE',
        `/settings/roles/${index}/id`,
        `„${role.id}“ steht schon für ${actor.de} und kann keine Rolle der Sachbearbeitung sein. Bitte wählen Sie eine andere Kennung.`,
        'error',
        `“${role.id}” already stands for ${actor.en} and cannot be a caseworker role. Please choose another identifier.`,
      );
    });
  }

  // ------------------------------------------------------------ process

  private checkProcess(): void {
    const { process } = this.definition;
    if (!this.states.has(process.initial)) {
      this.report('UNKNOWN_STATE', '/process/initial', `Den Anfangsstatus „${process.initial}“ gibt es nicht.`);
    }
    process.states.forEach((state, s) => {
      const at = `/process/states/${s}`;
      const actions = state.actions ?? [];
      if (state.kind === 'task' && state.role !== undefined) {
        const actor = describeBuiltInActor(state.role);
        if (actor) {
          this.report(
            'RESERVED_ROLE',
            `${at}/role`,
            `„${state.role}“ steht für ${actor.de}; einen Status in Bearbeitung bearbeitet eine Rolle der Sachbearbeitung.`,
            'error',
            `“${state.role}” stands for ${actor.en}; a task state is worked on by a caseworker role.`,
          );
        } else if (!this.roles.has(state.role)) {
          this.report('UNDECLARED_ROLE', `${at}/role`, `Die Rolle „${state.role}“ ist in den Einstellungen nicht angelegt.`);
        }
      }
      if (state.kind === 'final') this.checkFinalState(state, at);
      else if (actions.length === 0) {
        this.report('NO_WAY_OUT', at, `Aus dem Status „${state.id}“ führt keine Aktion heraus.`);
      }
      if (state.kind === 'automatic' && actions.length > 0 && actions.every((a) => a.guard !== undefined)) {
        this.report(
          'AUTOMATIC_STATE_MAY_STALL',
          `${at}/actions`,
          'Alle Übergänge dieses automatischen Status haben eine Bedingung; ist keine erfüllt, bleibt der Vorgang stehen.',
          'warning',
        );
      }
      this.checkUniqueIds(actions, `${at}/actions`, 'Aktion');
      actions.forEach((action, a) => {
        const actionAt = `${at}/actions/${a}`;
        if (!this.states.has(action.target)) {
          this.report('UNKNOWN_STATE', `${actionAt}/target`, `Den Zielstatus „${action.target}“ gibt es nicht.`);
        }
        action.roles.forEach((role, r) => {
          if (isBuiltInActor(role)) return;
          const actor = describeBuiltInActor(role);
          if (actor) {
            this.report(
              'RESERVED_ROLE',
              `${actionAt}/roles/${r}`,
              `„${role}“ ist keine Rolle der Sachbearbeitung; ${actor.de} heißt hier „${actor.id}“.`,
              'error',
              `“${role}” is not a caseworker role; ${actor.en} is written “${actor.id}” here.`,
            );
          } else if (!this.roles.has(role)) {
            this.report('UNDECLARED_ROLE', `${actionAt}/roles/${r}`, `Die Rolle „${role}“ ist in den Einstellungen nicht angelegt.`);
          }
        });
        if (action.fourEyes === true) {
          const actors = action.roles.filter(isBuiltInActor);
          if (actors.length > 0) {
            this.report(
              'FOUR_EYES_NOT_STAFF_ACTION',
              `${actionAt}/fourEyes`,
              `Das Vier-Augen-Prinzip gilt nur für Aktionen der Sachbearbeitung; die Aktion „${action.id}“ dürfen auch ${actors.map((role) => `„${role}“`).join(' und ')} ausführen, die niemand bestätigt.`,
            );
          }
        }
        if (action.guard !== undefined) this.checkCondition(action.guard, `${actionAt}/guard`, []);
        const inputKeys = new Set<string>();
        (action.inputs ?? []).forEach((input, i) => {
          if (inputKeys.has(input.key)) {
            this.report('DUPLICATE_KEY', `${actionAt}/inputs/${i}/key`, `Die Eingabe „${input.key}“ gibt es doppelt.`);
          }
          inputKeys.add(input.key);
        });
        (action.effects ?? []).forEach((effect, e) => {
          if (effect.type === 'issueDocument' && !this.templates.has(effect.template)) {
            this.report('UNKNOWN_TEMPLATE', `${actionAt}/effects/${e}/template`, `Die Vorlage „${effect.template}“ gibt es nicht.`);
          }
        });
      });
      this.checkUniqueIds(state.deadlines ?? [], `${at}/deadlines`, 'Frist');
      (state.deadlines ?? []).forEach((deadline, d) => {
        const action = actions.find((a) => a.id === deadline.action);
        if (!action) {
          this.report('UNKNOWN_ACTION', `${at}/deadlines/${d}/action`, `Die Aktion „${deadline.action}“ gibt es in diesem Status nicht.`);
        } else if (!action.roles.includes(SYSTEM_ROLE)) {
          this.report(
            'DEADLINE_NOT_SYSTEM_ACTION',
            `${at}/deadlines/${d}/action`,
            `Die Aktion „${deadline.action}“ muss für die Rolle „system“ freigegeben sein, damit die Frist sie auslösen kann.`,
          );
        }
        if (deadline.setBy !== undefined) this.checkDeadlineInput(state.id, deadline.setBy, `${at}/deadlines/${d}/setBy`);
        if (deadline.remindBefore !== undefined && state.kind !== 'waiting') {
          this.report(
            'REMINDER_NOT_FOR_APPLICANT',
            `${at}/deadlines/${d}/remindBefore`,
            'Eine Erinnerung geht an die Antragstellerin oder den Antragsteller: nur Fristen eines Status „wartet auf Antragsteller“ können sie haben.',
            'error',
            'A reminder goes to the applicant: only deadlines of a state waiting for the applicant can have one.',
          );
        }
      });
    });
    this.checkReachability();
    this.checkEveryStateCanFinish();
    this.checkAutomaticCycles();
  }

  /**
   * A deadline set by a person reads a date input of the actions leading into its state: at least one of them
   * must declare it, and as a date wherever it is declared.
   */
  private checkDeadlineInput(stateId: string, key: string, pointer: string): void {
    const declared = this.definition.process.states
      .flatMap((state) => state.actions ?? [])
      .filter((action) => action.target === stateId)
      .flatMap((action) => (action.inputs ?? []).filter((input) => input.key === key));
    if (declared.length === 0) {
      this.report(
        'DEADLINE_INPUT_UNKNOWN',
        pointer,
        `Keine Aktion, die in den Status „${stateId}“ führt, hat die Eingabe „${key}“, mit der die Frist gesetzt wird.`,
      );
    } else if (declared.some((input) => input.type !== 'date')) {
      this.report('DEADLINE_INPUT_UNKNOWN', pointer, `Die Eingabe „${key}“, mit der die Frist gesetzt wird, muss überall ein Datum sein.`);
    }
  }

  /** A state from which no final state can be reached would keep the case open forever. */
  private checkEveryStateCanFinish(): void {
    const canFinish = new Set(this.definition.process.states.filter((s) => s.kind === 'final').map((s) => s.id));
    let grew = true;
    while (grew) {
      grew = false;
      for (const state of this.definition.process.states) {
        if (!canFinish.has(state.id) && (state.actions ?? []).some((a) => canFinish.has(a.target))) {
          canFinish.add(state.id);
          grew = true;
        }
      }
    }
    this.definition.process.states.forEach((state, s) => {
      if (state.kind !== 'final' && (state.actions ?? []).length > 0 && !canFinish.has(state.id)) {
        this.report('NO_WAY_OUT', `/process/states/${s}`, `Vom Status „${state.id}“ aus kann der Vorgang nie abgeschlossen werden.`);
      }
    });
  }

  /** Automatic states that lead to each other would move the case in circles without end. */
  private checkAutomaticCycles(): void {
    const automatic = new Map(this.definition.process.states.filter((s) => s.kind === 'automatic').map((s) => [s.id, s]));
    const reported = new Set<string>();
    for (const start of automatic.keys()) {
      const stack: string[] = [start];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const id = stack.pop()!;
        for (const action of automatic.get(id)?.actions ?? []) {
          if (action.target === start && !reported.has(start)) {
            reported.add(start);
            const index = this.definition.process.states.findIndex((s) => s.id === start);
            this.report('AUTOMATIC_CYCLE', `/process/states/${index}`, `Der automatische Status „${start}“ kann über automatische Status zu sich selbst zurückführen; der Vorgang käme nie zur Ruhe.`);
          }
          if (automatic.has(action.target) && !seen.has(action.target)) {
            seen.add(action.target);
            stack.push(action.target);
          }
        }
      }
    }
  }

  private checkFinalState(state: ProcessState, pointer: string): void {
    if (state.decisionTemplate === undefined) {
      this.report('MISSING_DECISION_DOCUMENT', pointer, `Der Endstatus „${state.id}“ hat keinen Bescheid.`);
      return;
    }
    const template = this.templates.get(state.decisionTemplate);
    if (!template) {
      this.report('UNKNOWN_TEMPLATE', `${pointer}/decisionTemplate`, `Die Vorlage „${state.decisionTemplate}“ gibt es nicht.`);
    } else if (template.kind !== 'decision') {
      this.report('WRONG_TEMPLATE_KIND', `${pointer}/decisionTemplate`, `Die Vorlage „${template.id}“ ist kein Bescheid.`);
    }
  }

  private checkReachability(): void {
    const { process } = this.definition;
    const reached = new Set<string>();
    const queue = this.states.has(process.initial) ? [process.initial] : [];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (reached.has(id)) continue;
      reached.add(id);
      for (const action of this.states.get(id)?.actions ?? []) queue.push(action.target);
    }
    process.states.forEach((state, s) => {
      if (!reached.has(state.id) && this.states.get(state.id) === state) {
        this.report('UNREACHABLE_STATE', `/process/states/${s}`, `Der Status „${state.id}“ ist vom Anfang aus nicht erreichbar.`);
      }
    });
  }

  // ------------------------------------------------------------ documents

  private checkDocuments(): void {
    this.definition.documents.forEach((template, t) => {
      const actionInputs = this.inputsOfActionsIssuing(template.id);
      for (const part of TEMPLATE_TEXT_PARTS) {
        const text = template[part];
        if (!text) continue;
        for (const [language, value] of Object.entries(text)) {
          if (typeof value !== 'string') continue;
          const at = `/documents/${t}/${part}/${language}`;
          for (const placeholder of listTemplatePlaceholders(value)) {
            this.checkPlaceholder(placeholder.name, placeholder.eachScopes, at, actionInputs);
          }
        }
      }
    });
  }

  /** The service's own e-mail texts may name form fields and the mail facts (`MAIL_FACTS`). */
  private checkNotifications(): void {
    for (const [occasion, mail] of Object.entries(this.definition.settings.notifications ?? {})) {
      for (const part of ['subject', 'body'] as const) {
        for (const [language, value] of Object.entries(mail[part] ?? {}) as [string, string][]) {
          const at = `/settings/notifications/${occasion}/${part}/${language}`;
          for (const placeholder of listTemplatePlaceholders(value)) {
            if ((MAIL_FACTS as readonly string[]).includes(placeholder.name)) continue;
            const field = this.fields.get(placeholder.name);
            if (!field) this.report('UNKNOWN_PLACEHOLDER', at, `Der Platzhalter „{{${placeholder.name}}}“ nennt kein Feld und keine bekannte Angabe.`);
            else this.checkRepeatsInScope(field, at, placeholder.eachScopes);
          }
        }
      }
    }
  }

  private checkPlaceholder(name: string, eachScopes: string[], pointer: string, actionInputs: Set<string>): void {
    if ((TEMPLATE_FACTS as readonly string[]).includes(name)) return;
    if (name.startsWith('action.')) {
      if (!actionInputs.has(name.slice('action.'.length))) {
        this.report('UNKNOWN_PLACEHOLDER', pointer, `„{{${name}}}“: keine Aktion, die dieses Dokument erzeugt, fragt „${name.slice(7)}“ ab.`);
      }
      return;
    }
    const field = this.fields.get(name);
    if (!field) {
      this.report('UNKNOWN_PLACEHOLDER', pointer, `Der Platzhalter „{{${name}}}“ nennt kein Feld und keine bekannte Angabe.`);
      return;
    }
    this.checkRepeatsInScope(field, pointer, eachScopes);
  }

  /** Input keys of every action that issues the template, by effect or by entering a state that issues it. */
  private inputsOfActionsIssuing(templateId: string): Set<string> {
    const keys = new Set<string>();
    for (const state of this.definition.process.states) {
      for (const action of state.actions ?? []) {
        const target = this.states.get(action.target);
        const issues =
          target?.decisionTemplate === templateId ||
          (action.effects ?? []).some((e) => e.type === 'issueDocument' && e.template === templateId);
        if (issues) for (const input of action.inputs ?? []) keys.add(input.key);
      }
    }
    return keys;
  }
}

type Kind = ValueKind | 'any' | 'null';

const KIND_NAMES: Record<Kind, string> = {
  string: 'ein Text',
  number: 'eine Zahl',
  boolean: 'ja/nein',
  date: 'ein Datum',
  list: 'eine Liste',
  object: 'eine Gruppe',
  any: 'ein beliebiger Wert',
  null: 'ein leerer Wert',
};

function isCompatible(a: Kind, b: Kind): boolean {
  return a === 'any' || b === 'any' || a === 'null' || b === 'null' || a === b;
}

/** Escapes one JSON-pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function escapeJsonPointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
