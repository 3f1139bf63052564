import hundeanmeldungDefinition from '../hundeanmeldung/definition.json' with { type: 'json' };

/**
 * The Hundeanmeldung (dog registration) service definition, as the Studio would emit it. Typed loosely on
 * purpose: consumers validate it like any other definition before trusting its shape.
 */
export const HUNDEANMELDUNG: unknown = hundeanmeldungDefinition;
