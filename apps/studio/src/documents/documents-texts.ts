/**
 * The letters editor's words, German first. Entries ending in `Edit` name undo steps. The accessible names used
 * by the end-to-end tests are marked "(e2e)".
 */
export const DOCUMENTS_TEXTS = {
  title: { de: 'Schreiben', en: 'Letters' },
  intro: {
    de: 'Die Eingangsbestätigung geht nach jedem Antrag hinaus, Bescheide beim Abschluss, weitere Schreiben bei Aktionen des Ablaufs. Platzhalter wie {{case.reference}} werden beim Erstellen ausgefüllt.',
    en: 'The receipt is sent after every application, decision notices when the case is closed, other letters on actions of the procedure. Placeholders such as {{case.reference}} are filled in when a letter is made.',
  },
  listTitle: { de: 'Alle Schreiben', en: 'All letters' },
  none: { de: 'Noch keine Schreiben.', en: 'No letters yet.' },
  columnTitle: { de: 'Titel', en: 'Title' },
  columnKind: { de: 'Art', en: 'Kind' },
  columnUse: { de: 'Verwendet', en: 'Used' },
  columnActions: { de: 'Aktionen', en: 'Actions' },
  usedAsNotice: { de: (state: string) => `Bescheid von „${state}“`, en: (state: string) => `Notice of “${state}”` },
  usedByAction: { de: (action: string) => `bei „${action}“`, en: (action: string) => `on “${action}”` },
  usedOnReceipt: { de: 'nach jedem Antrag', en: 'after every application' },
  unused: { de: 'nirgends', en: 'nowhere' },
  edit: { de: 'Bearbeiten', en: 'Edit' },
  editing: { de: 'Wird bearbeitet', en: 'Being edited' },
  remove: { de: 'Löschen', en: 'Delete' },
  removed: {
    de: (title: string) => `Schreiben „${title}“ gelöscht. „Rückgängig“ oben holt es zurück.`,
    en: (title: string) => `Letter “${title}” deleted. “Undo” at the top brings it back.`,
  },
  noTitle: { de: '(ohne Titel)', en: '(no title)' },
  // kinds (e2e: the options of "Art des Schreibens")
  kindReceipt: { de: 'Eingangsbestätigung', en: 'Receipt' },
  kindDecision: { de: 'Bescheid', en: 'Decision notice' },
  kindLetter: { de: 'Schreiben', en: 'Letter' },
  // adding (e2e: "Schreiben hinzufügen", "Art des Schreibens")
  add: { de: 'Schreiben hinzufügen', en: 'Add a letter' },
  newTitle: { de: 'Neues Schreiben', en: 'New letter' },
  newKind: { de: 'Art des Schreibens', en: 'Kind of letter' },
  newTitleLabel: { de: 'Titel des neuen Schreibens', en: 'Title of the new letter' },
  newTitleHint: { de: 'Leer gelassen: die Art des Schreibens.', en: 'Left empty: the kind of letter.' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  added: { de: (title: string) => `Schreiben „${title}“ hinzugefügt.`, en: (title: string) => `Letter “${title}” added.` },
  // editing one (e2e: "Titel des Schreibens", "Tenor (Deutsch)" …)
  templateTitle: { de: 'Titel des Schreibens', en: 'Title of the letter' },
  templateTitleIn: { de: (language: string) => `Titel (${language})`, en: (language: string) => `Title (${language})` },
  templateKind: { de: 'Art dieses Schreibens', en: 'Kind of this letter' },
  templateId: { de: 'Kennung des Schreibens', en: 'Identifier of the letter' },
  partAuthority: { de: 'Briefkopf der Behörde', en: 'Letterhead of the authority' },
  partAddressee: { de: 'Anschrift', en: 'Address' },
  partSubject: { de: 'Betreff', en: 'Subject' },
  partOperative: { de: 'Tenor', en: 'Operative part' },
  partReasoning: { de: 'Begründung', en: 'Reasoning' },
  partLegalRemedy: { de: 'Rechtsbehelfsbelehrung', en: 'Information on legal remedies' },
  partBody: { de: 'Text', en: 'Text' },
  partIn: { de: (part: string, language: string) => `${part} (${language})`, en: (part: string, language: string) => `${part} (${language})` },
  partHintOperative: { de: 'Die Entscheidung selbst, z. B. „Die Anmeldung wird bestätigt.“', en: 'The decision itself, e.g. “The registration is confirmed.”' },
  partHintReasoning: { de: 'Warum so entschieden wurde, z. B. mit {{action.reason}}.', en: 'Why it was decided so, e.g. with {{action.reason}}.' },
  partHintAddressee: { de: 'Name und Anschrift aus dem Formular.', en: 'Name and address from the form.' },
  textsTitle: { de: 'Texte', en: 'Texts' },
  // placeholders (e2e: "Platzhalter", "Platzhalter einfügen")
  placeholder: { de: 'Platzhalter', en: 'Placeholder' },
  placeholderHint: {
    de: 'Wird an der Cursorposition des zuletzt gewählten Textfelds eingefügt.',
    en: 'Inserted at the cursor of the text field chosen last.',
  },
  insertPlaceholder: { de: 'Platzhalter einfügen', en: 'Insert placeholder' },
  placeholderTarget: { de: (field: string) => `Einfügen in: ${field}`, en: (field: string) => `Inserting into: ${field}` },
  placeholderNoTarget: { de: 'Setzen Sie zuerst den Cursor in ein Textfeld dieses Schreibens.', en: 'First put the cursor into a text field of this letter.' },
  placeholderInserted: { de: (token: string) => `${token} eingefügt.`, en: (token: string) => `${token} inserted.` },
  groupFields: { de: 'Angaben aus dem Formular', en: 'Answers from the form' },
  groupRepeats: { de: 'Listen (für jeden Eintrag)', en: 'Lists (for each item)' },
  groupFacts: { de: 'Angaben zum Vorgang', en: 'Facts of the case' },
  groupInputs: { de: 'Eingaben der auslösenden Aktion', en: 'Inputs of the issuing action' },
  repeatOption: { de: (label: string) => `${label}: für jeden Eintrag …`, en: (label: string) => `${label}: for each item …` },
  insideRepeat: { de: (label: string) => `${label} (nur innerhalb „für jeden Eintrag“)`, en: (label: string) => `${label} (only inside “for each item”)` },
  factReference: { de: 'Aktenzeichen', en: 'Reference' },
  factReceivedAt: { de: 'Eingangsdatum', en: 'Date received' },
  factDate: { de: 'Datum des Schreibens', en: 'Date of the letter' },
  factOutcome: { de: 'Ergebnis', en: 'Outcome' },
  factServiceTitle: { de: 'Name des Dienstes', en: 'Name of the service' },
  factOrganisationName: { de: 'Name der Behörde', en: 'Name of the authority' },
  factOrganisationAddress: { de: 'Anschrift der Behörde', en: 'Address of the authority' },
  // signature
  signatureLegend: { de: 'Unterschrift', en: 'Signature' },
  signatureAutomatic: { de: 'Maschinell erstellt, ohne Unterschrift gültig', en: 'Produced automatically, valid without signature' },
  signatureSigned: { de: 'Mit Name und Funktion unterschrieben', en: 'Signed with name and position' },
  signatureNone: { de: 'Ohne Unterschrift', en: 'No signature' },
  signatureNoneHint: { de: 'Ein Bescheid braucht eine Unterschrift oder den Hinweis auf maschinelle Erstellung.', en: 'A decision notice needs a signature or the note that it was produced automatically.' },
  signatureName: { de: 'Name der unterzeichnenden Person', en: 'Name of the person signing' },
  signatureNameHint: { de: 'Zum Beispiel „Erika Beispiel“.', en: 'For example “Erika Example”.' },
  signaturePosition: { de: 'Funktion', en: 'Position' },
  signatureNote: { de: 'Hinweis statt Unterschrift', en: 'Note instead of a signature' },
  defaultNote: {
    de: 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.',
    en: 'This letter was produced automatically and is valid without a signature.',
  },
  defaultPosition: { de: 'Sachbearbeitung', en: 'Caseworker' },
  // preview
  previewTitle: { de: 'Vorschau mit Beispieldaten', en: 'Preview with example data' },
  previewHint: {
    de: 'Platzhalter sind mit Beispielwerten gefüllt. Ein leerer Platzhalter nennt nichts Bekanntes (siehe Prüfung).',
    en: 'Placeholders are filled with example values. An empty placeholder names nothing known (see Checks).',
  },
  previewLanguage: { de: 'Sprache der Vorschau', en: 'Language of the preview' },
  previewPdf: { de: 'Vorschau als PDF', en: 'Preview as PDF' },
  previewPdfLoading: { de: 'PDF wird erstellt …', en: 'Making the PDF …' },
  previewPdfFailed: { de: 'Die PDF-Vorschau konnte nicht erstellt werden.', en: 'The PDF preview could not be made.' },
  previewLetter: { de: (title: string) => `Vorschau: ${title}`, en: (title: string) => `Preview: ${title}` },
  // undo steps
  addedEdit: { de: 'Schreiben hinzugefügt', en: 'Letter added' },
  removedEdit: { de: 'Schreiben gelöscht', en: 'Letter deleted' },
  titleEdit: { de: 'Titel des Schreibens geändert', en: 'Letter title changed' },
  textEdit: { de: 'Text des Schreibens geändert', en: 'Letter text changed' },
  kindEdit: { de: 'Art des Schreibens geändert', en: 'Letter kind changed' },
  renamedEdit: { de: 'Kennung des Schreibens geändert', en: 'Letter identifier changed' },
  signatureEdit: { de: 'Unterschrift geändert', en: 'Signature changed' },
  placeholderEdit: { de: 'Platzhalter eingefügt', en: 'Placeholder inserted' },
};

/** Which entry names each kind of letter. */
export const KIND_TEXT_KEYS = { receipt: 'kindReceipt', decision: 'kindDecision', letter: 'kindLetter' } as const;

/** Which entry names each text part. */
export const PART_TEXT_KEYS = {
  authority: 'partAuthority',
  addressee: 'partAddressee',
  subject: 'partSubject',
  operative: 'partOperative',
  reasoning: 'partReasoning',
  legalRemedy: 'partLegalRemedy',
  body: 'partBody',
} as const;

/** Which entry names each case fact offered as a placeholder. */
export const FACT_TEXT_KEYS = {
  'case.reference': 'factReference',
  'case.receivedAt': 'factReceivedAt',
  'case.date': 'factDate',
  'case.outcome': 'factOutcome',
  'case.serviceTitle': 'factServiceTitle',
  'organisation.name': 'factOrganisationName',
  'organisation.address': 'factOrganisationAddress',
} as const;

/** Words printed on the letter itself (in the preview), in the letter's language rather than the Studio's. */
export const LETTER_WORDS = {
  reasoning: { de: 'Begründung', en: 'Reasons' },
  legalRemedy: { de: 'Rechtsbehelfsbelehrung', en: 'Information on legal remedies' },
} as const;
