/** The words of the Versions area in German and English. What changed comes from the difference itself. */
export const VERSIONS_TEXTS = {
  // published versions
  listTitle: { de: 'Veröffentlichte Versionen', en: 'Published versions' },
  notPublished: { de: 'Noch nicht veröffentlicht.', en: 'Not published yet.' },
  columnVersion: { de: 'Version', en: 'Version' },
  columnPublishedAt: { de: 'Veröffentlicht am', en: 'Published on' },
  columnPublishedBy: { de: 'Von', en: 'By' },
  columnActions: { de: 'Neuer Entwurf', en: 'New draft' },
  publisherUnknown: { de: 'nicht erfasst', en: 'not recorded' },
  retry: { de: 'Erneut versuchen', en: 'Try again' },
  loadFailed: { de: 'Die Versionen konnten nicht geladen werden.', en: 'The versions could not be loaded.' },
  // a new draft from a version
  startFrom: {
    de: (version: number) => `Neuen Entwurf aus Version ${version} beginnen`,
    en: (version: number) => `Start a new draft from version ${version}`,
  },
  confirmTitle: {
    de: (version: number) => `Entwurf durch Version ${version} ersetzen?`,
    en: (version: number) => `Replace the draft by version ${version}?`,
  },
  confirmText: {
    de: (version: number) =>
      `Der aktuelle Entwurf wird durch Version ${version} ersetzt. Was im Entwurf geändert, aber noch nicht veröffentlicht ist, geht dabei verloren, und „Rückgängig“ hilft danach nicht mehr. Zurück kommen Sie nur, indem Sie wieder einen neuen Entwurf aus einer anderen Version beginnen.`,
    en: (version: number) =>
      `The current draft is replaced by version ${version}. Whatever was changed in the draft but not published yet is lost, and “Undo” cannot bring it back. The only way back is to start a new draft from another version again.`,
  },
  confirmYes: { de: 'Ja, Entwurf ersetzen', en: 'Yes, replace the draft' },
  confirmNo: { de: 'Abbrechen', en: 'Cancel' },
  replacing: { de: 'Der Entwurf wird ersetzt …', en: 'Replacing the draft …' },
  replaced: {
    de: (version: number) => `Der Entwurf wurde durch Version ${version} ersetzt. Sie bearbeiten jetzt diesen neuen Entwurf.`,
    en: (version: number) => `The draft was replaced by version ${version}. You are now editing this new draft.`,
  },
  replaceConflict: {
    de: 'Der Entwurf wurde nicht ersetzt: Er wurde gerade gespeichert, während Sie ihn ersetzen wollten (von Ihnen oder von jemand anderem). Prüfen Sie den Entwurf und versuchen Sie es dann erneut.',
    en: 'The draft was not replaced: it was saved just while you were replacing it (by you or by someone else). Check the draft, then try again.',
  },
  replaceFailed: { de: 'Der Entwurf wurde nicht ersetzt.', en: 'The draft was not replaced.' },
  // comparing
  compareTitle: { de: 'Fassungen vergleichen', en: 'Compare versions' },
  compareNeedsVersion: {
    de: 'Vergleichen können Sie, sobald der Dienst einmal veröffentlicht ist.',
    en: 'You can compare once the service has been published.',
  },
  olderChoice: { de: 'Ältere Fassung', en: 'Older version' },
  newerChoice: { de: 'Neuere Fassung', en: 'Newer version' },
  draftChoice: { de: 'Aktueller Entwurf', en: 'Current draft' },
  versionChoice: {
    de: (version: number, date: string) => `Version ${version} (${date})`,
    en: (version: number, date: string) => `Version ${version} (${date})`,
  },
  compare: { de: 'Vergleichen', en: 'Compare' },
  sameChoice: { de: 'Bitte wählen Sie zwei verschiedene Fassungen.', en: 'Please choose two different versions.' },
  comparing: { de: 'Wird verglichen …', en: 'Comparing …' },
  compared: { de: (headline: string) => `Verglichen: ${headline}`, en: (headline: string) => `Compared: ${headline}` },
  compareFailed: { de: 'Der Vergleich ist nicht gelungen.', en: 'The comparison failed.' },
  resultTitle: {
    de: (older: string, newer: string) => `Unterschiede zwischen ${older} und ${newer}`,
    en: (older: string, newer: string) => `Differences between ${older} and ${newer}`,
  },
  /** A version inside a sentence (after „zwischen“ / "between"). */
  versionInSentence: { de: (version: number) => `Version ${version}`, en: (version: number) => `version ${version}` },
  draftInSentence: { de: 'dem aktuellen Entwurf', en: 'the current draft' },
  // the areas of the Studio a change belongs to
  groupForm: { de: 'Formular', en: 'Form' },
  groupProcess: { de: 'Ablauf', en: 'Procedure' },
  groupDocuments: { de: 'Schreiben', en: 'Letters' },
  groupSettings: { de: 'Einstellungen', en: 'Settings' },
  // what happened to a thing, said in words (the colour only repeats it)
  kindAdded: { de: 'Hinzugefügt', en: 'Added' },
  kindRemoved: { de: 'Entfernt', en: 'Removed' },
  kindChanged: { de: 'Geändert', en: 'Changed' },
  kindMoved: { de: 'Verschoben', en: 'Moved' },
};
