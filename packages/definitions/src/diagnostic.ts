/**
 * Stable codes of everything the definition checks can find. The Studio keys its German texts and its
 * highlighting on these; never rename one.
 */
export const DIAGNOSTIC_CODES = [
  'SCHEMA_INVALID',
  'MISSING_GERMAN_TEXT',
  'MISSING_TRANSLATION',
  'DUPLICATE_KEY',
  'DUPLICATE_ID',
  'DUPLICATE_OPTION',
  'INVALID_RANGE',
  'UNSAFE_PATTERN',
  'UNKNOWN_FIELD',
  'UNKNOWN_FACT',
  'FIELD_OUT_OF_SCOPE',
  'NOT_A_REPEATING_GROUP',
  'TYPE_MISMATCH',
  'UNKNOWN_PLACEHOLDER',
  'UNKNOWN_STATE',
  'UNKNOWN_TEMPLATE',
  'UNKNOWN_ACTION',
  'UNREACHABLE_STATE',
  'NO_WAY_OUT',
  'AUTOMATIC_CYCLE',
  'MISSING_DECISION_DOCUMENT',
  'WRONG_TEMPLATE_KIND',
  'UNDECLARED_ROLE',
  'RESERVED_ROLE',
  'DEADLINE_NOT_SYSTEM_ACTION',
  'AUTOMATIC_STATE_MAY_STALL',
  'FOUR_EYES_NOT_STAFF_ACTION',
  'DEADLINE_INPUT_UNKNOWN',
  'DEFINITION_TOO_DEEP',
  'TOO_MANY_ELEMENTS',
  'NESTED_TOO_DEEP',
  'EXPRESSION_TOO_COMPLEX',
  'CYCLIC_DEPENDENCY',
  'DEPENDENCY_CHAIN_TOO_LONG',
  'REMINDER_NOT_FOR_APPLICANT',
  // Found by the server when publishing: another service of the organisation draws references from the same pattern.
  'REFERENCE_PATTERN_TAKEN',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** One problem found in a service definition. */
export interface Diagnostic {
  code: DiagnosticCode;
  /** Errors block publishing; warnings are shown but do not. */
  severity: 'error' | 'warning';
  /** JSON pointer into the definition, e.g. `/form/pages/0/elements/3/visibleIf`. */
  path: string;
  /** German explanation for the designer. */
  message: string;
  /** The same in English, where the check provides one (the limit and dependency checks, the server's own). */
  messageEn?: string;
}
