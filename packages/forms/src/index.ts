export { compileForm } from './compile-form';
export type { CompiledForm, SubmissionResult, ValidateOptions } from './compile-form';
export { compileFormSchema, DEFAULT_LIMITS } from './compile-form-schema';
export type { JsonSchema, RequiredRule } from './compile-form-schema';
export { SUBMISSION_ERROR_CODES } from './submission-error';
export type { MessageLanguage, SubmissionError, SubmissionErrorCode } from './submission-error';
export { formatDateForPeople } from './messages';
