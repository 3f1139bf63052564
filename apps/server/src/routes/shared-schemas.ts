/** JSON Schema pieces several routes share (request and response shapes in OpenAPI). */

export const ERROR_RESPONSE = { $ref: 'Error#' } as const;

/** Text in several languages, keyed by language code. */
export const LOCALIZED = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** Path parameters that are ids. */
export function uuidParams<const TNames extends readonly string[]>(...names: TNames) {
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((name) => [name, { type: 'string', format: 'uuid' }])) as Record<TNames[number], { type: 'string'; format: 'uuid' }>,
  } as const;
}

/** An action id or other definition id in a path. */
export const ID_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,62}$';
