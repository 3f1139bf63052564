import { MAIL_FACTS, TEMPLATE_FACTS, TEMPLATE_TEXT_PARTS } from '@amtsweg/definitions';
import type {
  DocumentTemplate,
  Expression,
  FormElement,
  FormPage,
  LocalizedText,
  MailOccasion,
  MailText,
  ProcessState,
  ServiceDefinition,
  ServiceSettings,
} from '@amtsweg/definitions';
import { isSameOrInside } from './element-paths';

/** Says what a field path becomes; `undefined` leaves it as it is. */
export type PathRename = (path: string) => string | undefined;

/**
 * The rename for an element whose data path changes from `from` to `to`: the element's own path and the paths
 * of everything below it change, nothing else.
 *
 * @example
 * renamePathPrefix('holder', 'owner')('holder.city') // 'owner.city'
 */
export function renamePathPrefix(from: string, to: string): PathRename {
  return (path) => (isSameOrInside(path, from) ? to + path.slice(from.length) : undefined);
}

// The placeholder syntax of document templates, as `listTemplatePlaceholders` reads it.
const TEMPLATE_TOKEN = /\{\{\s*(#each\s+([A-Za-z0-9_.]+)|\/each|[$A-Za-z0-9_.]+)\s*\}\}/g;

/**
 * True for template placeholders that name facts of the case, the organisation or the action, not form fields.
 * `{{action.…}}` always reads the action's inputs; the listed `case.` and `organisation.` facts win over any
 * field of the same name when a letter is rendered.
 */
export function isTemplateFact(name: string): boolean {
  return name.startsWith('action.') || (TEMPLATE_FACTS as readonly string[]).includes(name);
}

/**
 * True for placeholders of the applicant's e-mails that name facts (`MAIL_FACTS`: the case, the organisation,
 * the status link, the deadline, the message), not form fields. E-mails have no action inputs.
 */
export function isMailFact(name: string): boolean {
  return (MAIL_FACTS as readonly string[]).includes(name);
}

/**
 * Rewrites the field paths an expression reads (`var` and the repeating group of `count`, `sum`, `any`, `all`).
 * `$` facts and literals stay. Unchanged parts are returned as they were.
 *
 * @example
 * rewriteExpressionPaths({ var: 'holder.city' }, renamePathPrefix('holder', 'owner')) // { var: 'owner.city' }
 */
export function rewriteExpressionPaths(expression: Expression, rename: PathRename): Expression {
  if (expression === null || typeof expression !== 'object') return expression;
  if (Array.isArray(expression)) return mapShared(expression as Expression[], (item) => rewriteExpressionPaths(item, rename)) as unknown as Expression;
  let changed = false;
  const next: Record<string, unknown> = {};
  for (const [operator, args] of Object.entries(expression)) {
    const rewritten = rewriteArguments(operator, args, rename);
    if (rewritten !== args) changed = true;
    next[operator] = rewritten;
  }
  return changed ? (next as Expression) : expression;
}

function rewriteArguments(operator: string, args: unknown, rename: PathRename): unknown {
  const path = (value: unknown): unknown =>
    typeof value === 'string' && !value.startsWith('$') ? (rename(value) ?? value) : value;
  const expression = (value: unknown): unknown => rewriteExpressionPaths(value as Expression, rename);
  const keep = (value: unknown): unknown => value;
  switch (operator) {
    case 'var':
      return path(args);
    case 'today':
      return args;
    case 'not':
    case 'empty':
    case 'notEmpty':
      return expression(args);
    case 'count':
    case 'sum':
    case 'any':
    case 'all':
      return typeof args === 'string' ? path(args) : mapPositions(args, [path, expression]);
    case 'in':
      // A literal list on the right holds values, not expressions.
      return Array.isArray(args) && Array.isArray(args[1]) ? mapPositions(args, [expression, keep]) : mapPositions(args, [], expression);
    case 'round':
      return mapPositions(args, [expression, keep]);
    default:
      return mapPositions(args, [], expression);
  }
}

/** Maps the items of an argument list, each by its own function or by `rest`; keeps the list when nothing changed. */
function mapPositions(
  args: unknown,
  byPosition: ((value: unknown) => unknown)[],
  rest: (value: unknown) => unknown = (value) => value,
): unknown {
  if (!Array.isArray(args)) return args;
  return mapShared(args as unknown[], (item, index) => (byPosition[index] ?? rest)(item));
}

/**
 * Rewrites the field placeholders of a template text, `{{#each group}}` included. Inside an each block a
 * placeholder names the field by its full path (`{{dogs.name}}`), so every placeholder is rewritten alike.
 * Facts (`{{case.reference}}`, `{{action.reason}}`, `{{organisation.name}}`) stay; `isFact` tells them apart
 * (`isMailFact` for the applicant's e-mails).
 */
export function rewriteTemplatePaths(text: string, rename: PathRename, isFact: (name: string) => boolean = isTemplateFact): string {
  return text.replace(TEMPLATE_TOKEN, (token, inner: string, eachGroup: string | undefined) => {
    const name = eachGroup ?? (inner === '/each' ? undefined : inner);
    if (name === undefined || isFact(name)) return token;
    const renamed = rename(name);
    if (renamed === undefined || renamed === name) return token;
    // The name is the last word of the token, so whitespace and `#each` stay as the designer wrote them.
    const at = token.lastIndexOf(name);
    return token.slice(0, at) + renamed + token.slice(at + name.length);
  });
}

/** Rewrites the references held by an element and everything inside it: conditions and calculations. */
export function rewriteElementPaths(element: FormElement, rename: PathRename): FormElement {
  let next = withExpression(element, 'visibleIf', rename);
  if ('requiredIf' in next) next = withExpression(next, 'requiredIf', rename);
  if (next.type === 'calculated') next = withExpression(next, 'expression', rename);
  if (next.type === 'group' || next.type === 'repeat') {
    const elements = mapShared(next.elements, (child) => rewriteElementPaths(child, rename));
    if (elements !== next.elements) next = { ...next, elements };
  }
  return next;
}

/**
 * Rewrites every field reference in a service definition: conditions of pages and elements, calculations,
 * action guards, placeholders in every text part and language of every template, the applicant fields of the
 * settings and the placeholders of the applicant's e-mails. Parts without a changed reference are shared with the input.
 *
 * @example
 * const moved = rewriteDefinitionPaths(definition, renamePathPrefix('holder', 'owner'));
 */
export function rewriteDefinitionPaths(definition: ServiceDefinition, rename: PathRename): ServiceDefinition {
  const pages = mapShared(definition.form.pages, (page) => rewritePage(page, rename));
  const states = mapShared(definition.process.states, (state) => rewriteState(state, rename));
  const documents = mapShared(definition.documents, (template) => rewriteDocument(template, rename));
  const settings = rewriteSettings(definition.settings, rename);
  if (
    pages === definition.form.pages &&
    states === definition.process.states &&
    documents === definition.documents &&
    settings === definition.settings
  ) {
    return definition;
  }
  return {
    ...definition,
    form: pages === definition.form.pages ? definition.form : { ...definition.form, pages },
    process: states === definition.process.states ? definition.process : { ...definition.process, states },
    documents,
    settings,
  };
}

function rewritePage(page: FormPage, rename: PathRename): FormPage {
  const next = withExpression(page, 'visibleIf', rename);
  const elements = mapShared(next.elements, (element) => rewriteElementPaths(element, rename));
  return elements === next.elements ? next : { ...next, elements };
}

function rewriteState(state: ProcessState, rename: PathRename): ProcessState {
  if (state.actions === undefined) return state;
  const actions = mapShared(state.actions, (action) => withExpression(action, 'guard', rename));
  return actions === state.actions ? state : { ...state, actions };
}

function rewriteDocument(template: DocumentTemplate, rename: PathRename): DocumentTemplate {
  let next = template;
  for (const part of TEMPLATE_TEXT_PARTS) {
    const text = next[part];
    if (text === undefined) continue;
    const rewritten = rewriteLocalizedText(text, rename);
    if (rewritten !== text) next = { ...next, [part]: rewritten };
  }
  return next;
}

function rewriteLocalizedText(text: LocalizedText, rename: PathRename, isFact?: (name: string) => boolean): LocalizedText {
  let next = text;
  for (const [language, value] of Object.entries(text)) {
    if (typeof value !== 'string') continue;
    const rewritten = rewriteTemplatePaths(value, rename, isFact);
    if (rewritten !== value) next = { ...next, [language]: rewritten };
  }
  return next;
}

function rewriteSettings(settings: ServiceSettings, rename: PathRename): ServiceSettings {
  let next = settings;
  const { applicant, notifications } = settings;
  if (applicant !== undefined) {
    const nameFields = mapShared(applicant.nameFields, (path) => rename(path) ?? path);
    const emailField = applicant.emailField === undefined ? undefined : (rename(applicant.emailField) ?? applicant.emailField);
    if (nameFields !== applicant.nameFields || emailField !== applicant.emailField) {
      next = { ...next, applicant: emailField === undefined ? { ...applicant, nameFields } : { ...applicant, nameFields, emailField } };
    }
  }
  if (notifications !== undefined) {
    let mails = notifications;
    for (const [occasion, mail] of Object.entries(notifications) as [MailOccasion, MailText][]) {
      const rewritten = rewriteMail(mail, rename);
      if (rewritten !== mail) mails = { ...mails, [occasion]: rewritten };
    }
    if (mails !== notifications) next = { ...next, notifications: mails };
  }
  return next;
}

function rewriteMail(mail: MailText, rename: PathRename): MailText {
  let next = mail;
  for (const part of ['subject', 'body'] as const) {
    const text = next[part];
    if (text === undefined) continue;
    const rewritten = rewriteLocalizedText(text, rename, isMailFact);
    if (rewritten !== text) next = { ...next, [part]: rewritten };
  }
  return next;
}

function withExpression<T extends object, K extends string>(owner: T, key: K, rename: PathRename): T {
  const expression = (owner as Record<string, unknown>)[key] as Expression | undefined;
  if (expression === undefined) return owner;
  const rewritten = rewriteExpressionPaths(expression, rename);
  return rewritten === expression ? owner : { ...owner, [key]: rewritten };
}

/** Maps a list and returns the same list when no item changed, so unchanged parts stay shared. */
export function mapShared<T>(items: T[], map: (item: T, index: number) => T): T[] {
  let changed = false;
  const next = items.map((item, index) => {
    const mapped = map(item, index);
    if (mapped !== item) changed = true;
    return mapped;
  });
  return changed ? next : items;
}
