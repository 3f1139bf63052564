/** The e-mails about a citizen's account, in German and English. They carry nothing the registering person typed. */
export type AccountMailOccasion = 'confirm-registration' | 'registration-attempt';

export interface AccountMailFacts {
  /** The organisation whose portal it is. */
  organisation: string;
  /** Where to go: the confirmation link, or the portal's login. */
  link: string;
  /** Hours the confirmation link lives. */
  hours: number;
}

type Compose = (facts: AccountMailFacts) => { subject: string; text: string };

const TEXTS: Record<AccountMailOccasion, Record<'de' | 'en', Compose>> = {
  'confirm-registration': {
    de: ({ organisation, link, hours }) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      text: [
        'Guten Tag,',
        '',
        `mit dieser E-Mail-Adresse wurde ein Konto für die Online-Dienste von ${organisation} angelegt. Bitte bestätigen Sie die Adresse mit diesem Link:`,
        '',
        link,
        '',
        `Der Link gilt ${hours} Stunden und nur einmal. Danach sind Sie angemeldet und können sich künftig mit Ihrer E-Mail-Adresse und Ihrem Passwort anmelden.`,
        '',
        'Wenn Sie kein Konto angelegt haben, müssen Sie nichts tun: Ohne Bestätigung entsteht kein Konto.',
      ].join('\n'),
    }),
    en: ({ organisation, link, hours }) => ({
      subject: 'Please confirm your email address',
      text: [
        'Hello,',
        '',
        `an account for the online services of ${organisation} was created with this email address. Please confirm the address with this link:`,
        '',
        link,
        '',
        `The link works for ${hours} hours and only once. It logs you in; from then on you log in with your email address and password.`,
        '',
        'If you did not create an account, there is nothing to do: without confirmation no account is created.',
      ].join('\n'),
    }),
  },
  'registration-attempt': {
    de: ({ organisation, link }) => ({
      subject: 'Jemand wollte mit Ihrer E-Mail-Adresse ein Konto anlegen',
      text: [
        'Guten Tag,',
        '',
        `soeben wollte jemand mit Ihrer E-Mail-Adresse ein Konto für die Online-Dienste von ${organisation} anlegen. Sie haben dort schon ein Konto; es bleibt unverändert, auch Ihr Passwort.`,
        '',
        'Wenn Sie das waren, melden Sie sich einfach mit Ihrem bisherigen Konto an:',
        '',
        link,
        '',
        `Haben Sie Ihr Passwort vergessen, wenden Sie sich bitte an ${organisation}.`,
        '',
        'Wenn Sie es nicht waren, müssen Sie nichts tun: Niemand hat dadurch Zugang zu Ihrem Konto erhalten.',
      ].join('\n'),
    }),
    en: ({ organisation, link }) => ({
      subject: 'Someone tried to create an account with your email address',
      text: [
        'Hello,',
        '',
        `someone just tried to create an account for the online services of ${organisation} with your email address. You already have an account there; it stays as it is, and so does your password.`,
        '',
        'If it was you, simply log in with your existing account:',
        '',
        link,
        '',
        `If you have forgotten your password, please contact ${organisation}.`,
        '',
        'If it was not you, there is nothing to do: nobody has gained access to your account.',
      ].join('\n'),
    }),
  },
};

/**
 * Subject and text of an account e-mail.
 *
 * @example
 * composeAccountMail('confirm-registration', 'en', { organisation: 'Stadt Musterstadt', link: 'https://…/registrieren/bestaetigen#…', hours: 24 });
 */
export function composeAccountMail(occasion: AccountMailOccasion, language: 'de' | 'en', facts: AccountMailFacts): { subject: string; text: string } {
  return TEXTS[occasion][language](facts);
}
