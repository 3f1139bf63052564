/** The portal's words around the organisation's legal pages and contact (German first). */
export const LEGAL_TEXTS = {
  footerLegal: { de: 'Rechtliches', en: 'Legal' },
  footerContact: { de: 'Kontakt', en: 'Contact' },
  imprintTitle: { de: 'Impressum', en: 'Imprint' },
  privacyTitle: { de: 'Datenschutzerklärung', en: 'Privacy policy' },
  privacyLink: { de: 'Datenschutz', en: 'Privacy' },
  accessibilityTitle: { de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' },
  accessibilityLink: { de: 'Barrierefreiheit', en: 'Accessibility' },
  contactEmail: { de: 'E-Mail', en: 'Email' },
  contactPhone: { de: 'Telefon', en: 'Phone' },
  contactWebsite: { de: 'Website', en: 'Website' },
  contactOpeningHours: { de: 'Öffnungszeiten', en: 'Opening hours' },
  legalNotWritten: {
    de: (organisation: string, page: string) => `${organisation} hat ${page} hier noch nicht veröffentlicht.`,
    en: (organisation: string, page: string) => `${organisation} has not published its ${page} here yet.`,
  },
  legalNotWrittenReach: {
    de: 'Fragen beantwortet Ihnen die Verwaltung gern direkt:',
    en: 'The administration will gladly answer your questions directly:',
  },
  legalPageArticle: {
    de: (page: 'imprint' | 'privacy' | 'accessibility') => ({ imprint: 'ihr Impressum', privacy: 'ihre Datenschutzerklärung', accessibility: 'ihre Erklärung zur Barrierefreiheit' })[page],
    en: (page: 'imprint' | 'privacy' | 'accessibility') => ({ imprint: 'imprint', privacy: 'privacy policy', accessibility: 'accessibility statement' })[page],
  },
  legalOnlyGerman: { de: 'Dieser Text liegt nur auf Deutsch vor.', en: 'This text is available in German only.' },
  feedbackTitle: { de: 'Barrieren melden', en: 'Report barriers' },
  feedbackText: {
    de: 'Sind Ihnen Mängel beim barrierefreien Zugang zu diesem Portal aufgefallen? Schreiben Sie uns:',
    en: 'Have you noticed barriers in accessing this portal? Write to us:',
  },
  privacyNoticeLink: { de: 'Datenschutzerklärung lesen', en: 'Read the privacy policy' },
  opensInNewTab: { de: '(öffnet in einem neuen Tab)', en: '(opens in a new tab)' },
  privacyNoticeIntro: {
    de: 'Wie Ihre Angaben verarbeitet werden, steht in der Datenschutzerklärung.',
    en: 'How your details are processed is set out in the privacy policy.',
  },
} as const;
