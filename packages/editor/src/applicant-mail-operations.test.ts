import { checkDefinition, composeApplicantMail, DEFAULT_APPLICANT_MAILS, MAIL_OCCASIONS, type MailOccasion, type MailValues } from '@amtsweg/definitions';
import { describe, expect, it } from 'vitest';
import {
  customizeMailText,
  findDefaultMailText,
  hasOwnMailText,
  listMailLanguages,
  resetMailText,
  setMailEnabled,
  setMailText,
} from './applicant-mail-operations';
import { deleteDeadline } from './deadline-operations';
import { createProcessDefinition, expectEdited, expectRefused, loadHundeanmeldung } from './process-test-fixtures';

const VALUES: MailValues = {
  data: { holder: { firstName: 'Erika', lastName: 'Mustermann' } },
  formatValue: (_path, value) => String(value),
  facts: {
    case: {
      reference: 'HUND-2026-00001',
      receivedAt: '01.12.2026',
      date: '06.12.2026',
      outcome: '',
      serviceTitle: 'Hundeanmeldung',
      statusLink: 'https://amtsweg.example/antraege/1',
      deadline: '15.12.2026',
    },
    organisation: { name: 'Stadt Musterstadt', address: 'Rathausplatz 1' },
    message: 'Bitte senden Sie den Impfpass.',
  },
};

describe('listMailLanguages', () => {
  it('writes e-mails in German, and in English when the service offers it', () => {
    expect(listMailLanguages(loadHundeanmeldung())).toEqual(['de', 'en']);
    expect(listMailLanguages(createProcessDefinition())).toEqual(['de']);
    expect(listMailLanguages({ settings: { ...createProcessDefinition().settings, languages: ['de', 'tr'] } })).toEqual(['de']);
  });
});

describe('customizeMailText', () => {
  it.each(MAIL_OCCASIONS)('starts the %s mail from the default in every mail language, sending the same mail', (occasion) => {
    const definition = loadHundeanmeldung();
    const changed = expectEdited(customizeMailText(definition, occasion));
    expect(changed.settings.notifications?.[occasion]).toEqual({
      subject: DEFAULT_APPLICANT_MAILS[occasion].subject,
      body: DEFAULT_APPLICANT_MAILS[occasion].body,
    });
    expect(hasOwnMailText(changed, occasion)).toBe(true);
    for (const language of ['de', 'en'] as const) {
      expect(composeApplicantMail(changed, occasion, language, VALUES)).toEqual(composeApplicantMail(definition, occasion, language, VALUES));
    }
    expect(checkDefinition(changed)).toEqual(checkDefinition(definition));
  });

  it('offers only German to a German-only service', () => {
    const changed = expectEdited(customizeMailText(createProcessDefinition(), 'received'));
    expect(changed.settings.notifications?.received).toEqual({
      subject: { de: DEFAULT_APPLICANT_MAILS.received.subject.de },
      body: { de: DEFAULT_APPLICANT_MAILS.received.body.de },
    });
    expect(checkDefinition(changed)).toEqual([]);
  });

  it('keeps what the service already words itself', () => {
    const own = expectEdited(setMailText(loadHundeanmeldung(), 'received', 'subject', 'de', 'Eingang {{case.reference}}'));
    const changed = expectEdited(customizeMailText(own, 'received'));
    expect(changed.settings.notifications?.received?.subject).toEqual({ de: 'Eingang {{case.reference}}', en: DEFAULT_APPLICANT_MAILS.received.subject.en });
    expect(changed.settings.notifications?.received?.body).toEqual(DEFAULT_APPLICANT_MAILS.received.body);
  });

  it('starts a request for information without the deadline’s date when a waiting state has no deadline', () => {
    const withDeadline = findDefaultMailText(loadHundeanmeldung(), 'informationRequested');
    expect(withDeadline.body.de).toContain('{{case.deadline}}');
    const open = expectEdited(deleteDeadline(loadHundeanmeldung(), 'awaitingApplicant', 'answerDeadline'));
    expect(findDefaultMailText(open, 'informationRequested').body).toEqual(DEFAULT_APPLICANT_MAILS.informationRequestedOpenEnded.body);
  });
});

describe('setMailText', () => {
  it('sets the German subject with a placeholder of the form; English keeps the default wording', () => {
    const changed = expectEdited(setMailText(loadHundeanmeldung(), 'received', 'subject', 'de', 'Ihre Hundeanmeldung, {{holder.lastName}} – {{case.reference}}'));
    expect(changed.settings.notifications).toEqual({
      received: { subject: { de: 'Ihre Hundeanmeldung, {{holder.lastName}} – {{case.reference}}', en: DEFAULT_APPLICANT_MAILS.received.subject.en } },
    });
    expect(composeApplicantMail(changed, 'received', 'de', VALUES)?.subject).toBe('Ihre Hundeanmeldung, Mustermann – HUND-2026-00001');
    expect(composeApplicantMail(changed, 'received', 'en', VALUES)?.subject).toBe('Your application has been received – HUND-2026-00001');
    expect(checkDefinition(changed)).toEqual(checkDefinition(loadHundeanmeldung()));
  });

  it('changes one language of a text the service words itself', () => {
    const own = expectEdited(customizeMailText(loadHundeanmeldung(), 'reminder'));
    const changed = expectEdited(setMailText(own, 'reminder', 'body', 'en', 'Please reply by {{case.deadline}}.'));
    expect(changed.settings.notifications?.reminder?.body).toEqual({ de: DEFAULT_APPLICANT_MAILS.reminder.body.de, en: 'Please reply by {{case.deadline}}.' });
  });

  it('removes an emptied translation and keeps an emptied German text for the checks to report', () => {
    const own = expectEdited(customizeMailText(loadHundeanmeldung(), 'received'));
    const noEnglish = expectEdited(setMailText(own, 'received', 'subject', 'en', ''));
    expect(noEnglish.settings.notifications?.received?.subject).toEqual({ de: DEFAULT_APPLICANT_MAILS.received.subject.de });
    expect(checkDefinition(noEnglish)).toContainEqual(
      expect.objectContaining({ code: 'MISSING_TRANSLATION', path: '/settings/notifications/received/subject/en', severity: 'warning' }),
    );
    const noGerman = expectEdited(setMailText(own, 'received', 'subject', 'de', ''));
    expect(checkDefinition(noGerman)).toContainEqual(
      expect.objectContaining({ code: 'MISSING_GERMAN_TEXT', path: '/settings/notifications/received/subject/de', severity: 'error' }),
    );
  });

  it('leaves an unknown placeholder for the checks to report at its text', () => {
    const changed = expectEdited(setMailText(loadHundeanmeldung(), 'decided', 'body', 'de', 'Guten Tag {{holder.nickname}}'));
    expect(checkDefinition(changed)).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', path: '/settings/notifications/decided/body/de' }));
  });

  it.each([
    ['a language the service is not offered in', createProcessDefinition(), 'subject', 'en', 'Received', 'nicht in der Sprache „en“'],
    ['a language e-mails are not written in', loadHundeanmeldung(), 'subject', 'tr', 'Alındı', 'nicht in der Sprache „tr“'],
    ['a subject of more than 500 characters', loadHundeanmeldung(), 'subject', 'de', 'x'.repeat(501), 'Der Betreff darf höchstens 500 Zeichen haben.'],
    ['a text of more than 20,000 characters', loadHundeanmeldung(), 'body', 'de', 'x'.repeat(20_001), 'Der Text darf höchstens 20.000 Zeichen haben.'],
  ] as const)('refuses %s', (_, definition, part, language, text, message) => {
    expect(expectRefused(setMailText(definition, 'received', part, language, text)).de).toContain(message);
  });
});

describe('resetMailText', () => {
  it('goes back to the default and removes the empty setting', () => {
    const own = expectEdited(setMailText(loadHundeanmeldung(), 'received', 'subject', 'de', 'Eingang'));
    const reset = expectEdited(resetMailText(own, 'received'));
    expect(reset.settings).not.toHaveProperty('notifications');
    expect(reset).toEqual(loadHundeanmeldung());
  });

  it('keeps an e-mail turned off, and the other e-mails’ texts', () => {
    let definition = expectEdited(customizeMailText(loadHundeanmeldung(), 'decided'));
    definition = expectEdited(setMailEnabled(definition, 'decided', false));
    definition = expectEdited(customizeMailText(definition, 'received'));
    const reset = expectEdited(resetMailText(definition, 'decided'));
    expect(reset.settings.notifications?.decided).toEqual({ enabled: false });
    expect(hasOwnMailText(reset, 'decided')).toBe(false);
    expect(hasOwnMailText(reset, 'received')).toBe(true);
  });
});

describe('setMailEnabled', () => {
  it('turns an e-mail off, so none is composed, and on again without leaving a trace', () => {
    const off = expectEdited(setMailEnabled(loadHundeanmeldung(), 'decided', false));
    expect(off.settings.notifications).toEqual({ decided: { enabled: false } });
    expect(composeApplicantMail(off, 'decided', 'de', VALUES)).toBeNull();
    expect(checkDefinition(off)).toEqual(checkDefinition(loadHundeanmeldung()));
    const on = expectEdited(setMailEnabled(off, 'decided', true));
    expect(on).toEqual(loadHundeanmeldung());
  });

  it('keeps the own wording while the e-mail is off', () => {
    const own = expectEdited(setMailText(loadHundeanmeldung(), 'notice', 'subject', 'de', 'Neuigkeiten'));
    const off = expectEdited(setMailEnabled(own, 'notice', false));
    expect(off.settings.notifications?.notice).toMatchObject({ enabled: false, subject: { de: 'Neuigkeiten' } });
    expect(expectEdited(setMailEnabled(off, 'notice', true)).settings.notifications?.notice).toEqual(own.settings.notifications?.notice);
  });
});

describe('unknown occasions', () => {
  it('are refused by every operation', () => {
    const occasion = 'birthday' as MailOccasion;
    const definition = loadHundeanmeldung();
    for (const result of [
      customizeMailText(definition, occasion),
      setMailText(definition, occasion, 'subject', 'de', 'x'),
      resetMailText(definition, occasion),
      setMailEnabled(definition, occasion, false),
    ]) {
      expect(expectRefused(result).de).toBe('Eine E-Mail für den Anlass „birthday“ gibt es nicht.');
    }
  });
});
