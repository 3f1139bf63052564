import type { MAIL_FACTS } from '@amtsweg/definitions';

/**
 * The words of the settings' section on the applicant's e-mails, German first. Entries ending in `Edit` name
 * undo steps. The accessible names used by the end-to-end tests are marked "(e2e)".
 */
export const MAIL_TEXTS = {
  // (e2e: the section's heading)
  title: { de: 'E-Mails an Antragstellende', en: 'E-mails to applicants' },
  intro: {
    de: 'Bei diesen Anlässen bekommt die antragstellende Person eine E-Mail, in der Sprache, in der sie den Antrag gestellt hat. Jede E-Mail verweist auf die Seite ihres Antrags im Portal; Bescheide und Schreiben selbst werden aus Gründen des Datenschutzes nie per E-Mail verschickt.',
    en: 'On these occasions the applicant gets an e-mail, in the language they applied in. Every e-mail links to the page of their application in the portal; to protect their data, notices and letters themselves are never sent by e-mail.',
  },
  noEmailField: {
    de: 'Noch ist kein Feld mit der E-Mail-Adresse gewählt (oben unter „Antragsteller/in in der Sachbearbeitung“). Solange gehen keine E-Mails hinaus.',
    en: 'No field with the e-mail address is chosen yet (above, under “The applicant in case work”). Until then, no e-mails go out.',
  },
  hintLabel: { de: 'Hinweis', en: 'Note' },
  // placeholders
  placeholdersTitle: { de: 'Platzhalter für Betreff und Text', en: 'Placeholders for subject and text' },
  placeholdersIntro: {
    de: 'Beim Versand werden diese Platzhalter durch die Angaben des Antrags ersetzt:',
    en: 'When an e-mail is sent, these placeholders are replaced by the details of the application:',
  },
  placeholderAnswers: { de: 'Antworten aus dem Formular, jeweils mit dem Schlüssel des Feldes, z. B.', en: 'Answers from the form, each by the key of its field, e.g.' },
  factReference: { de: 'Aktenzeichen', en: 'Reference number' },
  factReceivedAt: { de: 'Eingangsdatum des Antrags', en: 'Date the application was received' },
  factDate: { de: 'Datum der E-Mail', en: 'Date of the e-mail' },
  factOutcome: { de: 'Ergebnis des Antrags (bei der Entscheidung)', en: 'Outcome of the application (with the decision)' },
  factServiceTitle: { de: 'Name des Dienstes', en: 'Name of the service' },
  factOrganisationName: { de: 'Name der Behörde', en: 'Name of the authority' },
  factOrganisationAddress: { de: 'Anschrift der Behörde', en: 'Address of the authority' },
  factStatusLink: { de: 'Link zur Seite des Antrags im Portal', en: 'Link to the page of the application in the portal' },
  factDeadline: {
    de: 'Letzter Tag der Frist (bei Nachforderung und Erinnerung)',
    en: 'Last day of the deadline (with a request for information and a reminder)',
  },
  factMessage: { de: 'Nachricht der Aktion an die antragstellende Person', en: 'Message of the action to the applicant' },
  // the occasions
  occasionReceived: { de: 'Eingang des Antrags', en: 'Application received' },
  occasionInformationRequested: { de: 'Nachforderung', en: 'Request for information' },
  occasionReminder: { de: 'Erinnerung an eine Frist', en: 'Deadline reminder' },
  occasionDecided: { de: 'Entscheidung liegt bereit', en: 'Decision ready' },
  occasionNotice: { de: 'Nachricht zum Antrag', en: 'Message about the application' },
  whenReceived: { de: 'Geht hinaus, gleich nachdem der Antrag abgeschickt wurde.', en: 'Goes out as soon as the application has been sent.' },
  whenInformationRequested: {
    de: 'Geht hinaus, wenn die Sachbearbeitung den Antrag in einen Status „Warten auf Antragsteller/in“ bringt, um Angaben oder Unterlagen nachzufordern. {{message}} ist die Nachricht dieser Aktion, {{case.deadline}} der letzte Tag der Frist (leer, wenn der Status keine Frist hat).',
    en: 'Goes out when caseworkers move the application into a state “Waiting for the applicant” to ask for details or documents. {{message}} is the message of that action, {{case.deadline}} the last day of the deadline (empty when the state has no deadline).',
  },
  whenReminder: {
    de: 'Geht so viele Tage vor dem Ende einer Frist hinaus, wie bei der Frist im Ablauf eingestellt ist – nur solange der Antrag noch auf die Antwort wartet.',
    en: 'Goes out as many days before a deadline ends as is set on the deadline in the procedure – only while the application is still waiting for the answer.',
  },
  whenDecided: {
    de: 'Geht hinaus, wenn der Antrag abgeschlossen ist: Der Bescheid liegt dann im Portal zum Abruf bereit.',
    en: 'Goes out when the application is closed: the notice is then ready for download in the portal.',
  },
  whenNotice: {
    de: 'Geht hinaus, wenn eine Aktion eine Nachricht an die antragstellende Person sendet und keine der anderen E-Mails passt. {{message}} ist diese Nachricht.',
    en: 'Goes out when an action sends a message to the applicant and none of the other e-mails fits. {{message}} is that message.',
  },
  remindersNow: { de: (list: string) => `Derzeit eingestellt: ${list}.`, en: (list: string) => `Currently set: ${list}.` },
  reminderEntry: {
    de: (days: string, position: number, state: string) => `${days} vor Ende von Frist ${position} im Status „${state}“`,
    en: (days: string, position: number, state: string) => `${days} before deadline ${position} of the state “${state}” ends`,
  },
  remindersNone: {
    de: 'Derzeit hat keine Frist eine Erinnerung; diese E-Mail geht also nicht hinaus.',
    en: 'No deadline has a reminder at the moment, so this e-mail does not go out.',
  },
  noWaitingState: {
    de: 'Der Ablauf hat keinen Status „Warten auf Antragsteller/in“; diese E-Mail geht derzeit nicht hinaus.',
    en: 'The procedure has no state “Waiting for the applicant”, so this e-mail does not go out at the moment.',
  },
  toProcess: { de: 'Zum Ablauf', en: 'Go to the procedure' },
  days: { de: (count: number) => (count === 1 ? '1 Tag' : `${count} Tage`), en: (count: number) => (count === 1 ? '1 day' : `${count} days`) },
  // one e-mail (e2e: "E-Mail „…“ senden", "Text anpassen", "Betreff (Deutsch)", "Standardtext wiederherstellen")
  send: { de: (name: string) => `E-Mail „${name}“ senden`, en: (name: string) => `Send the e-mail “${name}”` },
  notSentHint: {
    de: 'Ausgeschaltet: Die antragstellende Person erfährt davon nur im Portal.',
    en: 'Turned off: the applicant only learns of it in the portal.',
  },
  standardText: { de: 'Es gilt der Standardtext, wie ihn die Vorschau zeigt.', en: 'The standard text applies, as the preview shows it.' },
  customize: { de: 'Text anpassen', en: 'Adapt the text' },
  reset: { de: 'Standardtext wiederherstellen', en: 'Restore the standard text' },
  subject: { de: 'Betreff', en: 'Subject' },
  body: { de: 'Text', en: 'Text' },
  partIn: { de: (part: string, language: string) => `${part} (${language})`, en: (part: string, language: string) => `${part} (${language})` },
  bodyHint: {
    de: 'Zeilenumbrüche bleiben erhalten. Ein Platzhalter, der nichts Bekanntes nennt, bleibt leer (siehe Prüfung).',
    en: 'Line breaks are kept. A placeholder naming nothing known stays empty (see Checks).',
  },
  customized: {
    de: (name: string) => `Eigener Text für „${name}“: Betreff und Text sind jetzt bearbeitbar.`,
    en: (name: string) => `Own text for “${name}”: subject and text can now be edited.`,
  },
  wasReset: {
    de: (name: string) => `Standardtext für „${name}“ wiederhergestellt. „Rückgängig“ oben holt den eigenen Text zurück.`,
    en: (name: string) => `Standard text for “${name}” restored. “Undo” at the top brings the own text back.`,
  },
  // preview
  previewLanguage: { de: 'Sprache der Vorschauen', en: 'Language of the previews' },
  previewTitle: { de: 'Vorschau mit Beispieldaten', en: 'Preview with example data' },
  previewOf: { de: (name: string) => `Vorschau der E-Mail „${name}“`, en: (name: string) => `Preview of the e-mail “${name}”` },
  previewNotSent: { de: 'Diese E-Mail wird nicht gesendet.', en: 'This e-mail is not sent.' },
  // undo steps
  enabledEdit: { de: 'Versand einer E-Mail geändert', en: 'E-mail turned on or off' },
  customizeEdit: { de: 'Text einer E-Mail angepasst', en: 'E-mail text adapted' },
  textEdit: { de: 'Text einer E-Mail geändert', en: 'E-mail text changed' },
  resetEdit: { de: 'Standardtext einer E-Mail wiederhergestellt', en: 'E-mail standard text restored' },
};

/** Which entries name each occasion and say when its e-mail goes out. */
export const OCCASION_TEXT_KEYS = {
  received: { name: 'occasionReceived', when: 'whenReceived' },
  informationRequested: { name: 'occasionInformationRequested', when: 'whenInformationRequested' },
  reminder: { name: 'occasionReminder', when: 'whenReminder' },
  decided: { name: 'occasionDecided', when: 'whenDecided' },
  notice: { name: 'occasionNotice', when: 'whenNotice' },
} as const;

/** Which entry describes each mail fact offered as a placeholder (`MAIL_FACTS`). */
export const MAIL_FACT_TEXT_KEYS = {
  'case.reference': 'factReference',
  'case.receivedAt': 'factReceivedAt',
  'case.date': 'factDate',
  'case.outcome': 'factOutcome',
  'case.serviceTitle': 'factServiceTitle',
  'organisation.name': 'factOrganisationName',
  'organisation.address': 'factOrganisationAddress',
  'case.statusLink': 'factStatusLink',
  'case.deadline': 'factDeadline',
  message: 'factMessage',
} as const satisfies Record<(typeof MAIL_FACTS)[number], keyof typeof MAIL_TEXTS>;
