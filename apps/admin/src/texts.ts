import { ORGANISATIONS_TEXTS } from './organisations/organisations-texts';
import { STAFF_TEXTS } from './staff/staff-texts';
import { ORGANISATION_SETTINGS_TEXTS } from './organisation/organisation-texts';
import { TOKENS_TEXTS } from './tokens/tokens-texts';
import { AUDIT_TEXTS } from './audit/audit-texts';

/** The administration's words in German and English; service titles come from the definitions. */
export const TEXTS = {
  ...STAFF_TEXTS,
  ...TOKENS_TEXTS,
  ...AUDIT_TEXTS,
  ...ORGANISATIONS_TEXTS,
  ...ORGANISATION_SETTINGS_TEXTS,
  appName: { de: 'Administration', en: 'Administration' },
  areas: { de: 'Bereiche der Administration', en: 'Administration areas' },
  loading: { de: 'Wird geladen …', en: 'Loading …' },
  loadFailed: { de: 'Das konnte nicht geladen werden.', en: 'This could not be loaded.' },
  tryAgain: { de: 'Erneut versuchen', en: 'Try again' },
  problemTitle: { de: 'Bitte korrigieren Sie Folgendes', en: 'There is a problem' },
  saveFailed: { de: 'Das konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.', en: 'This could not be saved. Please try again.' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  optional: { de: '(optional)', en: '(optional)' },
  // without the permission
  noPermissionTitle: { de: 'Dafür fehlt Ihnen die Berechtigung', en: 'You do not have permission for this' },
  noPermissionText: {
    de: (name: string) =>
      `Sie sind als ${name} angemeldet. Die Administration ist Administratorinnen und Administratoren Ihrer Organisation vorbehalten. Wenn Sie hier etwas einstellen müssen, wenden Sie sich an eine Administratorin oder einen Administrator.`,
    en: (name: string) =>
      `You are logged in as ${name}. The administration is reserved for your organisation’s administrators. If you need something set up here, please ask an administrator.`,
  },
  goToInbox: { de: 'Zum Posteingang', en: 'Go to the inbox' },
  goToStudio: { de: 'Zum Studio', en: 'Go to the Studio' },
  // webhooks overview
  webhooksTitle: { de: 'Webhooks', en: 'Webhooks' },
  webhooksIntro: {
    de: 'Webhooks melden, was mit den Vorgängen eines Dienstes geschieht – ein Antrag geht ein, sein Stand ändert sich, er wird entschieden –, an ein Fachverfahren oder ein anderes System Ihrer Verwaltung. Amtsweg schickt jedes Ereignis als signierte HTTP-POST-Anfrage an die Adressen, die Sie hier registrieren.',
    en: 'Webhooks tell a specialist system or another system of your authority what happens to a service’s cases – an application arrives, its state changes, it is decided. Amtsweg sends each event as a signed HTTP POST request to the addresses you register here.',
  },
  // allowed destinations
  hostsTitle: { de: 'Erlaubte Ziele', en: 'Allowed destinations' },
  hostsIntro: {
    de: 'Webhooks erreichen nur Hosts, die hier stehen; eine Adresse auf einem anderen Host lässt sich nicht registrieren, und an einen Host, den Sie entfernen, wird nichts mehr gesendet.',
    en: 'Webhooks reach only hosts listed here; an address on another host cannot be registered, and nothing is sent any more to a host you remove.',
  },
  hostsEmpty: {
    de: 'Noch ist kein Ziel erlaubt. Tragen Sie zuerst den Host Ihres Empfängers ein; erst dann lassen sich Endpunkte registrieren.',
    en: 'No destination is allowed yet. Add your receiver’s host first; only then can endpoints be registered.',
  },
  hostsListLabel: { de: 'Erlaubte Hosts', en: 'Allowed hosts' },
  hostUsedBy: { de: (n: number) => (n === 1 ? 'von 1 Endpunkt genutzt' : `von ${n} Endpunkten genutzt`), en: (n: number) => (n === 1 ? 'used by 1 endpoint' : `used by ${n} endpoints`) },
  removeHost: { de: 'Entfernen', en: 'Remove' },
  newHost: { de: 'Neues Ziel', en: 'New destination' },
  newHostHint: {
    de: 'Nur der Host-Name, ohne https:// und ohne Pfad, z. B. fachverfahren.musterstadt.de; optional mit Port (127.0.0.1:8443) – ohne Port ist jeder Port erlaubt –, oder *.musterstadt.de für alle Unterdomänen.',
    en: 'The host name only, without https:// and without a path, e.g. fachverfahren.musterstadt.de; optionally with a port (127.0.0.1:8443) – without a port any port is allowed –, or *.musterstadt.de for all its subdomains.',
  },
  addHost: { de: 'Ziel erlauben', en: 'Allow destination' },
  hostRequired: { de: 'Geben Sie den Host-Namen des Empfängers ein.', en: 'Enter the receiver’s host name.' },
  hostInvalid: {
    de: (value: string) =>
      `„${value}“ ist kein Host-Name. Geben Sie nur den Host an – ohne https:// und ohne Pfad –, optional mit :Port, oder *.domain, z. B. fachverfahren.musterstadt.de.`,
    en: (value: string) => `“${value}” is not a host name. Enter the host only – without https:// and without a path –, optionally with :port, or *.domain, e.g. fachverfahren.musterstadt.de.`,
  },
  hostDuplicate: { de: (value: string) => `„${value}“ ist bereits erlaubt.`, en: (value: string) => `“${value}” is already allowed.` },
  hostTooMany: { de: 'Es können höchstens 100 Ziele erlaubt werden.', en: 'At most 100 destinations can be allowed.' },
  hostAdded: { de: (value: string) => `„${value}“ ist jetzt erlaubt.`, en: (value: string) => `“${value}” is now allowed.` },
  hostRemoved: { de: (value: string) => `„${value}“ ist nicht mehr erlaubt.`, en: (value: string) => `“${value}” is no longer allowed.` },
  // endpoints
  endpointsTitle: { de: 'Endpunkte', en: 'Endpoints' },
  endpointsEmpty: { de: 'Noch ist kein Endpunkt registriert.', en: 'No endpoint is registered yet.' },
  registerEndpoint: { de: 'Endpunkt registrieren', en: 'Register an endpoint' },
  endpointsOf: { de: (service: string) => `Endpunkte für „${service}“`, en: (service: string) => `Endpoints for “${service}”` },
  unknownService: { de: (id: string) => `Dienst ohne veröffentlichte Fassung (${id})`, en: (id: string) => `Service without a published version (${id})` },
  address: { de: 'Adresse', en: 'Address' },
  description: { de: 'Beschreibung', en: 'Description' },
  events: { de: 'Ereignisse', en: 'Events' },
  state: { de: 'Zustand', en: 'State' },
  active: { de: 'eingeschaltet', en: 'switched on' },
  inactive: { de: 'abgeschaltet', en: 'switched off' },
  // event names
  'event.case.submitted': { de: 'Antrag eingegangen', en: 'Application received' },
  'event.case.stateChanged': { de: 'Stand geändert', en: 'State changed' },
  'event.case.decided': { de: 'Entschieden', en: 'Decided' },
  'event.ping': { de: 'Testereignis', en: 'Test event' },
  // endpoint form
  backToWebhooks: { de: 'Zurück zu den Webhooks', en: 'Back to the webhooks' },
  service: { de: 'Dienst', en: 'Service' },
  serviceHint: { de: 'Die Ereignisse der Vorgänge dieses Dienstes werden gemeldet.', en: 'The events of this service’s cases are reported.' },
  chooseService: { de: 'Bitte wählen', en: 'Please choose' },
  noServices: { de: 'Es ist noch kein Dienst veröffentlicht; ein Endpunkt gehört immer zu einem Dienst.', en: 'No service is published yet; an endpoint always belongs to a service.' },
  url: { de: 'Adresse des Empfängers', en: 'Receiver address' },
  urlHint: {
    de: (hosts: string) => `Die vollständige http(s)-Adresse, an die Amtsweg sendet, z. B. https://fachverfahren.musterstadt.de/amtsweg. Erlaubte Hosts: ${hosts}.`,
    en: (hosts: string) => `The full http(s) address Amtsweg sends to, e.g. https://fachverfahren.musterstadt.de/amtsweg. Allowed hosts: ${hosts}.`,
  },
  noHostsYet: { de: 'noch keine – tragen Sie sie unter „Erlaubte Ziele“ ein', en: 'none yet – add them under “Allowed destinations”' },
  eventsHint: { de: 'Welche Ereignisse an diese Adresse gemeldet werden.', en: 'Which events are reported to this address.' },
  descriptionHint: { de: 'Wofür der Endpunkt da ist, z. B. „Fachverfahren Hundesteuer“.', en: 'What the endpoint is for, e.g. “Dog tax system”.' },
  serviceRequired: { de: 'Wählen Sie den Dienst, dessen Ereignisse gemeldet werden.', en: 'Choose the service whose events are reported.' },
  urlRequired: { de: 'Geben Sie die Adresse des Empfängers ein.', en: 'Enter the receiver’s address.' },
  urlInvalid: {
    de: 'Geben Sie eine vollständige Adresse ein, die mit http:// oder https:// beginnt, ohne Zugangsdaten, z. B. https://fachverfahren.musterstadt.de/amtsweg.',
    en: 'Enter a full address starting with http:// or https://, without credentials, e.g. https://fachverfahren.musterstadt.de/amtsweg.',
  },
  eventsRequired: { de: 'Wählen Sie mindestens ein Ereignis.', en: 'Choose at least one event.' },
  descriptionTooLong: { de: 'Die Beschreibung darf höchstens 200 Zeichen lang sein.', en: 'The description may be at most 200 characters long.' },
  fieldInvalid: { de: 'Diese Angabe ist ungültig.', en: 'This entry is invalid.' },
  saveChanges: { de: 'Änderungen speichern', en: 'Save changes' },
  // endpoint page
  endpointTitle: { de: (name: string) => `Endpunkt ${name}`, en: (name: string) => `Endpoint ${name}` },
  endpointMissing: { de: 'Diesen Endpunkt gibt es nicht (mehr).', en: 'This endpoint does not exist (any more).' },
  registeredAt: { de: 'Registriert', en: 'Registered' },
  registered: { de: 'Der Endpunkt ist registriert.', en: 'The endpoint is registered.' },
  sendTest: { de: 'Testereignis senden', en: 'Send a test event' },
  testSent: { de: 'Das Testereignis ist unterwegs; es erscheint unten bei den Zustellungen.', en: 'The test event is on its way; it appears below among the deliveries.' },
  switchOff: { de: 'Abschalten', en: 'Switch off' },
  switchOn: { de: 'Einschalten', en: 'Switch on' },
  switchedOff: {
    de: 'Der Endpunkt ist abgeschaltet: Er erhält keine neuen Ereignisse, und Zustellungen, die noch warten, werden bei ihrem nächsten Versuch als fehlgeschlagen vermerkt.',
    en: 'The endpoint is switched off: it receives no new events, and deliveries still waiting are marked as failed at their next attempt.',
  },
  switchedOn: { de: 'Der Endpunkt ist eingeschaltet und erhält wieder Ereignisse.', en: 'The endpoint is switched on and receives events again.' },
  edit: { de: 'Bearbeiten', en: 'Edit' },
  editTitle: { de: 'Endpunkt bearbeiten', en: 'Edit the endpoint' },
  saved: { de: 'Die Änderungen sind gespeichert.', en: 'The changes are saved.' },
  newSecret: { de: 'Neuen Schlüssel erzeugen', en: 'Create a new secret' },
  newSecretConfirm: {
    de: 'Der bisherige Schlüssel gilt dann sofort nicht mehr: Ab jetzt wird jede Zustellung mit dem neuen signiert. Tragen Sie ihn gleich beim Empfänger ein.',
    en: 'The current secret stops working at once: from now on every delivery is signed with the new one. Enter it at the receiver straight away.',
  },
  delete: { de: 'Löschen', en: 'Delete' },
  deleteConfirm: {
    de: 'Endpunkt wirklich löschen? Seine Zustellungen werden mit gelöscht, und der Empfänger erhält nichts mehr.',
    en: 'Really delete the endpoint? Its deliveries are deleted with it, and the receiver gets nothing more.',
  },
  deleteYes: { de: 'Ja, endgültig löschen', en: 'Yes, delete it for good' },
  deleted: { de: (name: string) => `Der Endpunkt ${name} ist gelöscht.`, en: (name: string) => `The endpoint ${name} is deleted.` },
  // secret
  secretTitle: { de: 'Signaturschlüssel – nur jetzt sichtbar', en: 'Signing secret – visible only now' },
  secretLabel: { de: 'Signaturschlüssel', en: 'Signing secret' },
  secretNote: {
    de: 'Amtsweg zeigt diesen Schlüssel nur jetzt, ein einziges Mal. Kopieren Sie ihn und hinterlegen Sie ihn beim Empfänger, der damit jede Zustellung prüft. Geht er verloren, erzeugen Sie einen neuen.',
    en: 'Amtsweg shows this secret only now, this once. Copy it and store it at the receiver, which checks every delivery with it. If it is lost, create a new one.',
  },
  copy: { de: 'Schlüssel kopieren', en: 'Copy the secret' },
  copied: { de: 'Der Schlüssel ist in der Zwischenablage.', en: 'The secret is on the clipboard.' },
  copyFailed: {
    de: 'Kopieren ging nicht; der Schlüssel ist im Feld markiert – kopieren Sie ihn mit Strg+C.',
    en: 'Copying did not work; the secret is selected in the field – copy it with Ctrl+C.',
  },
  secretDone: { de: 'Ich habe den Schlüssel gespeichert', en: 'I have stored the secret' },
  // deliveries
  deliveriesTitle: { de: 'Zustellungen', en: 'Deliveries' },
  deliveriesIntro: {
    de: 'Jedes Ereignis ist eine Zustellung mit ihren Versuchen, die neuesten zuerst.',
    en: 'Each event is one delivery with its attempts, newest first.',
  },
  statusFilter: { de: 'Status', en: 'Status' },
  allStatuses: { de: 'Alle', en: 'All' },
  'status.delivered': { de: 'zugestellt', en: 'delivered' },
  'status.pending': { de: 'wartet', en: 'waiting' },
  'status.failed': { de: 'fehlgeschlagen', en: 'failed' },
  refresh: { de: 'Aktualisieren', en: 'Refresh' },
  deliveriesCount: { de: (n: number) => (n === 1 ? '1 Zustellung' : `${n} Zustellungen`), en: (n: number) => (n === 1 ? '1 delivery' : `${n} deliveries`) },
  noDeliveries: { de: 'Keine Zustellungen.', en: 'No deliveries.' },
  event: { de: 'Ereignis', en: 'Event' },
  status: { de: 'Status', en: 'Status' },
  attempts: { de: 'Versuche', en: 'Attempts' },
  created: { de: 'Erstellt', en: 'Created' },
  nextAttempt: { de: 'Nächster Versuch', en: 'Next attempt' },
  action: { de: 'Aktion', en: 'Action' },
  deliveryId: { de: 'Zustellungs-ID', en: 'Delivery id' },
  noAttempt: { de: 'noch keiner', en: 'none yet' },
  showAttempts: { de: (n: number) => (n === 1 ? '1 Versuch' : `${n} Versuche`), en: (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`) },
  attemptsOf: { de: (event: string) => `Versuche der Zustellung „${event}“`, en: (event: string) => `Attempts of the delivery “${event}”` },
  lastAttempt: { de: 'Letzter Versuch', en: 'Last attempt' },
  deliveredAt: { de: (at: string) => `am ${at}`, en: (at: string) => `on ${at}` },
  durationMs: { de: (ms: number) => `${ms} ms`, en: (ms: number) => `${ms} ms` },
  retry: { de: 'Erneut senden', en: 'Send again' },
  attemptEndpointOff: { de: 'nicht gesendet: der Endpunkt ist abgeschaltet', en: 'not sent: the endpoint is switched off' },
  attemptHostNotAllowed: { de: 'nicht gesendet: der Host steht nicht (mehr) auf der Liste erlaubter Ziele', en: 'not sent: the host is not (or no longer) on the list of allowed destinations' },
  retried: { de: 'Die Zustellung wird erneut gesendet.', en: 'The delivery is being sent again.' },
  // how receivers verify
  verifyTitle: { de: 'So prüft der Empfänger eine Zustellung', en: 'How the receiver checks a delivery' },
  verifyIntro: {
    de: 'Jede Zustellung ist eine POST-Anfrage mit JSON im Rumpf und diesen Kopfzeilen:',
    en: 'Every delivery is a POST request with JSON in its body and these headers:',
  },
  headerDelivery: {
    de: 'Die ID der Zustellung, bei jedem Versuch dieselbe. Der Empfänger merkt sie sich und verarbeitet eine ID nur einmal.',
    en: 'The delivery’s id, the same on every attempt. The receiver remembers it and processes each id only once.',
  },
  headerEvent: { de: 'Das Ereignis, z. B. case.submitted oder ping.', en: 'The event, e.g. case.submitted or ping.' },
  headerTimestamp: { de: 'Zeitpunkt des Versands in Sekunden seit 1970 (Unix-Zeit).', en: 'When it was sent, in seconds since 1970 (Unix time).' },
  headerSignature: {
    de: 'v1= und der hexadezimale HMAC-SHA256 über „<Timestamp>.<Rumpf>“ mit dem Signaturschlüssel.',
    en: 'v1= and the hexadecimal HMAC-SHA256 of “<timestamp>.<body>” with the signing secret.',
  },
  verifySteps: {
    de: 'Der Empfänger berechnet die Signatur selbst über den unveränderten Rumpf, wie er ankam, vergleicht sie in konstanter Zeit mit der Kopfzeile und weist Zeitstempel zurück, die älter als ein paar Minuten sind.',
    en: 'The receiver computes the signature itself over the raw body as it arrived, compares it with the header in constant time, and refuses timestamps older than a few minutes.',
  },
  verifyRetries: {
    de: 'Antwortet der Empfänger nicht mit 2xx, versucht Amtsweg es erneut – zuerst nach 30 Sekunden, dann mit jeweils doppelter Wartezeit bis höchstens 6 Stunden, insgesamt 15 Versuche über mehr als einen Tag. Danach gilt die Zustellung als „fehlgeschlagen“ und lässt sich hier von Hand erneut senden.',
    en: 'If the receiver does not answer with 2xx, Amtsweg tries again – first after 30 seconds, then waiting twice as long each time up to 6 hours, 15 tries over more than a day in all. After that the delivery counts as “failed” and can be sent again by hand here.',
  },
} as const;
