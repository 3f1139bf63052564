import type { UiLanguage } from './localize';

/** The renderer's own words (buttons, hints, upload states), in the languages of the user interface. */
const TEXTS = {
  yes: { de: 'Ja', en: 'Yes' },
  no: { de: 'Nein', en: 'No' },
  optional: { de: '(freiwillig)', en: '(optional)' },
  choose: { de: 'Bitte wählen', en: 'Please choose' },
  // German has no gender-neutral "another", so the German button names the item only.
  addItem: {
    de: (item: string, _another: boolean) => `${item} hinzufügen`,
    en: (item: string, another: boolean) => `Add ${another ? 'another ' : ''}${item.toLowerCase()}`,
  },
  removeItem: { de: (item: string) => `${item} entfernen`, en: (item: string) => `Remove ${item.toLowerCase()}` },
  itemCount: {
    de: (count: number, max: number) => `${count} von höchstens ${max}`,
    en: (count: number, max: number) => `${count} of at most ${max}`,
  },
  dateHint: { de: 'Format: TT.MM.JJJJ, zum Beispiel 27.03.1985', en: 'Format: DD/MM/YYYY, for example 27/03/1985' },
  fileHint: {
    de: (types: string, size: string, count: number) => `Erlaubt: ${types}, bis ${size} je Datei, höchstens ${count} ${count === 1 ? 'Datei' : 'Dateien'}.`,
    en: (types: string, size: string, count: number) => `Allowed: ${types}, up to ${size} per file, at most ${count} ${count === 1 ? 'file' : 'files'}.`,
  },
  chooseFile: { de: 'Datei auswählen', en: 'Choose file' },
  uploading: { de: (name: string, percent: number) => `${name} wird hochgeladen: ${percent} %`, en: (name: string, percent: number) => `Uploading ${name}: ${percent}%` },
  uploadStarted: { de: (name: string) => `${name} wird hochgeladen …`, en: (name: string) => `Uploading ${name} …` },
  uploaded: { de: (name: string) => `${name} wurde hochgeladen.`, en: (name: string) => `${name} has been uploaded.` },
  removeFile: { de: (name: string) => `${name} entfernen`, en: (name: string) => `Remove ${name}` },
  uploadFailed: { de: 'Die Datei konnte nicht hochgeladen werden. Bitte versuchen Sie es erneut.', en: 'The file could not be uploaded. Please try again.' },
  errorPrefix: { de: 'Fehler:', en: 'Error:' },
  errorSummaryTitle: { de: 'Bitte korrigieren Sie Folgendes', en: 'There is a problem' },
  change: { de: 'Ändern', en: 'Change' },
  notAnswered: { de: 'Keine Angabe', en: 'Not answered' },
  calculated: { de: 'wird berechnet', en: 'calculated' },
};

type Texts = typeof TEXTS;

/** The renderer's text for a key in a user-interface language. */
export function uiText<K extends keyof Texts>(key: K, language: UiLanguage): Texts[K]['de'] {
  return TEXTS[key][language];
}

/** The user-interface language closest to a definition language (unknown ones read German). */
export function uiLanguageOf(language: string): UiLanguage {
  return language === 'en' ? 'en' : 'de';
}
