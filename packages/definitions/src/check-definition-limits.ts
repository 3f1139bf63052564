import type { Diagnostic, DiagnosticCode } from './diagnostic';

/**
 * How large a service definition may be. Far above any real form (a large one has 300–500 fields, expressions a
 * few levels deep), far below what would let one definition occupy the server: every check, the form compiler
 * and the evaluator walk these structures recursively, and the submission path evaluates every condition.
 * The JSON Schema bounds each list on its own (500 elements per page or group, 500 options); these bound what
 * it cannot: totals, nesting and the size of expressions.
 */
export const DEFINITION_LIMITS = {
  /** Nesting of the JSON itself, checked before anything else walks it; a backstop for all other limits. */
  jsonDepth: 128,
  /** Fields, groups, repeating groups and static texts in the whole form. */
  formElements: 2_000,
  /** Groups and repeating groups inside each other. */
  groupDepth: 10,
  /** Operators inside each other in one expression. */
  expressionDepth: 32,
  /** Operators and values in one expression (items of a literal list included). */
  expressionSize: 2_000,
  /** Longest text a field with a `pattern` may take: matching a pattern takes time growing with the input. */
  patternInputLength: 500,
  /** Fields a condition or calculation depends on through other conditions and calculations, one after another. */
  dependencyChain: 50,
} as const;

/** Keys under which an element, page or action holds an expression. */
const EXPRESSION_KEYS = ['visibleIf', 'requiredIf', 'expression', 'guard'] as const;

/**
 * Checks the limits on a definition that has not been validated yet (any JSON). Iterative where the input can be
 * arbitrarily deep, so it never overflows the stack itself. An empty list means every later check, the compiler
 * and the evaluator may walk the definition without bound worries.
 *
 * @example
 * checkDefinitionLimits({ form: { pages: [{ elements: [deeplyNestedGroup] }] } })
 * // [{ code: 'NESTED_TOO_DEEP', path: '/form/pages/0/elements/0/elements/0/…', … }]
 */
export function checkDefinitionLimits(definition: unknown): Diagnostic[] {
  const tooDeep = findTooDeep(definition, DEFINITION_LIMITS.jsonDepth);
  if (tooDeep !== undefined) {
    return [
      limitDiagnostic(
        'DEFINITION_TOO_DEEP',
        tooDeep,
        `Die Definition ist hier tiefer als ${DEFINITION_LIMITS.jsonDepth} Ebenen verschachtelt.`,
        `The definition is nested deeper than ${DEFINITION_LIMITS.jsonDepth} levels here.`,
      ),
    ];
  }
  const diagnostics: Diagnostic[] = [];
  const form = property(definition, 'form');
  const pages = property(form, 'pages');
  let elementCount = 0;
  const walk = (elements: unknown, pointer: string, depth: number): void => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element: unknown, i) => {
      const at = `${pointer}/${i}`;
      elementCount++;
      if (elementCount === DEFINITION_LIMITS.formElements + 1) {
        diagnostics.push(
          limitDiagnostic(
            'TOO_MANY_ELEMENTS',
            at,
            `Das Formular hat mehr als ${DEFINITION_LIMITS.formElements} Felder, Gruppen und Texte; teilen Sie den Dienst auf.`,
            `The form has more than ${DEFINITION_LIMITS.formElements} fields, groups and texts; split the service.`,
          ),
        );
      }
      checkExpressions(element, at, diagnostics);
      const children = property(element, 'elements');
      if (children === undefined) return;
      if (depth === DEFINITION_LIMITS.groupDepth) {
        diagnostics.push(
          limitDiagnostic(
            'NESTED_TOO_DEEP',
            `${at}/elements`,
            `Gruppen sind hier tiefer als ${DEFINITION_LIMITS.groupDepth} Ebenen ineinander verschachtelt.`,
            `Groups are nested deeper than ${DEFINITION_LIMITS.groupDepth} levels here.`,
          ),
        );
        return;
      }
      walk(children, `${at}/elements`, depth + 1);
    });
  };
  if (Array.isArray(pages)) {
    pages.forEach((page: unknown, p) => {
      checkExpressions(page, `/form/pages/${p}`, diagnostics);
      walk(property(page, 'elements'), `/form/pages/${p}/elements`, 0);
    });
  }
  const states = property(property(definition, 'process'), 'states');
  if (Array.isArray(states)) {
    states.forEach((state: unknown, s) => {
      const actions = property(state, 'actions');
      if (Array.isArray(actions)) actions.forEach((action: unknown, a) => checkExpressions(action, `/process/states/${s}/actions/${a}`, diagnostics));
    });
  }
  return diagnostics;
}

/** A diagnostic of the limit checks and of the dependency check, which explain themselves in English too. */
export function limitDiagnostic(code: DiagnosticCode, path: string, message: string, messageEn: string): Diagnostic {
  return { code, severity: 'error', path, message, messageEn };
}

function checkExpressions(owner: unknown, pointer: string, diagnostics: Diagnostic[]): void {
  for (const key of EXPRESSION_KEYS) {
    const expression = property(owner, key);
    if (expression === undefined) continue;
    const { depth, size } = measureExpression(expression);
    if (depth > DEFINITION_LIMITS.expressionDepth || size > DEFINITION_LIMITS.expressionSize) {
      diagnostics.push(
        limitDiagnostic(
          'EXPRESSION_TOO_COMPLEX',
          `${pointer}/${key}`,
          `Dieser Ausdruck ist zu umfangreich (${depth} Ebenen, ${size} Teile; erlaubt sind ${DEFINITION_LIMITS.expressionDepth} Ebenen und ${DEFINITION_LIMITS.expressionSize} Teile).`,
          `This expression is too complex (${depth} levels, ${size} parts; at most ${DEFINITION_LIMITS.expressionDepth} levels and ${DEFINITION_LIMITS.expressionSize} parts are allowed).`,
        ),
      );
    }
  }
}

/** Operator nesting and node count of an expression (any JSON; arrays are argument lists, not levels). */
function measureExpression(expression: unknown): { depth: number; size: number } {
  let depth = 0;
  let size = 0;
  const stack: [unknown, number][] = [[expression, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, level]);
      continue;
    }
    size++;
    if (node === null || typeof node !== 'object') continue;
    depth = Math.max(depth, level + 1);
    for (const value of Object.values(node)) stack.push([value, level + 1]);
  }
  return { depth, size };
}

/** The JSON pointer of the first value nested deeper than `limit`, or undefined. */
function findTooDeep(root: unknown, limit: number): string | undefined {
  // Each entry links to its parent, so a pointer is built only for the value that is too deep.
  interface Visit {
    node: unknown;
    key: string;
    parent: Visit | undefined;
    depth: number;
  }
  const stack: Visit[] = [{ node: root, key: '', parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.node === null || typeof visit.node !== 'object') continue;
    if (visit.depth >= limit) {
      const segments: string[] = [];
      for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) segments.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
      return segments.reverse().map((segment) => `/${segment}`).join('');
    }
    const { node } = visit;
    const entries: [string, unknown][] = Array.isArray(node) ? node.map((value: unknown, i) => [String(i), value]) : Object.entries(node);
    for (const [key, value] of entries) {
      if (value !== null && typeof value === 'object') stack.push({ node: value, key, parent: visit, depth: visit.depth + 1 });
    }
  }
  return undefined;
}

function property(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
