import { describe, expect, it } from 'vitest';
import { composeApplicantMail, MAIL_OCCASIONS, type ServiceDefinition } from '@amtsweg/definitions';
import { deleteDeadline, setMailText, type EditResult } from '@amtsweg/editor';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { createExampleMailValues, EXAMPLE_CASE_PATH, findExampleAnswerPlaceholder } from './example-mail';

const TODAY = '2026-11-24';
const ORIGIN = 'https://amtsweg.example';

function example(): ServiceDefinition {
  return structuredClone(HUNDEANMELDUNG as ServiceDefinition);
}

function definitionOf(result: EditResult): ServiceDefinition {
  if (!result.ok) throw new Error(`refused: ${result.message.de}`);
  return result.definition;
}

describe('createExampleMailValues', () => {
  it.each(MAIL_OCCASIONS.flatMap((occasion) => (['de', 'en'] as const).map((language) => [occasion, language] as const)))(
    'fills every placeholder of the default %s mail in %s',
    (occasion, language) => {
      const mail = composeApplicantMail(example(), occasion, language, createExampleMailValues(example(), occasion, language, TODAY, ORIGIN));
      expect(mail?.subject).toContain('HUND-2026-00001');
      expect(mail?.text).toContain(`${ORIGIN}${EXAMPLE_CASE_PATH}`);
      expect(mail?.text).toContain('Stadt Musterstadt');
      expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/\{\{|\}\}/);
    },
  );

  it('names the last day of the answer deadline and the message of the request', () => {
    const values = createExampleMailValues(example(), 'informationRequested', 'de', TODAY, ORIGIN);
    expect(values.facts.case.deadline).toBe('08.12.2026');
    expect(values.facts.message).toBe('Für Ihre Hundeanmeldung brauchen wir noch Angaben von Ihnen.');
    const text = composeApplicantMail(example(), 'informationRequested', 'de', values)?.text;
    expect(text).toContain('Bitte antworten Sie bis zum 08.12.2026.');
    expect(createExampleMailValues(example(), 'informationRequested', 'en', TODAY, ORIGIN).facts).toMatchObject({
      case: { deadline: '08/12/2026', serviceTitle: 'Dog registration' },
      message: 'We need more information for your dog registration.',
    });
  });

  it('previews the request without a date when the waiting state has no deadline', () => {
    const open = definitionOf(deleteDeadline(example(), 'awaitingApplicant', 'answerDeadline'));
    const values = createExampleMailValues(open, 'informationRequested', 'de', TODAY, ORIGIN);
    expect(values.facts.case.deadline).toBe('');
    expect(composeApplicantMail(open, 'informationRequested', 'de', values)?.text).not.toContain('bis zum');
  });

  it('fills answers of the form with example data, formatted as in letters', () => {
    const own = definitionOf(setMailText(example(), 'received', 'subject', 'de', 'Eingang für {{holder.lastName}}, geboren {{holder.birthDate}} – {{case.reference}}'));
    const mail = composeApplicantMail(own, 'received', 'de', createExampleMailValues(own, 'received', 'de', TODAY, ORIGIN));
    expect(mail?.subject).toMatch(/^Eingang für Mustermann, geboren \d{2}\.\d{2}\.\d{4} – HUND-2026-00001$/);
  });

  it('gives the decision its outcome and a notice an example message', () => {
    expect(createExampleMailValues(example(), 'decided', 'de', TODAY, ORIGIN).facts.case.outcome).toBe('approved');
    expect(createExampleMailValues(example(), 'notice', 'de', TODAY, ORIGIN).facts.message).not.toBe('');
    expect(createExampleMailValues(example(), 'received', 'de', TODAY, ORIGIN).facts).toMatchObject({ message: '', case: { deadline: '', outcome: '' } });
  });
});

describe('findExampleAnswerPlaceholder', () => {
  it("names the applicant's last name field, else the first text field", () => {
    expect(findExampleAnswerPlaceholder(example())).toBe('{{holder.lastName}}');
    const unnamed = example();
    delete unnamed.settings.applicant;
    expect(findExampleAnswerPlaceholder(unnamed)).toBe('{{holder.firstName}}');
  });
});
