/** JSON Schema pieces several routes share (request and response shapes in OpenAPI). */

export const ERROR_RESPONSE = { $ref: 'Error#' } as const;

/** Text in several languages, keyed by language code. */
export const LOCALIZED = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** The problems `checkDefinition` finds in a service definition, each with its JSON pointer. */
export const DIAGNOSTICS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'severity', 'path', 'message'],
    properties: {
      code: { type: 'string' },
      severity: { type: 'string' },
      path: { type: 'string' },
      message: { type: 'string' },
      messageEn: { type: 'string', description: 'The message in English, where the check gives one' },
    },
  },
} as const;

/** A definition in the Studio is work in progress, so only its size is bounded here; `checkDefinition` says what is wrong with it. */
export const DRAFT_DEFINITION = {
  type: 'object',
  maxProperties: 20,
  description: 'A service definition (schemas/service-definition.schema.json), possibly unfinished',
} as const;

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

/** The path of an action on a case. */
export const ACTION_PARAMS = {
  type: 'object',
  required: ['caseId', 'actionId'],
  properties: { caseId: { type: 'string', format: 'uuid' }, actionId: { type: 'string', pattern: ID_PATTERN } },
} as const;

/** Taking an action (or previewing it): the version the caller saw, the action's inputs and a remark. */
export const ACTION_BODY = {
  type: 'object',
  required: ['expectedVersion'],
  additionalProperties: false,
  properties: {
    expectedVersion: { type: 'integer', minimum: 1 },
    comment: { type: 'string', maxLength: 5000 },
    inputs: { type: 'object', maxProperties: 20, additionalProperties: { type: ['string', 'number', 'boolean'] } },
  },
} as const;
