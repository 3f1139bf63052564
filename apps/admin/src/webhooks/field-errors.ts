import type { FieldError } from '@amtsweg/ui/app';

/** The fields of the endpoint form, named as the API names them. */
export const ENDPOINT_FIELDS = ['serviceId', 'url', 'events', 'description'] as const;
export type EndpointField = (typeof ENDPOINT_FIELDS)[number];

// Ajv's keywords: their messages name the schema ("„url“ ist ungültig (pattern)"), so the page says it in its own words.
const SCHEMA_KEYWORDS = new Set(['type', 'required', 'additionalProperties', 'pattern', 'format', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'enum', 'minProperties']);

/** Whether an error comes from the route's schema (phrased for developers) rather than from a check written for people. */
export function isSchemaError(error: Pick<FieldError, 'code'>): boolean {
  return SCHEMA_KEYWORDS.has(error.code);
}

/**
 * The endpoint form's field an error names: `/body/url` → `url`, `/body/events/1` → `events`; undefined for a
 * pointer outside the form.
 *
 * @example
 * endpointFieldOf('/body/events/0') // 'events'
 */
export function endpointFieldOf(path: string): EndpointField | undefined {
  const name = /^\/body\/([^/]+)/.exec(path)?.[1];
  return (ENDPOINT_FIELDS as readonly string[]).includes(name ?? '') ? (name as EndpointField) : undefined;
}

/**
 * Which entry of the allow-list an error names: `/body/webhookHosts/2` → 2; the list as a whole (duplicates,
 * too many) → 'list'; another pointer → undefined.
 */
export function hostEntryOf(path: string): number | 'list' | undefined {
  const match = /^\/body\/webhookHosts(?:\/(\d+))?$/.exec(path);
  if (!match) return undefined;
  return match[1] === undefined ? 'list' : Number(match[1]);
}
