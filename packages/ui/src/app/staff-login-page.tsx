import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '../ErrorSummary';
import type { UiLanguage } from '../localize';
import type { FieldProblem } from './account-field';
import { api, ApiError } from './api';
import { PageHeading } from './page-heading';
import { RecoveryCodes } from './recovery-codes';
import { SecondFactorEnrolment } from './second-factor-enrolment';
import { useStaffSession, type SessionAnswer } from './staff-session';
import { staffTexts } from './staff-texts';

type Field = 'email' | 'password' | 'code';
type Step = 'password' | 'second-factor' | 'enrol' | { recoveryCodes: string[] };

/**
 * Staff log in with email and password, then the second factor when the account has one — or, where the
 * organisation requires one the account lacks, enrol it right here (QR code, first code, recovery codes) and go
 * on to the page they opened. Shared by the staff front ends, which name themselves in the page title.
 */
export function StaffLoginPage({ appName, language }: { appName: string; language: UiLanguage }): ReactNode {
  const t = staffTexts(language);
  const { accept, refresh, pending, logOut } = useStaffSession();
  const [step, setStep] = useState<Step>(pending?.stage === 'second-factor' ? 'second-factor' : pending?.stage === 'enrol-second-factor' ? 'enrol' : 'password');
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '', code: '' });
  const [account, setAccount] = useState<{ email: string; organisation: string }>({ email: pending?.email ?? '', organisation: pending?.organisation ?? '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const fields: Field[] = step === 'password' ? ['email', 'password'] : step === 'second-factor' ? ['code'] : [];
  const labels: Record<Field, string> = { email: t.email, password: t.password, code: t.code };

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };
  const showProblems = (problems: FieldProblem[]) => (problems.length > 0 ? fail(problems.map((p) => ({ pointer: `#${p.id}`, message: p.message }))) : setErrors([]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing = fields.filter((field) => values[field].trim() === '');
    if (missing.length > 0) return fail(missing.map((field) => ({ pointer: `#${field}`, message: t.required(labels[field]) })));
    setBusy(true);
    try {
      const answer =
        step === 'password'
          ? await api<SessionAnswer>('/api/auth/login', { method: 'POST', body: { email: values.email.trim(), password: values.password, kind: 'staff', ...organisationOfAddress() } })
          : await api<SessionAnswer>('/api/auth/login/second-factor', { method: 'POST', body: { code: values.code.trim() } });
      setAccount({ email: answer.account.email, organisation: answer.account.organisation.name });
      const stage = accept(answer);
      setErrors([]);
      if (stage === 'second-factor') setStep('second-factor');
      else if (stage === 'enrol-second-factor') setStep('enrol');
    } catch (error) {
      const field = step === 'password' ? 'email' : 'code';
      fail([{ pointer: `#${field}`, message: error instanceof ApiError ? error.message : t.loadFailed }]);
    } finally {
      setBusy(false);
    }
  };

  if (typeof step === 'object') {
    return (
      <div className="aw-narrow aw-account-wide">
        <PageHeading title={`${t.enrolAtLoginTitle} – ${appName}`}>{t.enrolAtLoginTitle}</PageHeading>
        <RecoveryCodes codes={step.recoveryCodes} email={account.email} organisation={account.organisation} language={language} headingLevel={2} onKept={() => void refresh()} />
      </div>
    );
  }
  if (step === 'enrol') {
    return (
      <div className="aw-narrow aw-account-wide">
        <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t.problemTitle} />
        <PageHeading title={`${t.enrolAtLoginTitle} – ${appName}`}>{t.enrolAtLoginTitle}</PageHeading>
        <p>{t.enrolAtLoginIntro}</p>
        <SecondFactorEnrolment
          email={account.email}
          language={language}
          headingLevel={2}
          onProblems={showProblems}
          onEnrolled={(recoveryCodes) => {
            // The login is complete now; ask who is logged in (and for the new session's CSRF token) only
            // after the codes are kept, so the page stays until then.
            setStep({ recoveryCodes });
          }}
        />
        <button
          type="button"
          className="aw-link-button"
          onClick={() => {
            setErrors([]);
            setStep('password');
            void logOut();
          }}
        >
          {t.cancelLogin}
        </button>
      </div>
    );
  }

  return (
    <div className="aw-narrow">
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} title={t.problemTitle} />
      <PageHeading title={`${t.loginTitle} – ${appName}`}>{t.loginTitle}</PageHeading>
      {organisationOfAddress().organisation ? (
        <p className="aw-hint">
          Organisation: <code>{organisationOfAddress().organisation}</code>
        </p>
      ) : null}
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
                // No digits-only keyboard for the code: it also takes recovery codes, which have letters.
                autoCapitalize={field === 'code' ? 'characters' : undefined}
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
          {step === 'password' ? t.loginTitle : t.confirmCode}
        </button>
      </form>
    </div>
  );
}

/**
 * The organisation a login link names (`/admin/?organisation=kleinstadt`, handed out by the platform operator):
 * staff of an organisation without a host name of its own log in on the shared one with it. Without it the
 * server takes the organisation of the host name (else the installation's home organisation).
 */
function organisationOfAddress(): { organisation?: string } {
  const slug = new URLSearchParams(location.search).get('organisation')?.trim().toLowerCase();
  return slug && /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug) ? { organisation: slug } : {};
}
