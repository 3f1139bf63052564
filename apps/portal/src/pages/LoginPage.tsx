import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, apiOrganisation, Link, navigate, NetworkError, PageHeading, withRouterBase } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { useSession } from '../session';

type Field = 'email' | 'password' | 'displayName';

/**
 * Citizens log in or open an account (email and password, or the configured OpenID Connect provider). Opening an
 * account ends in "check your mail" whatever the address (the server answers every address alike); the mailed
 * link leads to ConfirmAccountPage.
 */
export default function LoginPage({ mode }: { mode: 'login' | 'register' }): ReactNode {
  const { t, language } = useLanguage();
  const { accept } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '', displayName: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const fields: Field[] = mode === 'register' ? ['displayName', 'email', 'password'] : ['email', 'password'];
  const labels: Record<Field, string> = { email: t('email'), password: t('password'), displayName: t('displayName') };
  const back = new URLSearchParams(location.search).get('weiter');

  useEffect(() => {
    api<{ oidc: boolean }>('/api/auth/providers')
      .then((answer) => setOidc(answer.oidc))
      .catch(() => setOidc(false));
  }, []);

  const fail = (next: SummaryError[]) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = fields.filter((field) => values[field].trim() === '');
    if (busy) return;
    if (missing.length > 0) return fail(missing.map((field) => ({ pointer: `#${field}`, message: t('required')(labels[field]) })));
    setBusy(true);
    try {
      if (mode === 'register') {
        const email = values.email.trim();
        await api<{ message: string }>('/api/auth/register', { method: 'POST', body: { email, password: values.password, displayName: values.displayName.trim() } });
        setErrors([]);
        setSent(email);
        return;
      }
      const answer = await api<Parameters<typeof accept>[0]>('/api/auth/login', { method: 'POST', body: { email: values.email.trim(), password: values.password, kind: 'citizen' } });
      if (!accept(answer)) return fail([{ pointer: '#email', message: t('secondFactorNotForCitizens') }]);
      navigate(sameSitePath(back) ?? '/antraege');
    } catch (error) {
      if (error instanceof ApiError) {
        // Field errors name the field (`/body/password`); a wrong login names none and belongs to the email.
        const named = error.errors.map((e) => ({ pointer: `#${e.path.split('/').pop() ?? 'email'}`, message: e.message }));
        fail(named.length > 0 ? named : [{ pointer: '#email', message: error.message }]);
      } else fail([{ pointer: '#email', message: error instanceof NetworkError ? t('loadFailed') : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'login' ? t('loginTitle') : t('registerTitle');
  if (sent) return <CheckMail email={sent} onAgain={() => setSent(null)} />;
  return (
    <div className="pt-narrow">
      <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} />
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('loginIntro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {fields.map((field) => {
          const error = errors.find((e) => e.pointer === `#${field}`)?.message;
          const hint = field === 'password' && mode === 'register' ? t('passwordHint') : undefined;
          const described = [hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div key={field} className={`aw-field${error ? ' aw-field--error' : ''}`}>
              <label className="aw-label" htmlFor={field}>
                {labels[field]}
              </label>
              {hint ? (
                <div id={`${field}-hint`} className="aw-hint">
                  {hint}
                </div>
              ) : null}
              {error ? (
                <p id={`${field}-error`} className="aw-error-message">
                  <span className="aw-visually-hidden">{t('errorTitlePrefix')} </span>
                  {error}
                </p>
              ) : null}
              <input
                id={field}
                className="aw-input"
                type={field === 'password' ? 'password' : field === 'email' ? 'email' : 'text'}
                autoComplete={field === 'password' ? (mode === 'login' ? 'current-password' : 'new-password') : field === 'email' ? 'email' : 'name'}
                spellCheck={false}
                value={values[field]}
                aria-invalid={error ? true : undefined}
                aria-describedby={described}
                onChange={(event) => {
                  const value = event.target.value;
                  setValues((current) => ({ ...current, [field]: value }));
                }}
              />
            </div>
          );
        })}
        <button type="submit" className="aw-button" aria-disabled={busy} aria-busy={busy}>
          {title}
        </button>
      </form>
      {oidc ? (
        <p>
          {t('or')}{' '}
          <a href={oidcLoginAddress()} className="aw-button aw-button--secondary">
            {t('oidcLogin')(t('oidcProvider'))}
          </a>
        </p>
      ) : null}
      {mode === 'login' ? (
        <>
          <p>{t('justRegistered')}</p>
          <p>
            {t('noAccount')} <Link to="/registrieren">{t('register')}</Link>
          </p>
        </>
      ) : (
        <p>
          <Link to="/anmelden">{t('logIn')}</Link>
        </p>
      )}
    </div>
  );
}

/**
 * After registering: the same for every address (whether it has an account is told only to its mailbox). The
 * heading takes the focus, so a screen reader announces the new state and the keyboard starts from there.
 */
function CheckMail({ email, onAgain }: { email: string; onAgain: () => void }): ReactNode {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('checkMailTitle');
    heading.current?.focus();
  }, [t]);
  return (
    <div className="pt-narrow">
      <h1 ref={heading} tabIndex={-1} className="pt-heading">
        {t('checkMailTitle')}
      </h1>
      <p>
        <strong>{t('checkMailAddress')(email)}</strong> {t('checkMailNext')}
      </p>
      <p>{t('checkMailMissing')}</p>
      <p>
        <button type="button" className="aw-button aw-button--secondary" onClick={onAgain}>
          {t('registerAgain')}
        </button>{' '}
        <Link to="/anmelden">{t('logIn')}</Link>
      </p>
    </div>
  );
}

/** Where to go after logging in: a path of this site only (never another origin, whatever the address says). */
function sameSitePath(target: string | null): string | undefined {
  if (!target) return undefined;
  try {
    const url = new URL(target, location.origin);
    return url.origin === location.origin ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the provider login starts: back to this portal's own applications afterwards, and under a path prefix
 * (`/o/<slug>/`) naming the organisation, which a plain link cannot send as a header.
 */
function oidcLoginAddress(): string {
  const query = new URLSearchParams({ returnTo: withRouterBase('/antraege') });
  const organisation = apiOrganisation();
  if (organisation) query.set('organisation', organisation);
  return `/api/auth/oidc/login?${query.toString()}`;
}
