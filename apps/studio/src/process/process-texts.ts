/**
 * The procedure designer's words, German first. Entries ending in `Edit` name undo steps (both languages are
 * needed at once for the history). The accessible names used by the end-to-end tests are marked "(e2e)".
 */
export const PROCESS_TEXTS = {
  title: { de: 'Ablauf', en: 'Procedure' },
  intro: {
    de: 'Der Ablauf beschreibt, welche Status ein Antrag durchläuft, wer ihn mit welchen Aktionen weiterbringt und mit welchem Bescheid er endet.',
    en: 'The procedure describes the states an application passes through, who moves it on with which actions and which decision notice ends it.',
  },
  // diagram
  diagramTitle: {
    de: (states: number, actions: number) => `Ablaufdiagramm mit ${states} Status und ${actions} Aktionen`,
    en: (states: number, actions: number) => `Procedure diagram with ${states} states and ${actions} actions`,
  },
  diagramDescription: {
    de: (start: string, ends: string) =>
      `Beginnt bei ${start}; endet bei ${ends}. Dieselben Angaben stehen ausführlich in der Liste „Status und Aktionen“ unter dem Diagramm.`,
    en: (start: string, ends: string) =>
      `Starts at ${start}; ends at ${ends}. The list “States and actions” below the diagram gives the same in full.`,
  },
  diagramNoEnd: { de: 'keinem Abschluss', en: 'no final state' },
  diagramRegion: { de: 'Ablaufdiagramm (verschiebbar)', en: 'Procedure diagram (scrollable)' },
  diagramCaption: {
    de: 'Das Diagramm wird aus der Liste gezeichnet. Pfeile sind Aktionen; Abschlüsse stehen rechts.',
    en: 'The diagram is drawn from the list. Arrows are actions; final states are on the right.',
  },
  diagramStart: { de: 'Anfang', en: 'Start' },
  diagramUnreachable: { de: 'nicht erreichbar', en: 'unreachable' },
  // list
  listTitle: { de: 'Status und Aktionen', en: 'States and actions' },
  initialState: { de: 'Anfangsstatus', en: 'Initial state' },
  initialStateHint: { de: 'In diesem Status beginnt jeder neue Antrag.', en: 'Every new application starts in this state.' },
  isInitial: { de: 'Anfangsstatus', en: 'Initial state' },
  noLabel: { de: '(ohne Bezeichnung)', en: '(no label)' },
  unknownOption: { de: (id: string) => `(unbekannt: ${id})`, en: (id: string) => `(unknown: ${id})` },
  choose: { de: '– bitte wählen –', en: '– please choose –' },
  // kinds (e2e: the options of "Art des Status")
  kindTask: { de: 'Bearbeitung (Aufgabe)', en: 'Work (task)' },
  kindWaiting: { de: 'Warten auf Antragsteller/in', en: 'Waiting for the applicant' },
  kindAutomatic: { de: 'Automatisch', en: 'Automatic' },
  kindFinal: { de: 'Abschluss', en: 'Final' },
  kindHintTask: { de: 'Mitarbeitende der zuständigen Rolle bearbeiten den Antrag.', en: 'Staff of the responsible role work on the application.' },
  kindHintWaiting: { de: 'Der Antrag wartet auf eine Antwort der antragstellenden Person.', en: 'The application waits for the applicant to answer.' },
  kindHintAutomatic: { de: 'Das System führt die erste mögliche Aktion sofort aus.', en: 'The system takes the first possible action at once.' },
  kindHintFinal: { de: 'Der Antrag ist entschieden; der Bescheid wird erzeugt.', en: 'The application is decided; the decision notice is issued.' },
  // outcomes (e2e: the options of "Ergebnis")
  outcomeApproved: { de: 'Genehmigt', en: 'Approved' },
  outcomeRejected: { de: 'Abgelehnt', en: 'Rejected' },
  outcomeWithdrawn: { de: 'Zurückgezogen', en: 'Withdrawn' },
  outcomeClosed: { de: 'Erledigt', en: 'Closed' },
  // adding a state (e2e: "Status hinzufügen", "Art des Status")
  addState: { de: 'Status hinzufügen', en: 'Add a state' },
  newStateTitle: { de: 'Neuer Status', en: 'New state' },
  newStateKind: { de: 'Art des Status', en: 'Kind of state' },
  newStateLabel: { de: 'Bezeichnung des neuen Status', en: 'Label of the new state' },
  newStateLabelHint: { de: 'Zum Beispiel „In Prüfung“. Leer gelassen: „Neuer Status“.', en: 'For example “In review”. Left empty: “New state”.' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  stateAdded: { de: (label: string) => `Status „${label}“ hinzugefügt.`, en: (label: string) => `State “${label}” added.` },
  // a state's properties (e2e: "Bezeichnung des Status", "Ergebnis", "Bescheid")
  stateLabel: { de: 'Bezeichnung des Status', en: 'Label of the state' },
  stateLabelIn: { de: (language: string) => `Bezeichnung (${language})`, en: (language: string) => `Label (${language})` },
  statusText: { de: 'Statustext für die antragstellende Person', en: 'Status text for the applicant' },
  statusTextIn: { de: (language: string) => `Statustext (${language})`, en: (language: string) => `Status text (${language})` },
  statusTextHint: { de: 'So sieht die antragstellende Person den Stand ihres Antrags.', en: 'This is how the applicant sees the progress of the application.' },
  stateKind: { de: 'Art dieses Status', en: 'Kind of this state' },
  stateRole: { de: 'Zuständige Rolle', en: 'Responsible role' },
  stateRoleHint: { de: 'Rollen legen Sie unter „Einstellungen“ an.', en: 'Roles are set up under “Settings”.' },
  outcome: { de: 'Ergebnis', en: 'Outcome' },
  decisionTemplate: { de: 'Bescheid', en: 'Decision notice' },
  decisionTemplateHint: { de: 'Bescheide legen Sie unter „Schreiben“ an.', en: 'Decision notices are set up under “Letters”.' },
  stateId: { de: 'Kennung des Status', en: 'Identifier of the state' },
  makeInitial: { de: 'Zum Anfangsstatus machen', en: 'Make it the initial state' },
  moveUp: { de: 'Nach oben', en: 'Move up' },
  moveDown: { de: 'Nach unten', en: 'Move down' },
  deleteState: { de: 'Status löschen', en: 'Delete state' },
  stateDeleted: {
    de: (label: string) => `Status „${label}“ gelöscht. „Rückgängig“ oben holt ihn zurück.`,
    en: (label: string) => `State “${label}” deleted. “Undo” at the top brings it back.`,
  },
  stateMoved: {
    de: (label: string, position: number, count: number) => `Status „${label}“ ist jetzt an Stelle ${position} von ${count}.`,
    en: (label: string, position: number, count: number) => `State “${label}” is now at position ${position} of ${count}.`,
  },
  noRoles: {
    de: 'Für einen Bearbeitungsstatus braucht es eine Rolle. Legen Sie zuerst unter „Einstellungen“ eine Rolle an.',
    en: 'A work state needs a role. First set up a role under “Settings”.',
  },
  // actions (e2e: "Aktion hinzufügen", "Bezeichnung der Aktion", "Führt zu")
  actionsTitle: { de: 'Aktionen', en: 'Actions' },
  noActionsFinal: { de: 'Ein Abschluss hat keine Aktionen.', en: 'A final state has no actions.' },
  noActions: { de: 'Noch keine Aktionen.', en: 'No actions yet.' },
  addAction: { de: 'Aktion hinzufügen', en: 'Add an action' },
  addActionTo: { de: (label: string) => ` zu „${label}“`, en: (label: string) => ` to “${label}”` },
  newActionLabel: { de: 'Neue Aktion', en: 'New action' },
  actionAdded: { de: (label: string) => `Aktion „${label}“ hinzugefügt.`, en: (label: string) => `Action “${label}” added.` },
  actionLabel: { de: 'Bezeichnung der Aktion', en: 'Label of the action' },
  actionLabelIn: { de: (language: string) => `Aktion (${language})`, en: (language: string) => `Action (${language})` },
  actionTarget: { de: 'Führt zu', en: 'Leads to' },
  actionRoles: { de: 'Wer darf die Aktion ausführen?', en: 'Who may take the action?' },
  roleApplicant: { de: 'Antragsteller/in', en: 'Applicant' },
  roleSystem: { de: 'System', en: 'System' },
  roleSystemHint: { de: '„System“ braucht es für Fristen und automatische Status.', en: '“System” is needed for deadlines and automatic states.' },
  atLeastOneRole: {
    de: 'Eine Aktion braucht mindestens eine Rolle, die sie ausführen darf.',
    en: 'An action needs at least one role that may take it.',
  },
  fourEyes: { de: 'Vier-Augen-Prinzip: eine zweite Person bestätigt', en: 'Four-eyes principle: a second person confirms' },
  fourEyesHint: {
    de: 'Nur für Aktionen der Sachbearbeitung, nicht der antragstellenden Person oder des Systems.',
    en: 'Only for staff actions, not for the applicant or the system.',
  },
  guardSummary: { de: 'Bedingung: nur unter einer Bedingung möglich', en: 'Condition: only possible under a condition' },
  guardSummaryNone: { de: 'Bedingung: keine (immer möglich)', en: 'Condition: none (always possible)' },
  guardLegend: { de: 'Nur möglich, wenn', en: 'Only possible if' },
  guardEmpty: { de: 'Keine Bedingung: Die Aktion ist immer möglich.', en: 'No condition: the action is always possible.' },
  guardMessage: { de: 'Hinweis, wenn die Bedingung nicht erfüllt ist', en: 'Message when the condition is not met' },
  guardMessageIn: { de: (language: string) => `Hinweis zur Bedingung (${language})`, en: (language: string) => `Condition message (${language})` },
  actionId: { de: 'Kennung der Aktion', en: 'Identifier of the action' },
  deleteAction: { de: 'Aktion löschen', en: 'Delete action' },
  actionDeleted: {
    de: (label: string) => `Aktion „${label}“ gelöscht. „Rückgängig“ oben holt sie zurück.`,
    en: (label: string) => `Action “${label}” deleted. “Undo” at the top brings it back.`,
  },
  actionMoved: {
    de: (label: string, position: number, count: number) => `Aktion „${label}“ ist jetzt an Stelle ${position} von ${count}.`,
    en: (label: string, position: number, count: number) => `Action “${label}” is now at position ${position} of ${count}.`,
  },
  // inputs
  inputsLegend: { de: 'Eingaben beim Ausführen', en: 'Inputs when taking it' },
  inputsHint: {
    de: 'Was die Person beim Ausführen angibt; in Schreiben als {{action.schlüssel}} verwendbar.',
    en: 'What the person fills in when taking it; usable in letters as {{action.key}}.',
  },
  input: { de: (label: string) => `Eingabe „${label}“`, en: (label: string) => `Input “${label}”` },
  inputLabel: { de: 'Bezeichnung der Eingabe', en: 'Label of the input' },
  inputLabelIn: { de: (language: string) => `Eingabe (${language})`, en: (language: string) => `Input (${language})` },
  inputType: { de: 'Art der Eingabe', en: 'Kind of input' },
  inputTypeComment: { de: 'Interner Vermerk', en: 'Internal note' },
  inputTypeReason: { de: 'Begründung (für Schreiben)', en: 'Reason (for letters)' },
  inputTypeText: { de: 'Text', en: 'Text' },
  inputTypeChoice: { de: 'Auswahl', en: 'Choice' },
  inputTypeDate: { de: 'Datum', en: 'Date' },
  inputRequired: { de: 'Pflichtangabe', en: 'Required' },
  inputOptions: { de: 'Auswahlmöglichkeiten (eine pro Zeile)', en: 'Choices (one per line)' },
  inputOptionsEmpty: { de: 'Bitte mindestens eine Auswahlmöglichkeit angeben.', en: 'Please give at least one choice.' },
  inputKey: { de: 'Schlüssel der Eingabe', en: 'Key of the input' },
  addInput: { de: 'Eingabe hinzufügen', en: 'Add an input' },
  newInputLabel: { de: 'Neue Eingabe', en: 'New input' },
  newChoice: { de: 'Auswahl 1', en: 'Choice 1' },
  deleteInput: { de: 'Eingabe entfernen', en: 'Remove input' },
  // effects
  effectsLegend: { de: 'Was beim Ausführen zusätzlich geschieht', en: 'What also happens when it is taken' },
  effectDocument: { de: 'Erzeugtes Schreiben', en: 'Letter issued' },
  effectDocumentHint: { de: 'Schreiben legen Sie unter „Schreiben“ an.', en: 'Letters are set up under “Letters”.' },
  effectMessage: { de: 'Nachricht an die antragstellende Person', en: 'Message to the applicant' },
  effectMessageIn: { de: (language: string) => `Nachricht (${language})`, en: (language: string) => `Message (${language})` },
  addEffectDocument: { de: 'Schreiben erzeugen lassen', en: 'Issue a letter' },
  addEffectMessage: { de: 'Nachricht senden lassen', en: 'Send a message' },
  noTemplates: { de: 'Es gibt noch keine Schreiben. Legen Sie zuerst unter „Schreiben“ eines an.', en: 'There are no letters yet. First set one up under “Letters”.' },
  deleteEffect: { de: 'Entfernen', en: 'Remove' },
  templateKindReceipt: { de: 'Eingangsbestätigung', en: 'Receipt' },
  templateKindDecision: { de: 'Bescheid', en: 'Decision notice' },
  templateKindLetter: { de: 'Schreiben', en: 'Letter' },
  newMessage: { de: 'Es gibt Neuigkeiten zu Ihrem Antrag.', en: 'There is news about your application.' },
  // deadlines
  deadlinesTitle: { de: 'Fristen', en: 'Deadlines' },
  noDeadlines: { de: 'Keine Fristen.', en: 'No deadlines.' },
  deadline: { de: (position: number) => `Frist ${position}`, en: (position: number) => `Deadline ${position}` },
  deadlineDays: { de: 'Frist in Tagen', en: 'Deadline in days' },
  deadlineDaysHint: { de: 'Gezählt ab dem Eintritt in den Status.', en: 'Counted from entering the state.' },
  deadlineDaysNow: { de: (after: string) => `Derzeit als „${after}“ angegeben.`, en: (after: string) => `Currently given as “${after}”.` },
  deadlineDaysInvalid: { de: 'Bitte eine ganze Zahl von 1 bis 3650 angeben.', en: 'Please give a whole number from 1 to 3650.' },
  deadlineAction: { de: 'Bei Ablauf ausgeführte Aktion', en: 'Action taken when it runs out' },
  deadlineActionHint: { de: 'Die Aktion muss für „System“ freigegeben sein.', en: 'The action must be open to “System”.' },
  deadlineSetBy: { de: 'Letzten Tag festlegen durch', en: 'Last day set by' },
  deadlineSetByHint: {
    de: 'Ein Datum, das beim Wechsel in diesen Status angegeben wird (z. B. „Antwort bis“). Die Tage oben gelten, wenn es leer bleibt.',
    en: 'A date given when moving into this state (e.g. “Reply by”). The days above apply when it is left blank.',
  },
  deadlineSetByNone: { de: 'niemand – die Tage oben gelten', en: 'nobody – the days above apply' },
  deadlineSetByOption: {
    de: (input: string, action: string) => `„${input}“ der Aktion „${action}“`,
    en: (input: string, action: string) => `“${input}” of the action “${action}”`,
  },
  // a deadline's reminder (e2e: "Erinnerung an die Antragstellerin / den Antragsteller (Tage vor Fristende)")
  deadlineReminder: {
    de: 'Erinnerung an die Antragstellerin / den Antragsteller (Tage vor Fristende)',
    en: 'Reminder to the applicant (days before the deadline ends)',
  },
  deadlineReminderHint: {
    de: 'Leer lassen: keine Erinnerung. Die E-Mail geht nur hinaus, solange der Antrag noch in diesem Status wartet und eine E-Mail-Adresse bekannt ist. Ihren Wortlaut legen Sie unter „Einstellungen“, „E-Mails an Antragstellende“ fest.',
    en: 'Leave empty for no reminder. The e-mail only goes out while the application is still waiting in this state and an e-mail address is known. Its wording is set under “Settings”, “E-mails to applicants”.',
  },
  deadlineReminderInvalid: {
    de: (max: number) => `Bitte eine ganze Zahl von 1 bis ${max} angeben (weniger Tage als die Frist) oder das Feld leer lassen.`,
    en: (max: number) => `Please give a whole number from 1 to ${max} (fewer days than the deadline), or leave the field empty.`,
  },
  deadlineReminderTooShort: {
    de: 'Diese Frist ist zu kurz für eine Erinnerung. Bitte lassen Sie das Feld leer.',
    en: 'This deadline is too short for a reminder. Please leave the field empty.',
  },
  deadlineReminderOutside: {
    de: (before: string) =>
      `Diese Frist hat eine Erinnerung (${before} vor Fristende). Erinnerungen gehen an die antragstellende Person und sind nur in einem Status „Warten auf Antragsteller/in“ möglich.`,
    en: (before: string) =>
      `This deadline has a reminder (${before} before it ends). Reminders go to the applicant and are only possible in a state “Waiting for the applicant”.`,
  },
  removeReminder: { de: 'Erinnerung entfernen', en: 'Remove the reminder' },
  addDeadline: { de: 'Frist hinzufügen', en: 'Add a deadline' },
  deleteDeadline: { de: 'Frist löschen', en: 'Delete deadline' },
  noActionForDeadline: {
    de: 'Eine Frist löst eine Aktion aus. Legen Sie zuerst in diesem Status eine Aktion für „System“ an.',
    en: 'A deadline takes an action. First add an action for “System” to this state.',
  },
  // undo steps
  stateAddedEdit: { de: 'Status hinzugefügt', en: 'State added' },
  stateChangedEdit: { de: 'Status geändert', en: 'State changed' },
  stateLabelEdit: { de: 'Bezeichnung des Status geändert', en: 'State label changed' },
  statusTextEdit: { de: 'Statustext geändert', en: 'Status text changed' },
  stateRenamedEdit: { de: 'Kennung des Status geändert', en: 'State identifier changed' },
  stateMovedEdit: { de: 'Status verschoben', en: 'State moved' },
  stateDeletedEdit: { de: 'Status gelöscht', en: 'State deleted' },
  initialEdit: { de: 'Anfangsstatus geändert', en: 'Initial state changed' },
  actionAddedEdit: { de: 'Aktion hinzugefügt', en: 'Action added' },
  actionChangedEdit: { de: 'Aktion geändert', en: 'Action changed' },
  actionLabelEdit: { de: 'Bezeichnung der Aktion geändert', en: 'Action label changed' },
  actionRenamedEdit: { de: 'Kennung der Aktion geändert', en: 'Action identifier changed' },
  actionMovedEdit: { de: 'Aktion verschoben', en: 'Action moved' },
  actionDeletedEdit: { de: 'Aktion gelöscht', en: 'Action deleted' },
  guardEdit: { de: 'Bedingung geändert', en: 'Condition changed' },
  inputAddedEdit: { de: 'Eingabe hinzugefügt', en: 'Input added' },
  inputChangedEdit: { de: 'Eingabe geändert', en: 'Input changed' },
  inputRenamedEdit: { de: 'Schlüssel der Eingabe geändert', en: 'Input key changed' },
  inputDeletedEdit: { de: 'Eingabe entfernt', en: 'Input removed' },
  effectsEdit: { de: 'Wirkungen der Aktion geändert', en: 'Action effects changed' },
  deadlineAddedEdit: { de: 'Frist hinzugefügt', en: 'Deadline added' },
  deadlineChangedEdit: { de: 'Frist geändert', en: 'Deadline changed' },
  deadlineDeletedEdit: { de: 'Frist gelöscht', en: 'Deadline deleted' },
  reminderEdit: { de: 'Erinnerung an der Frist geändert', en: 'Deadline reminder changed' },
};

/** Which entry names each kind of state (the options of "Art des Status"). */
export const KIND_TEXT_KEYS = { task: 'kindTask', waiting: 'kindWaiting', automatic: 'kindAutomatic', final: 'kindFinal' } as const;

/** Which entry describes each kind of state. */
export const KIND_HINT_KEYS = { task: 'kindHintTask', waiting: 'kindHintWaiting', automatic: 'kindHintAutomatic', final: 'kindHintFinal' } as const;

/** Which entry names each outcome (the options of "Ergebnis"). */
export const OUTCOME_TEXT_KEYS = {
  approved: 'outcomeApproved',
  rejected: 'outcomeRejected',
  withdrawn: 'outcomeWithdrawn',
  closed: 'outcomeClosed',
} as const;

/** Which entry names each kind of action input. */
export const INPUT_TYPE_TEXT_KEYS = {
  comment: 'inputTypeComment',
  reason: 'inputTypeReason',
  text: 'inputTypeText',
  choice: 'inputTypeChoice',
  date: 'inputTypeDate',
} as const;

/** Which entry names each kind of letter (in the select of letters an action issues). */
export const TEMPLATE_KIND_TEXT_KEYS = { receipt: 'templateKindReceipt', decision: 'templateKindDecision', letter: 'templateKindLetter' } as const;
