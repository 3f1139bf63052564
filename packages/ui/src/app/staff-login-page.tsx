import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, PageHeading } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { useSession, type SessionAnswer } from '../session';

type Field = 'email' | 'password' | 'code';

/** Staff log in with email and password, then the second factor when the account or organisation has one. */
export function LoginPage(): ReactNode {
  const { t, language } = useLanguage();
  const { accept } = useSession();
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
    <div className="ib-narrow">
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t('problemTitle')} />
      <PageHeading title={`${t('loginTitle')} – ${t('appName')}`}>{t('loginTitle')}</PageHeading>
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
