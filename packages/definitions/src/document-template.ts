import type { DocumentTemplate } from './service-definition';

/** The text parts of a document template, in the order they appear on the letter. */
export const TEMPLATE_TEXT_PARTS = [
  'title',
  'authority',
  'addressee',
  'subject',
  'operative',
  'reasoning',
  'legalRemedy',
  'body',
] as const satisfies readonly (keyof DocumentTemplate)[];

/** A placeholder found in a template text, with the repeating groups (`{{#each}}`) it sits in. */
export interface TemplatePlaceholder {
  name: string;
  eachScopes: string[];
}

const TOKEN = /\{\{\s*(#each\s+([A-Za-z0-9_.]+)|\/each|[$A-Za-z0-9_.]+)\s*\}\}/g;

/**
 * Lists the placeholders of a template text: `{{holder.lastName}}`, `{{case.reference}}`, and the group of
 * each `{{#each dogs}}` block (listed as a placeholder itself) with its inner placeholders.
 */
export function listTemplatePlaceholders(text: string): TemplatePlaceholder[] {
  const found: TemplatePlaceholder[] = [];
  const scopes: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (match[2] !== undefined) {
      found.push({ name: match[2], eachScopes: [...scopes] });
      scopes.push(match[2]);
    } else if (match[1] === '/each') {
      scopes.pop();
    } else if (match[1] !== undefined) {
      found.push({ name: match[1], eachScopes: [...scopes] });
    }
  }
  return found;
}

/** Values a template is rendered with. */
export interface TemplateContext {
  /** The case data (form answers). */
  data: Readonly<Record<string, unknown>>;
  /** Facts outside the form, nested as conditions read them: `{ case: { reference } , action: { reason } }`. */
  facts: Readonly<Record<string, unknown>>;
  /** Turns a field's raw value into display text (option labels, German dates, Ja/Nein). */
  formatValue?: (path: string, value: unknown) => string;
}

/**
 * Fills a template text. `{{#each dogs}}…{{/each}}` repeats its body per item; inside it `{{dogs.name}}` reads the
 * current item. Unknown placeholders render as empty text (the static checker reports them before publishing).
 */
export function renderTemplate(text: string, context: TemplateContext): string {
  return renderSection(text, context, {});
}

function renderSection(text: string, context: TemplateContext, items: Record<string, number>): string {
  let output = '';
  let cursor = 0;
  TOKEN.lastIndex = 0;
  const tokens = [...text.matchAll(TOKEN)];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    output += text.slice(cursor, token.index);
    cursor = token.index + token[0].length;
    if (token[2] !== undefined) {
      const end = findMatchingEnd(tokens, i);
      const bodyStart = cursor;
      const bodyEnd = end === -1 ? text.length : tokens[end]!.index;
      const body = text.slice(bodyStart, bodyEnd);
      const list = readPath(context.data, token[2], items);
      if (Array.isArray(list)) {
        list.forEach((_, index) => {
          output += renderSection(body, context, { ...items, [token[2]!]: index });
        });
      }
      if (end === -1) return output;
      cursor = tokens[end]!.index + tokens[end]![0].length;
      i = end;
    } else if (token[1] !== '/each' && token[1] !== undefined) {
      output += formatPlaceholder(token[1], context, items);
    }
  }
  return output + text.slice(cursor);
}

function findMatchingEnd(tokens: RegExpExecArray[] | RegExpMatchArray[], start: number): number {
  let depth = 0;
  for (let i = start + 1; i < tokens.length; i++) {
    if (tokens[i]![2] !== undefined) depth++;
    else if (tokens[i]![1] === '/each') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function formatPlaceholder(name: string, context: TemplateContext, items: Record<string, number>): string {
  const fact = readPath(context.facts, name, {});
  if (fact !== undefined) return formatScalar(fact);
  const value = readPath(context.data, name, items);
  if (value === undefined || value === null) return '';
  if (context.formatValue) return context.formatValue(name, value);
  return formatScalar(value);
}

function formatScalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function readPath(data: unknown, path: string, items: Record<string, number>): unknown {
  let current = data;
  let prefix = '';
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
    prefix = prefix === '' ? segment : `${prefix}.${segment}`;
    const index = items[prefix];
    if (Array.isArray(current) && index !== undefined) current = current[index];
  }
  return current;
}
