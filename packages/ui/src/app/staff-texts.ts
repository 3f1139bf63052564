import type { UiLanguage } from '../localize';

/** The words of the parts every staff front end shares (frame, login, account page, missing permission). */
export const STAFF_TEXTS = {
  // frame
  skipLink: { de: 'Zum Inhalt springen', en: 'Skip to main content' },
  otherLanguage: { de: 'English', en: 'Deutsch' },
  otherLanguageLabel: { de: 'Switch to English', en: 'Auf Deutsch wechseln' },
  logOut: { de: 'Abmelden', en: 'Log out' },
  loading: { de: 'Wird geladen …', en: 'Loading …' },
  frontEnds: { de: 'Anwendungen', en: 'Applications' },
  account: { de: 'Mein Konto', en: 'My account' },
  'frontEnd.inbox': { de: 'Posteingang', en: 'Inbox' },
  'frontEnd.studio': { de: 'Studio', en: 'Studio' },
  'frontEnd.admin': { de: 'Administration', en: 'Administration' },
  // login
  loginTitle: { de: 'Anmelden', en: 'Log in' },
  email: { de: 'E-Mail-Adresse', en: 'Email address' },
  password: { de: 'Passwort', en: 'Password' },
  code: { de: 'Code aus der Authenticator-App oder Wiederherstellungscode', en: 'Code from the authenticator app or a recovery code' },
  confirmCode: { de: 'Code bestätigen', en: 'Confirm code' },
  enrolAtLoginTitle: { de: 'Zweiten Faktor einrichten', en: 'Set up a second factor' },
  enrolAtLoginIntro: {
    de: 'Ihre Verwaltung verlangt für Mitarbeitende einen zweiten Faktor. Richten Sie ihn jetzt ein; danach geht es weiter zu der Seite, die Sie öffnen wollten.',
    en: 'Your organisation requires staff to use a second factor. Set it up now; then you continue to the page you wanted to open.',
  },
  cancelLogin: { de: 'Abbrechen und abmelden', en: 'Cancel and log out' },
  required: { de: (label: string) => `Bitte füllen Sie „${label}“ aus.`, en: (label: string) => `Please fill in “${label}”.` },
  problemTitle: { de: 'Bitte korrigieren Sie Folgendes', en: 'There is a problem' },
  loadFailed: { de: 'Das konnte nicht geladen werden.', en: 'This could not be loaded.' },
  saveFailed: { de: 'Das konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.', en: 'This could not be saved. Please try again.' },
  tryAgain: { de: 'Erneut versuchen', en: 'Try again' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  // enrolment
  enrolStep1: {
    de: 'Öffnen Sie eine Authenticator-App (z. B. FreeOTP, Aegis, Google oder Microsoft Authenticator) und scannen Sie diesen QR-Code.',
    en: 'Open an authenticator app (such as FreeOTP, Aegis, Google or Microsoft Authenticator) and scan this QR code.',
  },
  qrAlt: {
    de: (email: string) => `QR-Code zum Einrichten der Authenticator-App für ${email}. Ohne Kamera geben Sie den Schlüssel darunter von Hand ein.`,
    en: (email: string) => `QR code to set up the authenticator app for ${email}. Without a camera, enter the key below by hand.`,
  },
  manualKey: { de: 'Schlüssel zur Eingabe von Hand', en: 'Key to enter by hand' },
  manualKeyHint: {
    de: 'Zeitbasiert (TOTP), 6 Ziffern, alle 30 Sekunden neu. Die Leerzeichen dienen nur dem Lesen.',
    en: 'Time-based (TOTP), 6 digits, new every 30 seconds. The spaces are only for reading.',
  },
  enrolStep2: { de: 'Geben Sie dann den Code ein, den die App anzeigt.', en: 'Then enter the code the app shows.' },
  firstCode: { de: '6-stelliger Code aus der App', en: '6-digit code from the app' },
  codeFormat: { de: 'Der Code besteht aus 6 Ziffern.', en: 'The code has 6 digits.' },
  finishEnrolment: { de: 'Einrichtung abschließen', en: 'Finish setting up' },
  // recovery codes
  recoveryTitle: { de: 'Ihre Wiederherstellungscodes – nur jetzt sichtbar', en: 'Your recovery codes – visible only now' },
  recoveryIntro: {
    de: 'Mit jedem dieser Codes können Sie sich einmal anmelden, wenn Sie Ihr Telefon nicht zur Hand haben. Amtsweg zeigt sie nur dieses eine Mal. Drucken Sie sie aus oder speichern Sie sie an einem sicheren Ort, getrennt von Ihrem Passwort.',
    en: 'Each of these codes lets you log in once when you do not have your phone at hand. Amtsweg shows them only this once. Print them or store them in a safe place, apart from your password.',
  },
  recoveryListLabel: { de: 'Wiederherstellungscodes', en: 'Recovery codes' },
  print: { de: 'Drucken', en: 'Print' },
  copy: { de: 'Kopieren', en: 'Copy' },
  download: { de: 'Als Textdatei herunterladen', en: 'Download as a text file' },
  copied: { de: 'Die Codes sind in der Zwischenablage.', en: 'The codes are on the clipboard.' },
  copyFailed: { de: 'Kopieren ging nicht; bitte markieren und kopieren Sie die Codes von Hand.', en: 'Copying did not work; please select and copy the codes by hand.' },
  downloaded: { de: 'Die Datei amtsweg-wiederherstellungscodes.txt ist heruntergeladen.', en: 'The file amtsweg-recovery-codes.txt is downloaded.' },
  recoveryFileHeading: {
    de: (email: string, organisation: string) => `Amtsweg – Wiederherstellungscodes für ${email} (${organisation})\nJeder Code gilt für eine Anmeldung.`,
    en: (email: string, organisation: string) => `Amtsweg – recovery codes for ${email} (${organisation})\nEach code works for one login.`,
  },
  recoveryKept: { de: 'Ich habe die Codes gespeichert', en: 'I have stored the codes' },
  // account page
  accountIntro: { de: (name: string, email: string) => `Angemeldet als ${name} (${email}).`, en: (name: string, email: string) => `Logged in as ${name} (${email}).` },
  organisation: { de: 'Organisation', en: 'Organisation' },
  roles: { de: 'Rollen', en: 'Roles' },
  noRoles: { de: 'keine', en: 'none' },
  'role.administrator': { de: 'Administration', en: 'Administrator' },
  'role.designer': { de: 'Gestaltung (Studio)', en: 'Designer (Studio)' },
  'role.caseworker': { de: 'Sachbearbeitung (Posteingang)', en: 'Caseworker (inbox)' },
  'role.operator': { de: 'Betrieb der Installation', en: 'Operator of the installation' },
  passwordTitle: { de: 'Passwort ändern', en: 'Change the password' },
  currentPassword: { de: 'Bisheriges Passwort', en: 'Current password' },
  newPassword: { de: 'Neues Passwort', en: 'New password' },
  newPasswordHint: {
    de: 'Mindestens 12 Zeichen. Am besten ein Satz aus mehreren Wörtern; nicht Ihre E-Mail-Adresse.',
    en: 'At least 12 characters. A sentence of several words is best; not your email address.',
  },
  repeatPassword: { de: 'Neues Passwort wiederholen', en: 'Repeat the new password' },
  passwordTooShort: { de: 'Das neue Passwort muss mindestens 12 Zeichen lang sein.', en: 'The new password must be at least 12 characters long.' },
  passwordTooLong: { de: 'Das neue Passwort darf höchstens 256 Zeichen lang sein.', en: 'The new password may be at most 256 characters long.' },
  passwordsDiffer: { de: 'Die Wiederholung stimmt nicht mit dem neuen Passwort überein.', en: 'The repetition does not match the new password.' },
  passwordSame: { de: 'Das neue Passwort muss sich vom bisherigen unterscheiden.', en: 'The new password must differ from the current one.' },
  changePassword: { de: 'Passwort ändern', en: 'Change the password' },
  passwordChanged: {
    de: 'Ihr Passwort ist geändert. Alle anderen Sitzungen dieses Kontos sind beendet; diese bleibt angemeldet.',
    en: 'Your password is changed. All other sessions of this account are ended; this one stays logged in.',
  },
  secondFactorTitle: { de: 'Zweiter Faktor', en: 'Second factor' },
  secondFactorOn: { de: 'Eingerichtet: Bei der Anmeldung fragt Amtsweg nach einem Code Ihrer Authenticator-App.', en: 'Set up: at login Amtsweg asks for a code from your authenticator app.' },
  secondFactorOff: {
    de: 'Nicht eingerichtet. Mit einem zweiten Faktor genügt ein gestohlenes Passwort nicht, um sich anzumelden.',
    en: 'Not set up. With a second factor a stolen password is not enough to log in.',
  },
  secondFactorRequired: { de: 'Ihre Organisation verlangt einen zweiten Faktor.', en: 'Your organisation requires a second factor.' },
  recoveryLeft: {
    de: (n: number) => (n === 1 ? 'Noch 1 Wiederherstellungscode unbenutzt.' : `Noch ${n} Wiederherstellungscodes unbenutzt.`),
    en: (n: number) => (n === 1 ? '1 recovery code left unused.' : `${n} recovery codes left unused.`),
  },
  startEnrolment: { de: 'Zweiten Faktor einrichten', en: 'Set up a second factor' },
  enrolled: { de: 'Der zweite Faktor ist eingerichtet.', en: 'The second factor is set up.' },
  newRecoveryCodes: { de: 'Neue Wiederherstellungscodes erzeugen', en: 'Create new recovery codes' },
  newRecoveryCodesHint: {
    de: 'Die bisherigen Codes gelten dann nicht mehr. Zur Bestätigung geben Sie einen aktuellen Code Ihrer App ein.',
    en: 'The current codes then stop working. To confirm, enter a current code from your app.',
  },
  turnOff: { de: 'Zweiten Faktor ausschalten', en: 'Turn off the second factor' },
  turnOffHint: {
    de: 'Danach genügt wieder das Passwort zur Anmeldung. Zur Bestätigung geben Sie einen aktuellen Code Ihrer App oder einen Wiederherstellungscode ein.',
    en: 'After that the password alone is enough to log in again. To confirm, enter a current code from your app or a recovery code.',
  },
  turnedOff: { de: 'Der zweite Faktor ist ausgeschaltet.', en: 'The second factor is turned off.' },
  confirmWithCode: { de: 'Code aus der App oder Wiederherstellungscode', en: 'Code from the app or a recovery code' },
  confirmWithAppCode: { de: 'Code aus der App', en: 'Code from the app' },
  sessionsTitle: { de: 'Angemeldete Geräte', en: 'Devices logged in' },
  sessionsIntro: {
    de: 'Hier ist Ihr Konto gerade angemeldet. Kennen Sie ein Gerät nicht, beenden Sie die Sitzung und ändern Sie Ihr Passwort.',
    en: 'Your account is logged in here now. If you do not recognise a device, end its session and change your password.',
  },
  sessionsCaption: { de: 'Sitzungen dieses Kontos', en: 'Sessions of this account' },
  device: { de: 'Browser und System', en: 'Browser and system' },
  since: { de: 'Angemeldet seit', en: 'Logged in since' },
  lastSeen: { de: 'Zuletzt aktiv', en: 'Last active' },
  now: { de: 'jetzt', en: 'now' },
  until: { de: 'Gültig bis', en: 'Valid until' },
  thisSession: { de: 'Diese Sitzung', en: 'This session' },
  halfLogin: { de: 'Passwort eingegeben, zweiter Faktor fehlt', en: 'Password given, second factor missing' },
  browserOn: { de: (browser: string, system: string) => `${browser} auf ${system}`, en: (browser: string, system: string) => `${browser} on ${system}` },
  unknownBrowser: { de: 'Unbekannter Browser', en: 'Unknown browser' },
  unknownSystem: { de: 'unbekanntem System', en: 'an unknown system' },
  endSession: { de: 'Beenden', en: 'End' },
  endSessionLabel: { de: (device: string, since: string) => `Sitzung ${device} seit ${since} beenden`, en: (device: string, since: string) => `End the session ${device} since ${since}` },
  sessionEnded: { de: (device: string) => `Die Sitzung ${device} ist beendet.`, en: (device: string) => `The session ${device} is ended.` },
  endOthers: { de: 'Alle anderen Sitzungen beenden', en: 'End all other sessions' },
  othersEnded: { de: 'Alle anderen Sitzungen sind beendet.', en: 'All other sessions are ended.' },
  noOtherSessions: { de: 'Ihr Konto ist sonst nirgends angemeldet.', en: 'Your account is not logged in anywhere else.' },
  action: { de: 'Aktion', en: 'Action' },
  // missing permission
  noPermissionTitle: { de: 'Dafür fehlt Ihnen die Berechtigung', en: 'You do not have permission for this' },
  signedInAs: { de: (name: string) => `Sie sind als ${name} angemeldet.`, en: (name: string) => `You are logged in as ${name}.` },
  'needs.inbox': {
    de: 'Der Posteingang ist für die Sachbearbeitung: Hier werden eingegangene Anträge bearbeitet und entschieden. Dafür braucht Ihr Konto die Rolle „Sachbearbeitung“ und für jeden Dienst eine Rolle in dessen Verfahren.',
    en: 'The inbox is for caseworkers: applications that came in are handled and decided here. Your account needs the caseworker role for it, and a role in the process of each service.',
  },
  'needs.studio': {
    de: 'Im Studio werden Online-Dienste gestaltet: Formulare, Abläufe und Bescheide. Dafür braucht Ihr Konto die Rolle „Gestaltung“.',
    en: 'The Studio is where online services are designed: forms, processes and letters. Your account needs the designer role for it.',
  },
  'needs.admin': {
    de: 'Die Administration ist Administratorinnen und Administratoren Ihrer Organisation vorbehalten: Konten, Rollen, API-Tokens, Protokoll und Einstellungen.',
    en: 'The administration is reserved for your organisation’s administrators: accounts, roles, API tokens, the audit trail and settings.',
  },
  whoGrants: {
    de: 'Rollen vergibt eine Administratorin oder ein Administrator Ihrer Organisation in der Administration.',
    en: 'Roles are granted by an administrator of your organisation in the administration.',
  },
  grantYourself: {
    de: 'Sie sind selbst Administrator/in: Sie können sich die Rolle in der Administration geben.',
    en: 'You are an administrator yourself: you can grant yourself the role in the administration.',
  },
  ownEntry: { de: 'Ihr Eintrag in der Administration', en: 'Your entry in the administration' },
  'goTo.inbox': { de: 'Zum Posteingang', en: 'Go to the inbox' },
  'goTo.studio': { de: 'Zum Studio', en: 'Go to the Studio' },
  'goTo.admin': { de: 'Zur Administration', en: 'Go to the administration' },
  canUse: { de: 'Diese Anwendungen können Sie nutzen:', en: 'You can use these applications:' },
  canUseNothing: {
    de: 'Mit Ihren jetzigen Rollen können Sie keine Anwendung nutzen; Ihr Konto verwalten Sie unter „Mein Konto“.',
    en: 'With your current roles you cannot use any application; you manage your account under “My account”.',
  },
} as const;

export type StaffTextKey = keyof typeof STAFF_TEXTS;

/** The shared staff words in one language: `staffTexts('de').logOut`. */
export function staffTexts(language: UiLanguage): { [K in StaffTextKey]: (typeof STAFF_TEXTS)[K]['de'] } {
  return Object.fromEntries(Object.entries(STAFF_TEXTS).map(([key, value]) => [key, value[language]])) as { [K in StaffTextKey]: (typeof STAFF_TEXTS)[K]['de'] };
}
