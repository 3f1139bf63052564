/** Words of the controls the procedure, letters and settings areas share (German first). */
export const AREA_CONTROLS_TEXTS = {
  languageDe: { de: 'Deutsch', en: 'German' },
  languageEn: { de: 'Englisch', en: 'English' },
  error: { de: 'Fehler', en: 'Error' },
  warning: { de: 'Hinweis', en: 'Warning' },
  advanced: { de: 'Erweitert', en: 'Advanced' },
  idHint: {
    de: 'Wird aus der Bezeichnung erzeugt. Buchstaben, Ziffern und _, beginnt mit einem Buchstaben; höchstens 63 Zeichen. Wird übernommen, wenn Sie das Feld verlassen oder Eingabe drücken.',
    en: 'Made from the label. Letters, digits and _, starting with a letter; at most 63 characters. Taken over when you leave the field or press Enter.',
  },
  idInvalid: {
    de: 'Bitte nur Buchstaben, Ziffern und _ verwenden und mit einem Buchstaben beginnen (höchstens 63 Zeichen).',
    en: 'Please use only letters, digits and _ and start with a letter (at most 63 characters).',
  },
  problemsHere: {
    de: (errors: number, warnings: number) => `Hier: ${errors} Fehler, ${warnings} ${warnings === 1 ? 'Hinweis' : 'Hinweise'}`,
    en: (errors: number, warnings: number) => `Here: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`,
  },
};
