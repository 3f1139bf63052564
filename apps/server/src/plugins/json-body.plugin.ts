import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type AppMessage } from '../app-error';

/**
 * How deep a JSON body may nest. Far above any legitimate body (a service definition is bounded at 128 levels by
 * its own check, answers at 32), far below what would overflow the stack of any code that walks a body.
 */
export const MAX_BODY_DEPTH = 256;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Parses JSON bodies, which must be UTF-8, and refuses what no route should ever see, each with its JSON pointer
 * so the answer names the field like any other: prototype-poisoning keys (`__proto__`, and `constructor` holding
 * a `prototype`), texts PostgreSQL cannot store (a NUL character, half of a surrogate pair) and nesting deeper
 * than MAX_BODY_DEPTH. `JSON.parse` itself only creates own properties; the refusal keeps such keys away from
 * any code that might merge objects.
 */
function jsonBodyPlugin(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    // JSON is UTF-8 (RFC 8259); a body declared in another character set is not read as if it were.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(
        new AppError('UNSUPPORTED_MEDIA_TYPE', {
          de: `Der Zeichensatz „${charset}“ wird nicht angenommen; bitte senden Sie JSON in UTF-8.`,
          en: `The character set “${charset}” is not accepted; please send JSON in UTF-8.`,
        }),
      );
      return;
    }
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      done(new AppError('REQUEST_INVALID', { de: 'Die Daten sind kein gültiges UTF-8.', en: 'The body is not valid UTF-8.' }));
      return;
    }
    if (text.trim() === '') {
      done(new AppError('REQUEST_INVALID', { de: 'Die Anfrage enthält keine Daten.', en: 'The request body is empty.' }));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(new AppError('REQUEST_INVALID', { de: 'Die Daten sind kein gültiges JSON.', en: 'The body is not valid JSON.' }));
      return;
    }
    // Only a text that names such a key, escapes such a character or opens that many brackets can hold one; most
    // bodies skip the walk.
    const suspicious = /__proto__|constructor|\\u0000|\\u[dD][89a-fA-F]/.test(text) || countOpenings(text) > MAX_BODY_DEPTH;
    const problems = suspicious ? findBodyProblems(parsed) : [];
    if (problems.length > 0) {
      done(
        new AppError('REQUEST_INVALID', { de: 'Die Daten enthalten nicht erlaubte Angaben.', en: 'The body contains values that are not allowed.' }, { errors: problems }),
      );
      return;
    }
    done(null, parsed);
  });

  // Query strings and path parameters get the same refusal of what PostgreSQL cannot store as bodies do: a
  // `?state=%00` reaching a query would fail there (a 500) instead of being answered as the caller's mistake.
  app.addHook('preValidation', (request, _reply, done) => {
    const problems = [
      ...findTextProblems(request.query, '/querystring'),
      ...findTextProblems(request.params, '/params'),
    ];
    if (problems.length > 0) {
      done(new AppError('REQUEST_INVALID', { de: 'Die Adresse enthält nicht erlaubte Zeichen.', en: 'The address contains characters that are not allowed.' }, { errors: problems }));
      return;
    }
    done();
  });
}

/** The texts of a parsed query string or the path parameters (a name, a value or a list of values) that cannot be stored. */
function findTextProblems(values: unknown, at: string): BodyProblem[] {
  if (values === null || typeof values !== 'object') return [];
  const problems: BodyProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const listed: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
    const texts = [name, ...listed].filter((text): text is string => typeof text === 'string');
    if (texts.some(hasUnstorableCharacter)) problems.push(characterProblem(`${at}/${hasUnstorableCharacter(name) ? '' : name}`));
  }
  return problems.slice(0, 20);
}

function countOpenings(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) count++;
  }
  return count;
}

interface BodyProblem {
  path: string;
  code: 'unknownProperty' | 'character' | 'tooDeep';
  message: AppMessage;
}

/** Walks the parsed body without recursion (it may be nested arbitrarily deep) and collects up to 20 problems. */
function findBodyProblems(root: unknown): BodyProblem[] {
  const found: BodyProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0 && found.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnstorableCharacter(value)) found.push(characterProblem(path));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      found.push({
        path,
        code: 'tooDeep',
        message: { de: `Die Daten sind hier tiefer als ${MAX_BODY_DEPTH} Ebenen verschachtelt.`, en: `The body is nested deeper than ${MAX_BODY_DEPTH} levels here.` },
      });
      continue;
    }
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    // Reversed onto the stack, so problems come in document order.
    for (const [key, child] of entries.reverse()) {
      const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const poisoned = key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child);
      if (poisoned) found.push({ path: childPath, code: 'unknownProperty', message: { de: `„${key}“ ist nicht erlaubt.`, en: `“${key}” is not allowed.` } });
      else if (hasUnstorableCharacter(key)) found.push(characterProblem(childPath));
      else stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return found.slice(0, 20);
}

/** NUL and unpaired surrogates: PostgreSQL stores neither in `text` nor in `jsonb`. */
function hasUnstorableCharacter(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

function characterProblem(path: string): BodyProblem {
  const field = path.split('/').pop() || path;
  return {
    path,
    code: 'character',
    message: {
      de: `„${field}“ enthält ein Zeichen, das nicht gespeichert werden kann (ein Nullzeichen oder ein halbes Unicode-Zeichen).`,
      en: `“${field}” contains a character that cannot be stored (a NUL character or half of a Unicode character).`,
    },
  };
}

export default fp(jsonBodyPlugin, { name: 'json-body', fastify: '5.x' });
