import type { Expression } from './expression';

/**
 * Lists the data paths of the fields an expression reads, each once, in order of appearance. Repeating
 * groups named by aggregates are listed too; `$` facts are not fields and are left out.
 *
 * @example
 * listExpressionFields({ and: [{ var: 'a' }, { any: ['dogs', { var: 'dogs.listed' }] }] }) // ['a', 'dogs', 'dogs.listed']
 */
export function listExpressionFields(expression: Expression | undefined): string[] {
  const found = new Set<string>();
  visitExpression(expression, (operator, args) => {
    if (operator === 'var' && typeof args === 'string' && !args.startsWith('$')) found.add(args);
    if (operator === 'count' || operator === 'sum' || operator === 'any' || operator === 'all') {
      const group: unknown = typeof args === 'string' ? args : Array.isArray(args) ? args[0] : undefined;
      if (typeof group === 'string') found.add(group);
    }
  });
  return [...found];
}

/**
 * Calls `visit` for every operator node of an expression, depth first, parents before children.
 * Literal lists (right side of `in`) are not descended into.
 */
export function visitExpression(
  expression: Expression | undefined,
  visit: (operator: string, args: unknown) => void,
): void {
  if (expression === null || typeof expression !== 'object') return;
  for (const [operator, args] of Object.entries(expression)) {
    visit(operator, args);
    for (const child of childExpressions(operator, args)) visitExpression(child, visit);
  }
}

/** The sub-expressions of an operator node. */
export function childExpressions(operator: string, args: unknown): Expression[] {
  switch (operator) {
    case 'var':
    case 'today':
      return [];
    case 'not':
    case 'empty':
    case 'notEmpty':
      return [args as Expression];
    case 'count':
    case 'sum':
    case 'any':
    case 'all':
      return Array.isArray(args) ? [args[1] as Expression] : [];
    case 'in':
      if (!Array.isArray(args)) return [];
      return Array.isArray(args[1]) ? [args[0] as Expression] : (args as Expression[]);
    case 'round':
      return Array.isArray(args) ? [args[0] as Expression] : [];
    default:
      return Array.isArray(args) ? (args as Expression[]) : [];
  }
}
