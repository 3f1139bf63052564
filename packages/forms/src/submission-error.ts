/**
 * Stable codes of submission errors. Front ends key their behaviour on these (and tests assert them);
 * never rename one.
 */
export const SUBMISSION_ERROR_CODES = [
  'required',
  'mustBeYes',
  'type',
  'integer',
  'decimals',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'date',
  'dateInFuture',
  'dateInPast',
  'dateTooEarly',
  'dateTooLate',
  'minAge',
  'maxAge',
  'email',
  'phone',
  'iban',
  'ibanCountry',
  'postalCode',
  'option',
  'duplicateOption',
  'minItems',
  'maxItems',
  'maxFiles',
  'fileType',
  'fileSize',
  'fileUnknown',
  'fileContent',
  'fileActiveContent',
  'fileUnreadableMarkup',
  'uploadVolume',
  'unknownProperty',
  'tooDeep',
  'invalid',
] as const;

export type SubmissionErrorCode = (typeof SUBMISSION_ERROR_CODES)[number];

/** One problem with a submission, naming the field by JSON pointer into the submitted data. */
export interface SubmissionError {
  /** JSON pointer, e.g. `/dogs/0/breed`; `""` for the submission as a whole. */
  path: string;
  code: SubmissionErrorCode;
  /** In the caller's language, naming the field by its label. */
  message: string;
}

/**
 * What in an upload would run or fetch something by itself when the file is opened, and is therefore refused
 * (`fileActiveContent`).
 */
export type ActiveContentKind =
  /** A script, handler or listener element. */
  | 'script'
  /** An on… attribute (onload, onclick, …) where a browser runs it, or an animation that sets one. */
  | 'eventHandler'
  /** A javascript:, vbscript: or data:…html/svg/xml address in an attribute, also behind encoded characters. */
  | 'scriptAddress'
  /** A document inside the document: foreignObject, iframe, object, embed, XInclude and the like. */
  | 'embedded'
  /** A DOCTYPE or entity declaration (entity expansion, external entities). */
  | 'declaration'
  /** An xml-stylesheet instruction (XSLT runs when the document is opened). */
  | 'stylesheet';

/** Languages submission messages are available in; others fall back to German. */
export type MessageLanguage = 'de' | 'en';
