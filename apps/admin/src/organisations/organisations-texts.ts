/** The words of the area „Organisationen“ (the platform operator's), German first; merged into the administration's TEXTS. */
export const ORGANISATIONS_TEXTS = {
  organisationsTitle: { de: 'Organisationen', en: 'Organisations' },
  organisationsIntro: {
    de: 'Diese Installation kann mehrere Verwaltungen betreiben, etwa die Mitgliedsgemeinden einer Verwaltungsgemeinschaft. Jede Organisation hat ihre eigenen Dienste, Anträge, Mitarbeitenden und Bürgerkonten; keine sieht etwas von einer anderen. Ihr Portal erreichen Bürgerinnen und Bürger unter ihren Hostnamen oder unter /o/<Kennung>/.',
    en: 'This installation can serve several authorities, such as the member municipalities of an administrative association. Each organisation has its own services, applications, staff and citizen accounts; none sees anything of another. Citizens reach its portal under its host names or under /o/<slug>/.',
  },
  organisationsTable: { de: 'Organisationen dieser Installation', en: 'Organisations of this installation' },
  organisationName: { de: 'Name', en: 'Name' },
  organisationSlug: { de: 'Kennung', en: 'Slug' },
  organisationHosts: { de: 'Hostnamen', en: 'Host names' },
  organisationStaff: { de: 'Mitarbeitende', en: 'Staff' },
  organisationServices: { de: 'Dienste', en: 'Services' },
  noHosts: { de: 'keine', en: 'none' },
  editHosts: { de: (name: string) => `Hostnamen von ${name} bearbeiten`, en: (name: string) => `Edit host names of ${name}` },
  newOrganisation: { de: 'Organisation anlegen', en: 'Create an organisation' },
  backToOrganisations: { de: 'Zurück zu den Organisationen', en: 'Back to the organisations' },
  // creating
  newOrganisationIntro: {
    de: 'Legen Sie die Organisation und ihre erste Administratorin oder ihren ersten Administrator an. Diese Person richtet danach alles Weitere selbst ein: Mitarbeitende, Dienste, Einstellungen.',
    en: 'Create the organisation and its first administrator. That person then sets up everything else: staff, services, settings.',
  },
  organisationSection: { de: 'Die Organisation', en: 'The organisation' },
  nameHint: { de: 'So heißt sie im Portal und auf Bescheiden, z. B. „Gemeinde Kleinstadt“.', en: 'Its name in the portal and on decision notices, e.g. “Gemeinde Kleinstadt”.' },
  slugHint: {
    de: 'Kleinbuchstaben, Ziffern und Bindestriche, z. B. „kleinstadt“. Sie steht in der Adresse des Portals (/o/kleinstadt/) und in der Anmeldeadresse der Mitarbeitenden; später nicht mehr änderbar.',
    en: 'Lower-case letters, digits and hyphens, e.g. “kleinstadt”. It is part of the portal’s address (/o/kleinstadt/) and of the staff login address; it cannot be changed later.',
  },
  organisationAddress: { de: 'Anschrift', en: 'Address' },
  addressHint: { de: 'Die Postanschrift der Verwaltung, z. B. „Dorfstraße 3, 54321 Kleinstadt“.', en: 'The authority’s postal address, e.g. “Dorfstraße 3, 54321 Kleinstadt”.' },
  hostsLabel: { de: 'Hostnamen des Portals', en: 'Host names of the portal' },
  hostsHint: {
    de: 'Einer pro Zeile, ohne https:// und ohne Pfad, z. B. „amtsweg.kleinstadt.de“. Wer das Portal unter einem dieser Namen aufruft, sieht diese Organisation. Der Name muss im DNS auf diesen Server zeigen.',
    en: 'One per line, without https:// and without a path, e.g. “amtsweg.kleinstadt.de”. Whoever opens the portal under one of these names sees this organisation. The name must point to this server in the DNS.',
  },
  administratorSection: { de: 'Erste Administratorin oder erster Administrator', en: 'First administrator' },
  administratorName: { de: 'Name', en: 'Name' },
  administratorEmail: { de: 'E-Mail-Adresse', en: 'Email address' },
  administratorPassword: { de: 'Vorläufiges Passwort', en: 'Initial password' },
  administratorPasswordHint: {
    de: 'Mindestens 12 Zeichen. Geben Sie es der Person auf sicherem Weg; sie ändert es nach der ersten Anmeldung unter „Mein Konto“.',
    en: 'At least 12 characters. Hand it over safely; the person changes it under “My account” after the first login.',
  },
  createOrganisation: { de: 'Organisation anlegen', en: 'Create organisation' },
  organisationCreated: { de: (name: string) => `${name} ist angelegt.`, en: (name: string) => `${name} has been created.` },
  staffLogin: { de: 'Anmeldung der Mitarbeitenden', en: 'Staff login' },
  loginWhere: {
    de: 'Die Administratorin oder der Administrator meldet sich hier an (die Anmeldung kennt die Organisation dann schon):',
    en: 'The administrator logs in here (the login then knows the organisation already):',
  },
  // field checks
  nameRequired: { de: 'Bitte geben Sie den Namen der Organisation ein.', en: 'Please enter the organisation’s name.' },
  slugInvalid: {
    de: 'Die Kennung besteht aus 2 bis 63 Kleinbuchstaben, Ziffern und Bindestrichen und beginnt mit einem Buchstaben oder einer Ziffer.',
    en: 'The slug has 2 to 63 lower-case letters, digits and hyphens and starts with a letter or digit.',
  },
  organisationHostInvalid: {
    de: (host: string) => `„${host}“ ist kein Hostname. Bitte nur den Namen angeben, z. B. „amtsweg.kleinstadt.de“ (ohne https:// und ohne Pfad).`,
    en: (host: string) => `“${host}” is not a host name. Please give the name only, e.g. “amtsweg.kleinstadt.de” (no https://, no path).`,
  },
  administratorNameRequired: { de: 'Bitte geben Sie den Namen der Person ein.', en: 'Please enter the person’s name.' },
  emailInvalid: { de: 'Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.', en: 'Please enter an email address such as name@example.org.' },
  passwordTooShort: { de: 'Das Passwort muss mindestens 12 Zeichen lang sein.', en: 'The password must be at least 12 characters long.' },
  // host names of one organisation
  hostsPageIntro: {
    de: 'Unter diesen Namen zeigt das Portal diese Organisation. Ein Name gehört zu höchstens einer Organisation. Entfernen Sie einen Namen, erreicht man das Portal darunter nicht mehr als diese Organisation.',
    en: 'Under these names the portal shows this organisation. A name belongs to one organisation at most. Remove a name and the portal under it no longer shows this organisation.',
  },
  saveHosts: { de: 'Hostnamen speichern', en: 'Save host names' },
  hostsSaved: { de: 'Die Hostnamen sind gespeichert.', en: 'The host names have been saved.' },
  organisationNotFound: { de: 'Diese Organisation gibt es nicht.', en: 'There is no such organisation.' },
} as const;
