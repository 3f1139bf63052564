import { indexFormElements, type LocalizedText, type MailOccasion, type MailValues, type ProcessAction, type ServiceDefinition } from '@amtsweg/definitions';
import { exampleData } from '@amtsweg/forms/example-answers';
import { daysOf } from '../area-controls/iso-duration';
import { formatReferenceExample } from '../area-controls/reference-example';
import { createValueFormatter, EXAMPLE_ORGANISATION, formatLetterDate } from '../documents/example-data';

// Example values for the preview of the applicant's e-mails, filled as the server fills them when it sends one
// (apps/server/src/jobs/send-applicant-mail.ts); the answers are `exampleData`, as in the letter preview.

/** The case page an example e-mail links to; a real one names the case's id. */
export const EXAMPLE_CASE_PATH = '/antraege/3f6c2a9e-5b1d-4e7a-9c2f-8d0b1e4a7c55';

/** Says something to the applicant when an action has no message of its own to show. */
const EXAMPLE_MESSAGE: Record<'de' | 'en', string> = {
  de: 'Bitte reichen Sie noch einen Nachweis ein.',
  en: 'Please send us one more document.',
};

function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The actions with the state they lead to. */
function listMoves(definition: ServiceDefinition): { action: ProcessAction; kind: string | undefined }[] {
  const kinds = new Map(definition.process.states.map((state) => [state.id, state.kind]));
  return definition.process.states.flatMap((state) => (state.actions ?? []).map((action) => ({ action, kind: kinds.get(action.target) })));
}

/** The first `notifyApplicant` message of the moves into states of the given kinds (any kind without). */
function findMessage(definition: ServiceDefinition, kinds?: readonly (string | undefined)[]): LocalizedText | undefined {
  for (const { action, kind } of listMoves(definition)) {
    if (kinds && !kinds.includes(kind)) continue;
    for (const effect of action.effects ?? []) if (effect.type === 'notifyApplicant') return effect.message;
  }
  return undefined;
}

/**
 * The deadline an example e-mail names: for a request for information the first deadline of a state waiting
 * for the applicant (none: the mail without a date), for a reminder the first deadline that reminds.
 */
function findExampleDeadline(definition: ServiceDefinition, occasion: MailOccasion): string | undefined {
  const waiting = definition.process.states.filter((state) => state.kind === 'waiting').flatMap((state) => state.deadlines ?? []);
  if (occasion === 'informationRequested') return waiting[0]?.after;
  if (occasion === 'reminder') return (waiting.find((deadline) => deadline.remindBefore !== undefined) ?? waiting[0])?.after ?? 'P14D';
  return undefined;
}

/**
 * What the preview of an e-mail fills its placeholders with: example answers (`exampleData`), an example
 * reference after the service's pattern, today as the day received and sent, the example organisation, a case
 * link on `origin`, the last day of the service's first fitting deadline (counted from today; a deadline in
 * months counts as 14 days), and the message of the first action that sends one on this occasion. `answers`
 * spares working out the example answers again for every e-mail of one form.
 *
 * @example
 * composeApplicantMail(definition, 'received', 'de', createExampleMailValues(definition, 'received', 'de', '2026-11-24', 'https://amtsweg.example'))
 */
export function createExampleMailValues(
  definition: ServiceDefinition,
  occasion: MailOccasion,
  language: 'de' | 'en',
  today: string,
  origin: string,
  answers: Record<string, unknown> = exampleData(definition.form, { today }),
): MailValues {
  const deadline = findExampleDeadline(definition, occasion);
  const message =
    occasion === 'informationRequested'
      ? findMessage(definition, ['waiting'])
      : occasion === 'decided'
        ? findMessage(definition, ['final'])
        : occasion === 'notice'
          ? (findMessage(definition, ['task', 'automatic']) ?? EXAMPLE_MESSAGE)
          : undefined;
  const outcome = occasion === 'decided' ? (definition.process.states.find((state) => state.kind === 'final')?.outcome ?? '') : '';
  return {
    data: answers,
    formatValue: createValueFormatter(definition, language),
    facts: {
      case: {
        reference: formatReferenceExample(definition.settings.referencePattern, today),
        receivedAt: formatLetterDate(today, language),
        date: formatLetterDate(today, language),
        outcome,
        serviceTitle: definition.title[language] ?? definition.title.de,
        statusLink: `${origin}${EXAMPLE_CASE_PATH}`,
        deadline: deadline === undefined ? '' : formatLetterDate(addDays(today, daysOf(deadline) ?? 14), language),
      },
      organisation: { ...EXAMPLE_ORGANISATION },
      message: message === undefined ? '' : (message[language] ?? message.de),
    },
  };
}

/**
 * A placeholder for an answer to show the designer as an example: the applicant's last name field where the
 * settings name one, else the first text field outside lists, else `holder.lastName`.
 *
 * @example
 * findExampleAnswerPlaceholder(definition) // '{{holder.lastName}}'
 */
export function findExampleAnswerPlaceholder(definition: ServiceDefinition): string {
  const named = definition.settings.applicant?.nameFields.at(-1);
  const text = [...indexFormElements(definition.form).values()].find((field) => field.repeats.length === 0 && field.element.type === 'text')?.path;
  return `{{${named ?? text ?? 'holder.lastName'}}}`;
}
