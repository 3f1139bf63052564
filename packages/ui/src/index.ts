export { FormPageView } from './FormPageView';
export type { FormPageViewProps } from './FormPageView';
export { FieldInput } from './FieldInput';
export { FileInput } from './FileInput';
export type { FileUploader } from './FileInput';
export { ErrorSummary } from './ErrorSummary';
export type { SummaryError } from './ErrorSummary';
export { AnswersSummary, formatAnswer } from './AnswersSummary';
export type { AnswersSummaryProps } from './AnswersSummary';
export {
  childLocation,
  fieldId,
  isPageShown,
  itemLocation,
  pageOfPointer,
  readAnswer,
  ROOT,
  visiblePages,
  walkShown,
  writeAnswer,
} from './form-walk';
export type { Answers, Location, Visit } from './form-walk';
export { formatDateForInput, formatFileSize, formatNumberForPeople, parseDateInput, parseNumberInput } from './input-values';
export { localize, textDirection } from './localize';
export type { UiLanguage } from './localize';
export { uiLanguageOf } from './ui-texts';
