import type { ActiveContentKind, MessageLanguage, SubmissionErrorCode } from './submission-error';

/**
 * What a message may mention: the field's label, a limit, a file name, an allowed list, the active content found
 * in a file; for the upload budget its window in minutes and the wait.
 */
export interface MessageParams {
  label: string;
  limit?: string;
  file?: string;
  allowed?: string;
  custom?: string;
  activeContent?: ActiveContentKind;
  windowMinutes?: number;
  /** How long to wait, written out in the message's language ("2 Minuten"). */
  wait?: string;
}

/** What an upload with active content contains, as the middle of a sentence about the file. */
const ACTIVE_CONTENT: Record<ActiveContentKind, Record<MessageLanguage, string>> = {
  script: { de: 'enthält ein Skript', en: 'contains a script' },
  eventHandler: { de: 'enthält ein Ereignis-Attribut (on…), das beim Öffnen ein Skript ausführt', en: 'contains an event attribute (on…) that runs a script when the file is opened' },
  scriptAddress: { de: 'enthält eine Skript-Adresse (etwa „javascript:“)', en: 'contains a script address (such as “javascript:”)' },
  embedded: { de: 'bettet ein anderes Dokument ein', en: 'embeds another document' },
  declaration: { de: 'enthält eine DOCTYPE- oder Entity-Deklaration', en: 'contains a DOCTYPE or entity declaration' },
  stylesheet: { de: 'verweist auf ein Stylesheet, das beim Öffnen ausgeführt wird', en: 'refers to a stylesheet that runs when the file is opened' },
};

const minutes = (count: number | undefined, language: MessageLanguage) =>
  language === 'de' ? `${count} ${count === 1 ? 'Minute' : 'Minuten'}` : `${count} ${count === 1 ? 'minute' : 'minutes'}`;

type MessageTexts = Record<MessageLanguage, (p: MessageParams) => string>;

const MESSAGES: Record<SubmissionErrorCode, MessageTexts> = {
  required: { de: (p) => `Bitte füllen Sie „${p.label}“ aus.`, en: (p) => `Please fill in “${p.label}”.` },
  mustBeYes: { de: (p) => `Bitte bestätigen Sie: „${p.label}“.`, en: (p) => `Please confirm: “${p.label}”.` },
  type: { de: (p) => `„${p.label}“ hat einen ungültigen Wert.`, en: (p) => `“${p.label}” has an invalid value.` },
  integer: { de: (p) => `„${p.label}“ muss eine ganze Zahl sein.`, en: (p) => `“${p.label}” must be a whole number.` },
  decimals: {
    de: (p) => `„${p.label}“ darf höchstens zwei Nachkommastellen haben.`,
    en: (p) => `“${p.label}” can have at most two decimal places.`,
  },
  minLength: {
    de: (p) => `„${p.label}“ muss mindestens ${p.limit} Zeichen lang sein.`,
    en: (p) => `“${p.label}” must be at least ${p.limit} characters long.`,
  },
  maxLength: {
    de: (p) => `„${p.label}“ darf höchstens ${p.limit} Zeichen lang sein.`,
    en: (p) => `“${p.label}” must be ${p.limit} characters or fewer.`,
  },
  pattern: {
    de: (p) => p.custom ?? `„${p.label}“ hat nicht das erwartete Format.`,
    en: (p) => p.custom ?? `“${p.label}” is not in the expected format.`,
  },
  minimum: { de: (p) => `„${p.label}“ muss mindestens ${p.limit} sein.`, en: (p) => `“${p.label}” must be at least ${p.limit}.` },
  maximum: { de: (p) => `„${p.label}“ darf höchstens ${p.limit} sein.`, en: (p) => `“${p.label}” must be at most ${p.limit}.` },
  date: {
    de: (p) => `„${p.label}“ ist kein gültiges Datum.`,
    en: (p) => `“${p.label}” is not a real date.`,
  },
  dateInFuture: {
    de: (p) => `„${p.label}“ darf nicht in der Zukunft liegen.`,
    en: (p) => `“${p.label}” must not be in the future.`,
  },
  dateInPast: {
    de: (p) => `„${p.label}“ darf nicht in der Vergangenheit liegen.`,
    en: (p) => `“${p.label}” must not be in the past.`,
  },
  dateTooEarly: {
    de: (p) => `„${p.label}“ darf nicht vor dem ${p.limit} liegen.`,
    en: (p) => `“${p.label}” must be on or after ${p.limit}.`,
  },
  dateTooLate: {
    de: (p) => `„${p.label}“ darf nicht nach dem ${p.limit} liegen.`,
    en: (p) => `“${p.label}” must be on or before ${p.limit}.`,
  },
  minAge: {
    de: (p) => `Nach „${p.label}“ muss die Person mindestens ${p.limit} Jahre alt sein.`,
    en: (p) => `According to “${p.label}” the person must be at least ${p.limit} years old.`,
  },
  maxAge: {
    de: (p) => `„${p.label}“ darf höchstens ${p.limit} Jahre zurückliegen.`,
    en: (p) => `“${p.label}” must be no more than ${p.limit} years ago.`,
  },
  email: {
    de: (p) => `Geben Sie bei „${p.label}“ eine E-Mail-Adresse wie name@beispiel.de ein.`,
    en: (p) => `Enter an email address in the correct format, like name@example.com, for “${p.label}”.`,
  },
  phone: {
    de: (p) => `Geben Sie bei „${p.label}“ eine Telefonnummer wie 0221 1234567 oder +49 221 1234567 ein.`,
    en: (p) => `Enter a phone number like 0221 1234567 or +49 221 1234567 for “${p.label}”.`,
  },
  iban: {
    de: (p) => `Die IBAN bei „${p.label}“ ist nicht gültig. Bitte prüfen Sie die Eingabe.`,
    en: (p) => `The IBAN in “${p.label}” is not valid. Please check it.`,
  },
  ibanCountry: {
    de: (p) => `Bei „${p.label}“ werden nur IBANs aus diesen Ländern angenommen: ${p.allowed}.`,
    en: (p) => `“${p.label}” only accepts IBANs from these countries: ${p.allowed}.`,
  },
  postalCode: {
    de: (p) => `Geben Sie bei „${p.label}“ eine fünfstellige Postleitzahl ein.`,
    en: (p) => `Enter a five-digit German postal code for “${p.label}”.`,
  },
  option: {
    de: (p) => `Wählen Sie bei „${p.label}“ eine der angebotenen Möglichkeiten.`,
    en: (p) => `Choose one of the options offered for “${p.label}”.`,
  },
  duplicateOption: {
    de: (p) => `Bei „${p.label}“ ist eine Möglichkeit mehrfach gewählt.`,
    en: (p) => `An option is chosen more than once for “${p.label}”.`,
  },
  minItems: {
    de: (p) => `Bei „${p.label}“ ${p.limit === '1' ? 'ist mindestens ein Eintrag' : `sind mindestens ${p.limit} Einträge`} nötig.`,
    en: (p) => `“${p.label}” needs at least ${p.limit} ${p.limit === '1' ? 'entry' : 'entries'}.`,
  },
  maxItems: {
    de: (p) => `Bei „${p.label}“ sind höchstens ${p.limit} Einträge möglich.`,
    en: (p) => `“${p.label}” allows at most ${p.limit} entries.`,
  },
  maxFiles: {
    de: (p) => `Bei „${p.label}“ können höchstens ${p.limit} Dateien hochgeladen werden.`,
    en: (p) => `You can upload at most ${p.limit} files for “${p.label}”.`,
  },
  fileType: {
    de: (p) => `Die Datei „${p.file}“ bei „${p.label}“ hat ein nicht erlaubtes Format. Erlaubt: ${p.allowed}.`,
    en: (p) => `The file “${p.file}” in “${p.label}” is not an allowed type. Allowed: ${p.allowed}.`,
  },
  fileSize: {
    de: (p) => `Die Datei „${p.file}“ bei „${p.label}“ ist zu groß; höchstens ${p.limit} sind erlaubt.`,
    en: (p) => `The file “${p.file}” in “${p.label}” is too large; the limit is ${p.limit}.`,
  },
  fileUnknown: {
    de: (p) => `Die Datei „${p.file}“ bei „${p.label}“ liegt uns nicht (mehr) vor. Bitte laden Sie sie erneut hoch.`,
    en: (p) => `We do not have the file “${p.file}” for “${p.label}” (any more). Please upload it again.`,
  },
  fileContent: {
    de: (p) => `Der Inhalt der Datei „${p.file}“ passt nicht zu ihrem Typ. Erlaubt: ${p.allowed}.`,
    en: (p) => `The content of the file “${p.file}” does not match its type. Allowed: ${p.allowed}.`,
  },
  fileActiveContent: {
    de: (p) =>
      `Die Datei „${p.file}“ bei „${p.label}“ ${ACTIVE_CONTENT[p.activeContent ?? 'script'].de} und wird daher nicht angenommen. Bitte laden Sie sie als PDF oder Bild hoch.`,
    en: (p) =>
      `The file “${p.file}” in “${p.label}” ${ACTIVE_CONTENT[p.activeContent ?? 'script'].en} and is therefore not accepted. Please upload it as a PDF or an image.`,
  },
  fileUnreadableMarkup: {
    de: (p) =>
      `Die Datei „${p.file}“ bei „${p.label}“ ist kein lesbares XML (nicht wohlgeformt oder in einer unbekannten Zeichenkodierung), daher lässt sich nicht prüfen, ob sie beim Öffnen etwas ausführt. Bitte laden Sie sie als PDF oder Bild hoch.`,
    en: (p) =>
      `The file “${p.file}” in “${p.label}” is no readable XML (not well-formed, or in an unknown character encoding), so it cannot be checked for anything it would run when opened. Please upload it as a PDF or an image.`,
  },
  uploadVolume: {
    de: (p) =>
      `Von Ihrem Anschluss wurde in den letzten ${minutes(p.windowMinutes, 'de')} schon die höchste erlaubte Datenmenge (${p.limit}) hochgeladen; „${p.file}“ für „${p.label}“ wurde nicht angenommen. Bitte versuchen Sie es in ${p.wait} wieder.`,
    en: (p) =>
      `The most data that may be uploaded from your address in ${minutes(p.windowMinutes, 'en')} (${p.limit}) has already been uploaded; “${p.file}” for “${p.label}” was not accepted. Please try again in ${p.wait}.`,
  },
  unknownProperty: {
    de: (p) => `Die Angabe „${p.label}“ ist in diesem Formular nicht vorgesehen.`,
    en: (p) => `“${p.label}” is not part of this form.`,
  },
  tooDeep: {
    de: () => 'Die Daten sind zu tief verschachtelt.',
    en: () => 'The data is nested too deeply.',
  },
  invalid: { de: (p) => `„${p.label}“ ist ungültig.`, en: (p) => `“${p.label}” is invalid.` },
};

/** The message for an error code in the given language. */
export function formatSubmissionMessage(code: SubmissionErrorCode, language: MessageLanguage, params: MessageParams): string {
  return MESSAGES[code][language](params);
}

/** A date `YYYY-MM-DD` as people in the language write it: 31.01.2025 / 31/01/2025. */
export function formatDateForPeople(isoDate: string, language: MessageLanguage): string {
  const [year, month, day] = isoDate.split('-');
  return language === 'de' ? `${day}.${month}.${year}` : `${day}/${month}/${year}`;
}

/** A size in bytes as people read it: "10 MB", "500 KB". */
export function formatBytes(bytes: number, language: MessageLanguage): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 10) / 10;
      return `${language === 'de' ? String(value).replace('.', ',') : value} ${unit}`;
    }
  }
  return `${bytes} Bytes`;
}

/** Media types as people know them: "PDF, JPEG, PNG". */
export function describeMediaTypes(mediaTypes: readonly string[]): string {
  const names: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/jpeg': 'JPEG',
    'image/png': 'PNG',
    'image/tiff': 'TIFF',
    'image/gif': 'GIF',
    'image/webp': 'WebP',
    'text/plain': 'Text',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
    'application/vnd.oasis.opendocument.text': 'OpenDocument-Text (ODT)',
  };
  return mediaTypes.map((type) => names[type] ?? type).join(', ');
}
