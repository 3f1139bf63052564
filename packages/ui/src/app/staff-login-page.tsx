import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '../ErrorSummary';
import type { UiLanguage } from '../localize';
import { api, ApiError } from './api';
import { PageHeading } from './page-heading';
import { useStaffSession, type SessionAnswer } from './staff-session';

const TEXTS = {
  loginTitle: { de: 'Anmelden', en: 'Log in' },
  email: { de: 'E-Mail-Adresse', en: 'Email address' },
  password: { de: 'Passwort', en: 'Password' },
  code: { de: 'Code aus der Authenticator-App oder Wiederherstellungscode', en: 'Code from the authenticator app or a recovery code' },
  confirmCode: { de: 'Code bestätigen', en: 'Confirm code' },
  enrolFirst: {
    de: 'Ihre Verwaltung verlangt einen zweiten Faktor. Bitte richten Sie ihn über Ihr Konto ein.',
    en: 'Your organisation requires a second factor. Please set it up for your account.',
  },
  required: { de: (label: string) => `Bitte füllen Sie „${label}“ aus.`, en: (label: string) => `Please fill in “${label}”.` },
  problemTitle: { de: 'Bitte korrigieren Sie Folgendes', en: 'There is a problem' },
  loadFailed: { de: 'Das konnte nicht geladen werden.', en: 'This could not be loaded.' },
};

type Field = 'email' | 'password' | 'code';

/**
 * Staff log in with email and password, then the second factor when the account or organisation has one. Shared by
 * the staff front ends, which name themselves in the page title.
 */
export function StaffLoginPage({ appName, language }: { appName: string; language: UiLanguage }): ReactNode {
  const t = <K extends keyof typeof TEXTS>(key: K): (typeof TEXTS)[K]['de'] => TEXTS[key][language];
  const { accept } = useStaffSession();
  const [step, setStep] = useState<'password' | 'second-factor'>('password');
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '', code: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const fields: Field[] = step === 'password' ? ['email', 'password'] : ['code'];
  const labels: Record<Field, string> = { email: t('email'), password: t('password'), code: t('code') };

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing = fields.filter((field) => values[field].trim() === '');
    if (missing.length > 0) return fail(missing.map((field) => ({ pointer: `#${field}`, message: t('required')(labels[field]) })));
    setBusy(true);
    try {
      const answer =
        step === 'password'
          ? await api<SessionAnswer>('/api/auth/login', { method: 'POST', body: { email: values.email.trim(), password: values.password, kind: 'staff' } })
          : await api<SessionAnswer>('/api/auth/login/second-factor', { method: 'POST', body: { code: values.code.trim() } });
      const stage = accept(answer);
      setErrors([]);
      if (stage === 'second-factor') setStep('second-factor');
      else if (stage === 'enrol-second-factor') fail([{ pointer: '#email', message: t('enrolFirst') }]);
    } catch (error) {
      const field = step === 'password' ? 'email' : 'code';
      fail([{ pointer: `#${field}`, message: error instanceof ApiError ? error.message : t('loadFailed') }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="aw-narrow">
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <PageHeading title={`${t('loginTitle')} – ${appName}`}>{t('loginTitle')}</PageHeading>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {fields.map((field) => {
          const error = errors.find((e) => e.pointer === `#${field}`)?.message;
          return (
            <div key={field} className={`aw-field${error ? ' aw-field--error' : ''}`}>
              <label className="aw-label" htmlFor={field}>
                {labels[field]}
              </label>
              {error ? (
                <p id={`${field}-error`} className="aw-error-message">
                  {error}
                </p>
              ) : null}
              <input
                id={field}
                className="aw-input"
                type={field === 'password' ? 'password' : field === 'email' ? 'email' : 'text'}
                autoComplete={field === 'password' ? 'current-password' : field === 'email' ? 'username' : 'one-time-code'}
                inputMode={field === 'code' ? 'numeric' : undefined}
                spellCheck={false}
                value={values[field]}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${field}-error` : undefined}
                onChange={(event) => {
                  const value = event.target.value;
                  setValues((current) => ({ ...current, [field]: value }));
                }}
              />
            </div>
          );
        })}
        <button type="submit" className="aw-button" aria-disabled={busy}>
          {step === 'password' ? t('loginTitle') : t('confirmCode')}
        </button>
      </form>
    </div>
  );
}
