/** The e-mails about a citizen's account, in German and English. They carry nothing the registering person typed. */
export type AccountMailOccasion = 'confirm-registration' | 'registration-attempt';

export interface AccountMailFacts {
  /** The organisation whose portal it is. */
  organisation: string;
  /** Where to go: the confirmation link, or the portal's login. */
  link: string;
  /** Hours the confirmation link lives. */
  hours: number;
  /** The portal's legal notice (Impressum), which says how to reach the organisation. */
  imprint: string;
}

type Compose = (facts: AccountMailFacts) => { subject: string; text: string };

const CLOSING = {
  de: (organisation: string) => `Mit freundlichen Grüßen\n${organisation}\n\nDiese Nachricht wurde automatisch versandt. Bitte antworten Sie nicht auf diese E-Mail.`,
  en: (organisation: string) => `Kind regards\n${organisation}\n\nThis message was sent automatically. Please do not reply to this e-mail.`,
};

const TEXTS: Record<AccountMailOccasion, Record<'de' | 'en', Compose>> = {
  'confirm-registration': {
    de: ({ organisation, link, hours }) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      text: [
        'Guten Tag,',
        '',
        'mit dieser E-Mail-Adresse hat sich soeben jemand für ein Konto bei unseren Online-Diensten registriert. Waren Sie das, öffnen Sie bitte diesen Link und bestätigen Sie die Adresse dort mit dem Passwort, das Sie bei der Registrierung gewählt haben:',
        '',
        link,
        '',
        `Der Link gilt ${hours} Stunden und nur einmal. Mit der Bestätigung entsteht Ihr Konto und Sie sind angemeldet; künftig melden Sie sich mit Ihrer E-Mail-Adresse und diesem Passwort an.`,
        '',
        'Waren Sie es nicht, müssen Sie nichts tun: Ohne Bestätigung mit dem Passwort der Registrierung entsteht kein Konto.',
        '',
        CLOSING.de(organisation),
      ].join('\n'),
    }),
    en: ({ organisation, link, hours }) => ({
      subject: 'Please confirm your email address',
      text: [
        'Hello,',
        '',
        'someone has just registered for an account with our online services using this email address. If it was you, please open this link and confirm the address there with the password you chose when you registered:',
        '',
        link,
        '',
        `The link works for ${hours} hours and only once. Confirming creates your account and logs you in; from then on you log in with your email address and that password.`,
        '',
        'If it was not you, there is nothing to do: without confirmation with the password of the registration no account is created.',
        '',
        CLOSING.en(organisation),
      ].join('\n'),
    }),
  },
  'registration-attempt': {
    de: ({ organisation, link, imprint }) => ({
      subject: 'Jemand wollte mit Ihrer E-Mail-Adresse ein Konto anlegen',
      text: [
        'Guten Tag,',
        '',
        'soeben wollte jemand mit Ihrer E-Mail-Adresse ein Konto bei unseren Online-Diensten anlegen. Sie haben dort schon ein Konto; es bleibt unverändert, auch Ihr Passwort.',
        '',
        'Wenn Sie das waren, melden Sie sich einfach mit Ihrem bisherigen Konto an:',
        '',
        link,
        '',
        `Haben Sie Ihr Passwort vergessen, wenden Sie sich bitte an uns; wie Sie uns erreichen, steht im Impressum: ${imprint}`,
        '',
        'Wenn Sie es nicht waren, müssen Sie nichts tun: Niemand hat dadurch Zugang zu Ihrem Konto erhalten.',
        '',
        CLOSING.de(organisation),
      ].join('\n'),
    }),
    en: ({ organisation, link, imprint }) => ({
      subject: 'Someone tried to create an account with your email address',
      text: [
        'Hello,',
        '',
        'someone just tried to create an account with our online services using your email address. You already have an account there; it stays as it is, and so does your password.',
        '',
        'If it was you, simply log in with your existing account:',
        '',
        link,
        '',
        `If you have forgotten your password, please contact us; how to reach us is in the legal notice: ${imprint}`,
        '',
        'If it was not you, there is nothing to do: nobody has gained access to your account.',
        '',
        CLOSING.en(organisation),
      ].join('\n'),
    }),
  },
};

/**
 * Subject and text of an account e-mail.
 *
 * @example
 * composeAccountMail('confirm-registration', 'en', { organisation: 'Stadt Musterstadt', link: 'https://…/registrieren/bestaetigen#…', hours: 24, imprint: 'https://…/impressum' });
 */
export function composeAccountMail(occasion: AccountMailOccasion, language: 'de' | 'en', facts: AccountMailFacts): { subject: string; text: string } {
  return TEXTS[occasion][language](facts);
}
