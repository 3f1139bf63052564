import { listExpressionFields, listTemplatePlaceholders, TEMPLATE_TEXT_PARTS } from '@amtsweg/definitions';
import type { DocumentTemplate, Expression, MailOccasion, MailText, ServiceDefinition } from '@amtsweg/definitions';
import { describeElement, describePage, nameIn, type EditText } from './element-names';
import { isSameOrInside, listFormElements } from './element-paths';
import { isMailFact, isTemplateFact } from './field-references';

/** What kind of place reads a field. */
export type UsageKind = 'condition' | 'calculation' | 'guard' | 'template' | 'applicant' | 'mail';

/** A place in the definition that reads a field. */
export interface FieldUsage {
  /** JSON pointer of the expression, template text or setting: `/form/pages/1/elements/0/elements/2/visibleIf`. */
  pointer: string;
  kind: UsageKind;
  /** The place as the designer knows it: „Sichtbarkeit von Feld „Welche Rasse?““. */
  label: EditText;
  /** The data paths read there that are the field or lie inside it. */
  paths: string[];
}

/**
 * Lists every place that reads an element or anything inside it: visibility and required conditions, calculations,
 * action guards, template placeholders (per text part and language), the applicant fields of the settings and
 * the placeholders of the applicant's e-mails (per occasion, part and language).
 * The Studio shows it as "Where is this used", and before deleting or moving an element.
 *
 * @example
 * findUsages(definition, 'dogs.listedBreed').map((u) => u.label.de)
 * // ['Sichtbarkeit von Feld „Negativzeugnis oder Wesenstest“', …, 'Bedingung der Aktion „Anmeldung bestätigen“ …']
 */
export function findUsages(definition: ServiceDefinition, path: string): FieldUsage[] {
  return listReadingPlaces(definition).flatMap((place) => {
    const paths = place.paths.filter((read) => isSameOrInside(read, path));
    return paths.length === 0 ? [] : [{ pointer: place.pointer, kind: place.kind, label: place.label, paths }];
  });
}

/** Every place of the definition that reads fields, with all the paths it reads, in definition order. */
function listReadingPlaces(definition: ServiceDefinition): FieldUsage[] {
  const places: FieldUsage[] = [];
  const addExpression = (expression: Expression | undefined, pointer: string, kind: UsageKind, label: EditText): void => {
    if (expression !== undefined) places.push({ pointer, kind, label, paths: listExpressionFields(expression) });
  };
  const elements = listFormElements(definition);
  definition.form.pages.forEach((page, index) => {
    const name = describePage(page);
    addExpression(page.visibleIf, `/form/pages/${index}/visibleIf`, 'condition', {
      de: `Sichtbarkeit von ${name.de}`,
      en: `Visibility of ${name.en}`,
    });
    for (const { element, pointer } of elements.filter((located) => located.pageIndex === index)) {
      const of = describeElement(element, 'dative');
      addExpression(element.visibleIf, `${pointer}/visibleIf`, 'condition', {
        de: `Sichtbarkeit von ${of.de}`,
        en: `Visibility of ${of.en}`,
      });
      if ('requiredIf' in element) {
        addExpression(element.requiredIf, `${pointer}/requiredIf`, 'condition', {
          de: `Bedingung für die Pflichtangabe von ${of.de}`,
          en: `Condition making ${of.en} required`,
        });
      }
      if (element.type === 'calculated') {
        addExpression(element.expression, `${pointer}/expression`, 'calculation', {
          de: `Berechnung von ${of.de}`,
          en: `Calculation of ${of.en}`,
        });
      }
    }
  });
  definition.process.states.forEach((state, s) => {
    (state.actions ?? []).forEach((action, a) => {
      addExpression(action.guard, `/process/states/${s}/actions/${a}/guard`, 'guard', {
        de: `Bedingung der Aktion „${nameIn(action.label, 'de', action.id)}“ im Status „${nameIn(state.label, 'de', state.id)}“`,
        en: `Condition of the action "${nameIn(action.label, 'en', action.id)}" in the state "${nameIn(state.label, 'en', state.id)}"`,
      });
    });
  });
  definition.documents.forEach((template, t) => places.push(...listTemplatePlaces(template, t)));
  const { applicant } = definition.settings;
  applicant?.nameFields.forEach((path, i) => {
    places.push({
      pointer: `/settings/applicant/nameFields/${i}`,
      kind: 'applicant',
      label: { de: 'Name der antragstellenden Person (Einstellungen)', en: "Applicant's name (settings)" },
      paths: [path],
    });
  });
  if (applicant?.emailField !== undefined) {
    places.push({
      pointer: '/settings/applicant/emailField',
      kind: 'applicant',
      label: { de: 'E-Mail-Adresse der antragstellenden Person (Einstellungen)', en: "Applicant's email address (settings)" },
      paths: [applicant.emailField],
    });
  }
  for (const [occasion, mail] of Object.entries(definition.settings.notifications ?? {}) as [MailOccasion, MailText][]) {
    places.push(...listMailPlaces(occasion, mail));
  }
  return places;
}

const MAIL_NAMES: Record<MailOccasion, EditText> = {
  received: { de: 'Eingang des Antrags', en: 'application received' },
  informationRequested: { de: 'Nachforderung', en: 'request for information' },
  reminder: { de: 'Erinnerung an die Frist', en: 'deadline reminder' },
  decided: { de: 'Entscheidung liegt bereit', en: 'decision ready' },
  notice: { de: 'Nachricht zum Antrag', en: 'message about the application' },
};

function listMailPlaces(occasion: MailOccasion, mail: MailText): FieldUsage[] {
  const places: FieldUsage[] = [];
  for (const part of ['subject', 'body'] as const) {
    for (const [language, text] of Object.entries(mail[part] ?? {})) {
      if (typeof text !== 'string') continue;
      const names = listTemplatePlaceholders(text)
        .map((placeholder) => placeholder.name)
        .filter((name) => !isMailFact(name));
      if (names.length === 0) continue;
      places.push({
        pointer: `/settings/notifications/${occasion}/${part}/${language}`,
        kind: 'mail',
        label: {
          de: `E-Mail „${MAIL_NAMES[occasion].de}“, ${part === 'subject' ? 'Betreff' : 'Text'} (${language})`,
          en: `E-mail "${MAIL_NAMES[occasion].en}", ${part === 'subject' ? 'subject' : 'text'} (${language})`,
        },
        paths: [...new Set(names)],
      });
    }
  }
  return places;
}

const PART_NAMES: Record<(typeof TEMPLATE_TEXT_PARTS)[number], EditText> = {
  title: { de: 'Titel', en: 'title' },
  authority: { de: 'Briefkopf', en: 'letterhead' },
  addressee: { de: 'Anschrift', en: 'address' },
  subject: { de: 'Betreff', en: 'subject' },
  operative: { de: 'Tenor', en: 'operative part' },
  reasoning: { de: 'Begründung', en: 'reasons' },
  legalRemedy: { de: 'Rechtsbehelfsbelehrung', en: 'notice of legal remedies' },
  body: { de: 'Text', en: 'text' },
};

function listTemplatePlaces(template: DocumentTemplate, index: number): FieldUsage[] {
  const places: FieldUsage[] = [];
  for (const part of TEMPLATE_TEXT_PARTS) {
    for (const [language, text] of Object.entries(template[part] ?? {})) {
      if (typeof text !== 'string') continue;
      const names = listTemplatePlaceholders(text)
        .map((placeholder) => placeholder.name)
        .filter((name) => !isTemplateFact(name));
      if (names.length === 0) continue;
      places.push({
        pointer: `/documents/${index}/${part}/${language}`,
        kind: 'template',
        label: {
          de: `Vorlage „${nameIn(template.title, 'de', template.id)}“, ${PART_NAMES[part].de} (${language})`,
          en: `Template "${nameIn(template.title, 'en', template.id)}", ${PART_NAMES[part].en} (${language})`,
        },
        paths: [...new Set(names)],
      });
    }
  }
  return places;
}
