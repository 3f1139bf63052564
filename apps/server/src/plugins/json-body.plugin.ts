import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../app-error';

/**
 * Parses JSON bodies and refuses prototype-poisoning keys (`__proto__`, and `constructor` holding a
 * `prototype`) with the JSON pointer of each, so the answer names the field like any other. `JSON.parse` itself
 * only creates own properties; the refusal keeps such keys away from any code that might merge objects.
 */
function jsonBodyPlugin(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
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
    // Only a text that names such a key can hold one; most bodies skip the walk.
    const forbidden = text.includes('__proto__') || text.includes('constructor') ? findForbiddenKeys(parsed, '') : [];
    if (forbidden.length > 0) {
      done(
        new AppError(
          'REQUEST_INVALID',
          { de: 'Die Daten enthalten nicht erlaubte Angaben.', en: 'The body contains keys that are not allowed.' },
          {
            errors: forbidden.map((path) => ({
              path,
              code: 'unknownProperty',
              message: `„${path.split('/').pop() ?? ''}“ ist nicht erlaubt. / “${path.split('/').pop() ?? ''}” is not allowed.`,
            })),
          },
        ),
      );
      return;
    }
    done(null, parsed);
  });
}

function findForbiddenKeys(value: unknown, path: string, found: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || found.length >= 20) return found;
  if (Array.isArray(value)) {
    value.forEach((item, index) => findForbiddenKeys(item, `${path}/${index}`, found));
    return found;
  }
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    const poisoned = key === '__proto__' || (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child);
    if (poisoned) found.push(`${path}/${key}`);
    else findForbiddenKeys(child, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, found);
  }
  return found;
}

export default fp(jsonBodyPlugin, { name: 'json-body', fastify: '5.x' });
