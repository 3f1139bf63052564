import { DEFINITION_LIMITS, limitDiagnostic } from './check-definition-limits';
import type { Diagnostic } from './diagnostic';
import type { IndexedElement } from './form-index';
import { listExpressionFields } from './list-expression-fields';

/** What one node of the form waits for, and where the definition says so. */
interface Dependency {
  on: string;
  pointer: string;
}

/** Most cycles reported for one definition; one broken pattern repeated a thousand times needs no thousand lines. */
const MAX_REPORTED = 20;

/**
 * Finds conditions and calculations that depend on themselves: a field shown only when another is answered
 * that is shown only when the first is answered can never be shown; a calculation reading its own result has
 * no value. Also bounds how long a chain of such dependencies may be, since the submission path settles
 * visibility pass by pass. Nodes are data paths; an element also depends on the group it sits in, as it is
 * hidden with it. Pages are not nodes: whether a page may be shown by one of its own answers is left to the
 * Studio, whose editing operations produce such pages.
 */
export function checkFormDependencies(fields: ReadonlyMap<string, IndexedElement>): Diagnostic[] {
  const graph = buildGraph(fields);
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'open' | 'done'>();
  /** Longest chain of dependencies below each finished node, in edges. */
  const chain = new Map<string, number>();
  const path: string[] = [];
  let reportedChain = false;

  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    let longest = 0;
    for (const dependency of graph.get(node) ?? []) {
      const seen = state.get(dependency.on);
      if (seen === 'open') {
        if (diagnostics.length < MAX_REPORTED) diagnostics.push(cycleDiagnostic([...path.slice(path.indexOf(dependency.on)), dependency.on], dependency.pointer));
        continue;
      }
      if (seen === undefined) visit(dependency.on);
      longest = Math.max(longest, 1 + (chain.get(dependency.on) ?? 0));
    }
    chain.set(node, longest);
    if (longest > DEFINITION_LIMITS.dependencyChain && !reportedChain) {
      reportedChain = true;
      diagnostics.push(
        limitDiagnostic(
          'DEPENDENCY_CHAIN_TOO_LONG',
          graph.get(node)?.[0]?.pointer ?? '/form',
          `${describe(node, 'de')} hängt über mehr als ${DEFINITION_LIMITS.dependencyChain} Bedingungen und Berechnungen nacheinander von anderen Feldern ab.`,
          `${describe(node, 'en')} depends on other fields through more than ${DEFINITION_LIMITS.dependencyChain} conditions and calculations in a row.`,
        ),
      );
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return diagnostics;
}

function buildGraph(fields: ReadonlyMap<string, IndexedElement>): Map<string, Dependency[]> {
  const graph = new Map<string, Dependency[]>();
  const add = (node: string, dependency: Dependency): void => {
    const list = graph.get(node);
    if (list) list.push(dependency);
    else graph.set(node, [dependency]);
  };
  const addReferences = (node: string, expression: Parameters<typeof listExpressionFields>[0], pointer: string): void => {
    for (const on of listExpressionFields(expression)) if (fields.has(on)) add(node, { on, pointer });
  };
  for (const { element, path, pointer } of fields.values()) {
    if (element.visibleIf !== undefined) addReferences(path, element.visibleIf, `${pointer}/visibleIf`);
    if (element.type === 'calculated') addReferences(path, element.expression, `${pointer}/expression`);
    const parent = path.lastIndexOf('.');
    if (parent !== -1) add(path, { on: path.slice(0, parent), pointer });
  }
  return graph;
}

function cycleDiagnostic(cycle: string[], pointer: string): Diagnostic {
  return limitDiagnostic(
    'CYCLIC_DEPENDENCY',
    pointer,
    `Bedingungen oder Berechnungen hängen im Kreis voneinander ab (${cycle.map((node) => describe(node, 'de')).join(' → ')}); solche Felder können nie angezeigt oder berechnet werden.`,
    `Conditions or calculations depend on each other in a circle (${cycle.map((node) => describe(node, 'en')).join(' → ')}); such fields can never be shown or calculated.`,
  );
}

function describe(node: string, language: 'de' | 'en'): string {
  return language === 'de' ? `„${node}“` : `“${node}”`;
}
