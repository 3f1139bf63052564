export type {
  ActionEffect,
  ActionInput,
  ActorRole,
  AutocompleteToken,
  BuiltInActor,
  CalculatedField,
  CheckboxesField,
  ChoiceField,
  ChoiceOption,
  DateField,
  Deadline,
  DocumentKind,
  DocumentTemplate,
  EmailField,
  FieldElement,
  FieldType,
  FileField,
  FileReference,
  FormDefinition,
  FormElement,
  FormPage,
  GroupElement,
  IbanField,
  LocalizedText,
  MailOccasion,
  MailText,
  NumberField,
  Outcome,
  PhoneField,
  PostalCodeField,
  ProcessAction,
  ProcessDefinition,
  ProcessState,
  RepeatElement,
  RoleDefinition,
  ServiceDefinition,
  ServiceSettings,
  Signature,
  StateKind,
  StaticTextElement,
  TextField,
  TextareaField,
  YesNoField,
} from './service-definition';
export { APPLICANT_ROLE, describeBuiltInActor, isBuiltInActor, isReservedRoleId, RESERVED_ROLE_IDS, SYSTEM_ROLE } from './service-definition';
export type { EvaluationScope, Expression, ExpressionOperator, LiteralList, Value } from './expression';
export { EXPRESSION_OPERATORS } from './expression';
export {
  evaluateExpression,
  formatLocalDate,
  fullYearsBetween,
  isConditionTrue,
  isEmptyValue,
  parseIsoDate,
  roundHalfAwayFromZero,
} from './evaluate-expression';
export { isPatternSafe } from './check-pattern-safety';
export { checkDefinitionLimits, DEFINITION_LIMITS } from './check-definition-limits';
export { listExpressionFields, visitExpression } from './list-expression-fields';
export { indexFormElements, valueKindOf } from './form-index';
export type { IndexedElement, ValueKind } from './form-index';
export type { Diagnostic, DiagnosticCode } from './diagnostic';
export { DIAGNOSTIC_CODES } from './diagnostic';
export { validateDefinitionSchema } from './validate-definition-schema';
export { checkDefinition, checkDefinitionMeaning, escapeJsonPointer, isPublishable, EXPRESSION_FACTS, MAIL_FACTS, TEMPLATE_FACTS } from './check-definition';
export { listTemplatePlaceholders, renderTemplate, TEMPLATE_TEXT_PARTS } from './document-template';
export { composeApplicantMail, DEFAULT_APPLICANT_MAILS, MAIL_OCCASIONS } from './applicant-mail';
export type { MailValues } from './applicant-mail';
export type { TemplateContext, TemplatePlaceholder } from './document-template';
