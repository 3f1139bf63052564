import type { ServiceDefinition } from '@amtsweg/definitions';

/**
 * The outcome of an editing operation: the new definition, or a refusal a clerk can understand (German first).
 *
 * @example
 * const result = deleteState(definition, 'inReview');
 * if (!result.ok) showNotice(result.message.de);
 */
export type EditResult = { ok: true; definition: ServiceDefinition } | { ok: false; message: { de: string; en: string } };

/** The refusing half of `EditResult`. */
export type Refusal = Extract<EditResult, { ok: false }>;

/**
 * Builds a refusal.
 *
 * @example
 * return refuse('Diese Vorlage gibt es nicht.', 'This template does not exist.');
 */
export function refuse(de: string, en: string): Refusal {
  return { ok: false, message: { de, en } };
}

/** Wraps a new definition as a successful result. */
export function succeed(definition: ServiceDefinition): EditResult {
  return { ok: true, definition };
}
