import type { Expression } from './expression';

/** Text in several languages, keyed by ISO 639-1 code. German is always present. */
export type LocalizedText = { de: string } & Partial<Record<string, string>>;

/** The whole online service: what the citizen fills in, how the case runs, which letters it produces. */
export interface ServiceDefinition {
  /** Version of the definition format (not of the service); this is format 1. */
  schemaVersion: 1;
  title: LocalizedText;
  description?: LocalizedText;
  /** What the applicant should have at hand before starting. */
  preparation?: LocalizedText;
  /** How long the application takes to fill in, e.g. "10 Minuten". */
  duration?: LocalizedText;
  form: FormDefinition;
  process: ProcessDefinition;
  documents: DocumentTemplate[];
  settings: ServiceSettings;
}

// ---------------------------------------------------------------- form

export interface FormDefinition {
  pages: FormPage[];
}

export interface FormPage {
  id: string;
  title: LocalizedText;
  visibleIf?: Expression;
  elements: FormElement[];
}

export type FormElement = FieldElement | StaticTextElement | GroupElement | RepeatElement;

interface ElementBase {
  /** Stable data key; unique among its siblings. Becomes one segment of the field's data path. */
  key: string;
  label: LocalizedText;
  hint?: LocalizedText;
  visibleIf?: Expression;
}

interface FieldBase extends ElementBase {
  required?: boolean;
  requiredIf?: Expression;
  /** What the input asks for, as an HTML autocomplete token (WCAG 1.3.5); only for the applicant's own details. */
  autocomplete?: AutocompleteToken;
}

export type AutocompleteToken =
  | 'name'
  | 'honorific-prefix'
  | 'given-name'
  | 'family-name'
  | 'organization'
  | 'street-address'
  | 'address-line1'
  | 'address-line2'
  | 'postal-code'
  | 'address-level2'
  | 'country-name'
  | 'email'
  | 'tel'
  | 'bday';

export interface TextField extends FieldBase {
  type: 'text';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: LocalizedText;
}
export interface TextareaField extends FieldBase {
  type: 'textarea';
  minLength?: number;
  maxLength?: number;
}
export interface NumberField extends FieldBase {
  type: 'number' | 'integer' | 'money';
  minimum?: number;
  maximum?: number;
}
export interface DateField extends FieldBase {
  type: 'date';
  /** Earliest allowed date, ISO `YYYY-MM-DD`. */
  minDate?: string;
  maxDate?: string;
  notInFuture?: boolean;
  notInPast?: boolean;
  /** For a birth date: the person must be at least this old today. */
  minAgeYears?: number;
  maxAgeYears?: number;
}
export interface EmailField extends FieldBase {
  type: 'email';
  maxLength?: number;
}
export interface PhoneField extends FieldBase {
  type: 'phone';
}
export interface IbanField extends FieldBase {
  type: 'iban';
  /** ISO country codes allowed, e.g. ["DE"]; all SEPA countries when absent. */
  countries?: string[];
}
export interface PostalCodeField extends FieldBase {
  type: 'postalCode';
}
export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}
export interface ChoiceField extends FieldBase {
  type: 'select' | 'radio';
  options: ChoiceOption[];
}
export interface CheckboxesField extends FieldBase {
  type: 'checkboxes';
  options: ChoiceOption[];
  minItems?: number;
  maxItems?: number;
}
export interface YesNoField extends FieldBase {
  type: 'yesNo';
  /** The answer must be "yes" (a consent or declaration). */
  mustBeYes?: boolean;
  /**
   * The field's text cites the organisation's privacy policy (Datenschutzerklärung): the portal links it next to
   * the field (schema 1.4.0).
   */
  privacyNotice?: boolean;
}
export interface FileField extends FieldBase {
  type: 'file';
  /** Allowed media types, e.g. ["application/pdf", "image/jpeg"]. */
  accept: string[];
  maxSizeBytes: number;
  maxFiles: number;
}
export interface CalculatedField extends ElementBase {
  type: 'calculated';
  /** Computed from the other answers; never taken from the submission. */
  expression: Expression;
  valueType: 'number' | 'money' | 'text' | 'date' | 'yesNo';
}

export type FieldElement =
  | TextField
  | TextareaField
  | NumberField
  | DateField
  | EmailField
  | PhoneField
  | IbanField
  | PostalCodeField
  | ChoiceField
  | CheckboxesField
  | YesNoField
  | FileField
  | CalculatedField;

export type FieldType = FieldElement['type'];

export interface StaticTextElement {
  type: 'staticText';
  key: string;
  /** Markdown, shown between fields. */
  content: LocalizedText;
  visibleIf?: Expression;
}

export interface GroupElement extends ElementBase {
  type: 'group';
  elements: FormElement[];
}

export interface RepeatElement extends ElementBase {
  type: 'repeat';
  /** Label of one item, e.g. "Hund". */
  itemLabel: LocalizedText;
  minItems?: number;
  maxItems: number;
  elements: FormElement[];
}

/** A file reference in submission data: the file is uploaded first and referenced by id. */
export interface FileReference {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

// ---------------------------------------------------------------- process

export interface ProcessDefinition {
  initial: string;
  states: ProcessState[];
}

export type StateKind = 'task' | 'waiting' | 'automatic' | 'final';
export type Outcome = 'approved' | 'rejected' | 'withdrawn' | 'closed';

export interface ProcessState {
  id: string;
  kind: StateKind;
  label: LocalizedText;
  /** What the applicant sees as the status of the case while it is here. */
  statusText: LocalizedText;
  /** task: the process role whose members work on the case here. */
  role?: string;
  /** final: the result of the procedure. */
  outcome?: Outcome;
  /** final: the decision notice issued on entering this state (template id). */
  decisionTemplate?: string;
  actions?: ProcessAction[];
  deadlines?: Deadline[];
}

/** Who may take an action: a process role from the settings, or the built-in applicant/system actors. */
export type ActorRole = string;
export const APPLICANT_ROLE = 'applicant';
export const SYSTEM_ROLE = 'system';

/**
 * The ids of the built-in actors: never a process role of a service. No definition declares them or has a task
 * worked on under them, no staff member is granted them, and grants of them are never honoured. Compared
 * regardless of case, so `System` is refused too (it would read like the built-in actor in a case's history).
 */
export const RESERVED_ROLE_IDS: readonly string[] = [APPLICANT_ROLE, SYSTEM_ROLE];

/**
 * True for an id that stands for a built-in actor, in any spelling.
 *
 * @example
 * isReservedRoleId('Applicant') // true
 * isReservedRoleId('dogTax') // false
 */
export function isReservedRoleId(id: string): boolean {
  const lower = id.toLowerCase();
  return RESERVED_ROLE_IDS.includes(lower);
}

/**
 * True for an id that names a built-in actor in an action's roles: exactly `applicant` or `system`, as the
 * process writes them (`System` is a reserved id, but no actor).
 *
 * @example
 * isBuiltInActor('system') // true
 * isBuiltInActor('System') // false
 */
export function isBuiltInActor(id: string): boolean {
  return id === APPLICANT_ROLE || id === SYSTEM_ROLE;
}

/** A built-in actor: its id as the process writes it, and who it is in German and English (with the article). */
export interface BuiltInActor {
  id: typeof APPLICANT_ROLE | typeof SYSTEM_ROLE;
  de: string;
  en: string;
}

/**
 * Who a reserved role id stands for, in any spelling; undefined for an id that is no built-in actor's. The one
 * wording of the built-in actors for every message that refuses their ids as a role.
 *
 * @example
 * describeBuiltInActor('System') // { id: 'system', de: 'das System (es löst etwa Fristen aus)', en: 'the system (which takes deadlines, for example)' }
 * describeBuiltInActor('dogTax') // undefined
 */
export function describeBuiltInActor(id: string): BuiltInActor | undefined {
  switch (id.toLowerCase()) {
    case APPLICANT_ROLE:
      return { id: APPLICANT_ROLE, de: 'die antragstellende Person', en: 'the applicant' };
    case SYSTEM_ROLE:
      return { id: SYSTEM_ROLE, de: 'das System (es löst etwa Fristen aus)', en: 'the system (which takes deadlines, for example)' };
    default:
      return undefined;
  }
}

export interface ProcessAction {
  id: string;
  label: LocalizedText;
  target: string;
  roles: ActorRole[];
  guard?: Expression;
  /** Shown to the caseworker when the guard is false. */
  guardMessage?: LocalizedText;
  /**
   * Four-eyes principle: taking the action only proposes it; a second person holding one of its roles confirms
   * it, and only then does the case move. Not for actions of the applicant or the system.
   */
  fourEyes?: boolean;
  inputs?: ActionInput[];
  effects?: ActionEffect[];
}

export interface ActionInput {
  key: string;
  type: 'comment' | 'reason' | 'text' | 'choice' | 'date';
  label: LocalizedText;
  required?: boolean;
  options?: ChoiceOption[];
  maxLength?: number;
}

export type ActionEffect =
  | { type: 'issueDocument'; template: string }
  | { type: 'notifyApplicant'; message: LocalizedText };

/**
 * When the case has stayed in the state for `after` (ISO-8601 duration), the system takes `action`. With
 * `setBy`, the person whose action leads into the state sets the last day instead (a request for information
 * "bis zum 8. Dezember"); `after` then gives the day offered, and taken when they leave it blank.
 */
export interface Deadline {
  id: string;
  after: string;
  action: string;
  /** Key of a `date` input of the actions leading into this state: the deadline's last day. */
  setBy?: string;
  /** Remind the applicant by e-mail this long before the deadline ends, ISO-8601 duration (e.g. `P3D`). */
  remindBefore?: string;
}

// ---------------------------------------------------------------- documents

export type DocumentKind = 'receipt' | 'decision' | 'letter';

/**
 * A letter produced for the case. Texts may contain placeholders `{{holder.lastName}}` (form fields),
 * `{{case.reference}}` (case facts) and `{{#each dogs}}…{{/each}}` over repeating groups.
 */
export interface DocumentTemplate {
  id: string;
  kind: DocumentKind;
  title: LocalizedText;
  /** The issuing authority and letterhead. */
  authority?: LocalizedText;
  /** Addressee block. */
  addressee?: LocalizedText;
  /** Subject line including the file number (Az.). */
  subject?: LocalizedText;
  /** Tenor: the operative part of the decision. */
  operative?: LocalizedText;
  /** Begründung. */
  reasoning?: LocalizedText;
  /** Rechtsbehelfsbelehrung. */
  legalRemedy?: LocalizedText;
  /** Body of a receipt or letter. */
  body?: LocalizedText;
  signature?: Signature;
}

export type Signature =
  | { mode: 'signed'; name: string; position: LocalizedText }
  | { mode: 'automatic'; note: LocalizedText };

// ---------------------------------------------------------------- settings

export interface ServiceSettings {
  /** Languages the service is offered in; always includes "de". */
  languages: string[];
  roles: RoleDefinition[];
  /** How long closed cases are kept, ISO-8601 duration, e.g. "P10Y". */
  retention: string;
  /** Reference number pattern, e.g. "HUND-{YYYY}-{SEQ:5}". */
  referencePattern: string;
  /** Which answers name the applicant (joined by a space) and hold their email, for the inbox. */
  applicant?: { nameFields: string[]; emailField?: string };
  /** The applicant's e-mails per occasion: a text replacing the default, or `enabled: false`. */
  notifications?: Partial<Record<MailOccasion, MailText>>;
}

/**
 * When the applicant gets an e-mail: the application arrived, more information is asked for, a reply deadline
 * ends soon, the decision is ready in the portal (the notice itself never travels by mail), or an action's
 * `notifyApplicant` message.
 */
export type MailOccasion = 'received' | 'informationRequested' | 'reminder' | 'decided' | 'notice';

/** A service's own wording of one of the applicant's e-mails; what it leaves out keeps the default. */
export interface MailText {
  enabled?: boolean;
  subject?: LocalizedText;
  body?: LocalizedText;
}

export interface RoleDefinition {
  id: string;
  label: LocalizedText;
}
