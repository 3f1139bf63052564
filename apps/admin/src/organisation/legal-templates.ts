import type { LegalPageName } from './organisation-settings-api';

/** What marks a place the administrator still has to fill in; the editor counts them before saving. */
export const TO_COMPLETE = '[bitte ergänzen';
export const TO_COMPLETE_EN = '[to be completed';

/**
 * Starting texts with the usual sections of each legal page, German and English. Every place that only the
 * organisation can know is marked "[bitte ergänzen: …]" (English: "[to be completed: …]").
 */
export const LEGAL_TEMPLATES: Record<LegalPageName, { de: string; en: string }> = {
  imprint: {
    de: `## Herausgeber

[bitte ergänzen: Name der Behörde]
[bitte ergänzen: Straße und Hausnummer, Postleitzahl und Ort]

## Vertreten durch

[bitte ergänzen: Bürgermeisterin oder Bürgermeister bzw. Behördenleitung]

## Kontakt

- Telefon: [bitte ergänzen]
- E-Mail: [bitte ergänzen]

## Rechtsform und Aufsicht

[bitte ergänzen: z. B. Körperschaft des öffentlichen Rechts; zuständige Aufsichtsbehörde]

## Umsatzsteuer-Identifikationsnummer

[bitte ergänzen, falls vorhanden]

## Verantwortlich für den Inhalt

[bitte ergänzen: Name und Anschrift der verantwortlichen Person]
`,
    en: `## Publisher

[to be completed: name of the authority]
[to be completed: street, postcode and town]

## Represented by

[to be completed: mayor or head of the authority]

## Contact

- Phone: [to be completed]
- Email: [to be completed]

## Responsible for the content

[to be completed: name and address of the person responsible]
`,
  },
  privacy: {
    de: `## Verantwortliche Stelle

[bitte ergänzen: Name und Anschrift der Behörde, Kontakt]

## Datenschutzbeauftragte oder Datenschutzbeauftragter

[bitte ergänzen: Name oder Funktion, Anschrift, E-Mail-Adresse]

## Zwecke und Rechtsgrundlagen der Verarbeitung

Wir verarbeiten die Angaben, die Sie in einem Antrag machen, um Ihren Antrag zu bearbeiten (Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit [bitte ergänzen: Fachgesetz, z. B. Hundesteuersatzung]).

## Empfänger

[bitte ergänzen: an wen Daten weitergegeben werden, z. B. Fachverfahren, andere Behörden]

## Speicherdauer

[bitte ergänzen: wie lange Anträge und Vorgänge aufbewahrt werden]

## Ihre Rechte

Sie haben das Recht auf **Auskunft**, **Berichtigung**, **Löschung** und **Einschränkung der Verarbeitung** sowie das Recht, **Widerspruch** einzulegen (Art. 15 bis 21 DSGVO).

## Beschwerderecht

Sie können sich bei der Aufsichtsbehörde beschweren: [bitte ergänzen: Landesbeauftragte oder Landesbeauftragter für den Datenschutz, Anschrift]
`,
    en: `## Controller

[to be completed: name and address of the authority, contact]

## Data protection officer

[to be completed: name or function, address, email]

## Purposes and legal basis

We process the details you give in an application in order to decide on it (Art. 6(1)(e) GDPR together with [to be completed: the applicable law]).

## Your rights

You have the right of **access**, **rectification**, **erasure**, **restriction of processing** and to **object** (Art. 15 to 21 GDPR).

## Right to lodge a complaint

[to be completed: the supervisory authority and its address]
`,
  },
  accessibility: {
    de: `[bitte ergänzen: Name der Behörde] ist bemüht, ihre Online-Dienste im Einklang mit dem Behindertengleichstellungsgesetz und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen.

Diese Erklärung zur Barrierefreiheit gilt für das Antragsportal unter [bitte ergänzen: Adresse des Portals].

## Stand der Vereinbarkeit mit den Anforderungen

Dieses Portal ist [bitte ergänzen: vollständig / teilweise / nicht] mit der BITV 2.0 vereinbar.

## Nicht barrierefreie Inhalte

[bitte ergänzen: welche Inhalte nicht barrierefrei sind und warum, z. B. ältere PDF-Dokumente; oder: Uns sind keine nicht barrierefreien Inhalte bekannt.]

## Erstellung dieser Erklärung

Diese Erklärung wurde am [bitte ergänzen: Datum] erstellt. Grundlage ist [bitte ergänzen: eine Selbstbewertung / ein BITV-Test durch …].

## Feedback und Kontaktangaben

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie an die unten genannte Adresse für Rückmeldungen zur Barrierefreiheit, oder wenden Sie sich an [bitte ergänzen: zuständige Stelle, Telefon].

## Schlichtungsverfahren

Wenn auch nach Ihrer Rückmeldung keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die Schlichtungsstelle wenden: [bitte ergänzen: Schlichtungsstelle nach dem Landesrecht, z. B. bei der oder dem Landesbeauftragten für Menschen mit Behinderungen, mit Anschrift und Website].
`,
    en: `[to be completed: name of the authority] strives to make its online services accessible in accordance with the German Disability Equality Act and the BITV 2.0.

## Compliance status

This portal is [to be completed: fully / partially / not] compliant with the BITV 2.0.

## Non-accessible content

[to be completed]

## Preparation of this statement

This statement was prepared on [to be completed: date].

## Feedback and contact

Have you noticed barriers? Write to the feedback address given below.

## Enforcement procedure

[to be completed: the conciliation body and its address]
`,
  },
};
