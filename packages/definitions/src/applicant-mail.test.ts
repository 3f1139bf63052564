import { describe, expect, it } from 'vitest';
import { composeApplicantMail, DEFAULT_APPLICANT_MAILS, MAIL_OCCASIONS, type MailValues } from './index';
import type { ServiceSettings } from './service-definition';

const values = (overrides: Partial<MailValues['facts']['case']> = {}, message = ''): MailValues => ({
  data: { holder: { lastName: 'Mustermann' } },
  formatValue: (_path, value) => String(value),
  facts: {
    case: { reference: 'HUND-2026-00001', receivedAt: '01.12.2026', date: '06.12.2026', outcome: '', serviceTitle: 'Hundeanmeldung', statusLink: 'https://amtsweg.example/antraege/1', deadline: '', ...overrides },
    organisation: { name: 'Stadt Musterstadt', address: 'Rathausplatz 1' },
    message,
  },
});
const settings = (notifications?: ServiceSettings['notifications']) => ({ settings: { languages: ['de', 'en'], roles: [], retention: 'P1Y', referencePattern: 'X-{SEQ:3}', ...(notifications ? { notifications } : {}) } });

describe('composeApplicantMail', () => {
  it('has a German and an English default for every occasion', () => {
    for (const occasion of MAIL_OCCASIONS) {
      for (const language of ['de', 'en'] as const) {
        const mail = composeApplicantMail(settings(), occasion, language, values({ deadline: '15.12.2026' }, 'Bitte Impfpass senden.'));
        expect(mail?.subject).toContain('HUND-2026-00001');
        expect(mail?.text).toContain('https://amtsweg.example/antraege/1');
        expect(mail?.text).not.toMatch(/\{\{/);
      }
    }
  });

  it('names the deadline when there is one, and leaves the sentence out when there is none', () => {
    expect(composeApplicantMail(settings(), 'informationRequested', 'de', values({ deadline: '15.12.2026' }))?.text).toContain('Bitte antworten Sie bis zum 15.12.2026.');
    const openEnded = composeApplicantMail(settings(), 'informationRequested', 'de', values())?.text;
    expect(openEnded).not.toContain('bis zum');
    expect(openEnded).toContain('Es geht um Ihren Antrag „Hundeanmeldung“ (Aktenzeichen HUND-2026-00001). Was genau fehlt');
  });

  it("leads with the process's own message, or says plainly what is wanted when there is none", () => {
    const own = composeApplicantMail(settings(), 'informationRequested', 'de', values({ deadline: '15.12.2026' }, 'Für Ihre Hundeanmeldung brauchen wir den Impfpass.'))?.text;
    expect(own).toMatch(/^Guten Tag,\n\nFür Ihre Hundeanmeldung brauchen wir den Impfpass\.\n\nEs geht um/);
    expect(own).not.toContain('Angaben oder Unterlagen');
    const plain = composeApplicantMail(settings(), 'informationRequested', 'en', values())?.text;
    expect(plain).toMatch(/^Hello,\n\nwe need more information or documents for your application\.\n\nThis is about/);
    expect(DEFAULT_APPLICANT_MAILS.informationRequested.body.de).toContain('{{message}}');
  });

  it("uses the service's own text with answers filled in, German where a language is missing, and sends nothing when turned off", () => {
    const own = settings({
      received: { subject: { de: 'Eingang {{case.reference}}\nBcc: x@example.org' }, body: { de: 'Danke, {{holder.lastName}}.', en: 'Thank you, {{holder.lastName}}.' } },
      decided: { enabled: false },
    });
    expect(composeApplicantMail(own, 'received', 'en', values())).toEqual({ subject: 'Eingang HUND-2026-00001 Bcc: x@example.org', text: 'Thank you, Mustermann.' });
    expect(composeApplicantMail(own, 'received', 'de', values())?.text).toBe('Danke, Mustermann.');
    expect(composeApplicantMail(own, 'decided', 'de', values())).toBeNull();
    expect(composeApplicantMail(own, 'reminder', 'de', values({ deadline: '15.12.2026' }))?.subject).toBe('Erinnerung: Bitte antworten Sie bis zum 15.12.2026 – HUND-2026-00001');
  });
});
