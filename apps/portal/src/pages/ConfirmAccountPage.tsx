import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary, type SummaryError } from '@amtsweg/ui';
import { api, ApiError, Link, NetworkError } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { useSession } from '../session';

type Outcome = { kind: 'form' } | { kind: 'confirmed'; name: string } | { kind: 'expired' | 'used'; message: string };

/**
 * The page the confirmation mail links to (`/registrieren/bestaetigen#<token>`): asks for the password chosen at
 * registration and sends it with the token, which creates the account and logs in. Nothing is sent before the
 * citizen submits — following the link (a mail scanner does) confirms nothing, and only who knows the
 * registration's password can confirm it, so a registration someone else made for the address is of no use. The
 * token travels in the fragment, which no server sees, and leaves the address bar at once. A wrong password is
 * named in the error summary and at the field; an expired link leads back to registering, a used one to the
 * login, each outcome's heading taking the focus.
 */
export default function ConfirmAccountPage(): ReactNode {
  const { t, language } = useLanguage();
  const { accept } = useSession();
  const [token] = useState(() => location.hash.replace(/^#/, ''));
  const [outcome, setOutcome] = useState<Outcome>(() => (/^[A-Za-z0-9_-]{43}$/.test(token) ? { kind: 'form' } : { kind: 'expired', message: '' }));
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The token is not left in the address bar or the history.
    if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }, []);

  const fail = (message: string) => {
    setErrors([{ pointer: '#password', message }]);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (password === '') return fail(t('required')(t('confirmPassword')));
    setBusy(true);
    try {
      const answer = await api<Parameters<typeof accept>[0]>('/api/auth/register/confirm', { method: 'POST', body: { token, password } });
      accept(answer);
      setErrors([]);
      setOutcome({ kind: 'confirmed', name: answer.account.displayName });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFIRMATION_LINK_EXPIRED') setOutcome({ kind: 'expired', message: error.message });
      else if (error instanceof ApiError && error.code === 'CONFIRMATION_LINK_USED') setOutcome({ kind: 'used', message: error.message });
      // A wrong password names the field; a wait after too many (LOGIN_THROTTLED) says when to try again.
      else if (error instanceof ApiError) fail(error.errors.find((e) => e.path === '/body/password')?.message ?? error.message);
      else fail(error instanceof NetworkError ? t('loadFailed') : String(error));
    } finally {
      setBusy(false);
    }
  };

  const title =
    outcome.kind === 'confirmed'
      ? t('confirmedTitle')
      : outcome.kind === 'expired'
        ? t('confirmExpiredTitle')
        : outcome.kind === 'used'
          ? t('confirmUsedTitle')
          : t('confirmTitle');

  useEffect(() => {
    document.title = title;
    if (outcome.kind !== 'form') heading.current?.focus();
  }, [title, outcome.kind]);

  const error = errors[0]?.message;
  const described = ['password-hint', error ? 'password-error' : ''].filter(Boolean).join(' ');
  return (
    <div className="pt-narrow">
      {outcome.kind === 'form' ? <ErrorSummary errors={errors} uiLanguage={language} focusKey={attempt} /> : null}
      <h1 ref={heading} tabIndex={-1} className="pt-heading">
        {title}
      </h1>
      {outcome.kind === 'form' ? (
        <>
          <p>{t('confirmIntro')}</p>
          <form noValidate onSubmit={(event) => void submit(event)}>
            <div className={`aw-field${error ? ' aw-field--error' : ''}`}>
              <label className="aw-label" htmlFor="password">
                {t('confirmPassword')}
              </label>
              <div id="password-hint" className="aw-hint">
                {t('confirmPasswordHint')}
              </div>
              {error ? (
                <p id="password-error" className="aw-error-message">
                  <span className="aw-visually-hidden">{t('errorTitlePrefix')} </span>
                  {error}
                </p>
              ) : null}
              <input
                id="password"
                className="aw-input"
                type="password"
                autoComplete="current-password"
                spellCheck={false}
                value={password}
                aria-invalid={error ? true : undefined}
                aria-describedby={described}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button type="submit" className="aw-button" aria-disabled={busy} aria-busy={busy}>
              {t('confirmButton')}
            </button>
          </form>
        </>
      ) : null}
      <div role="status">
        {outcome.kind === 'confirmed' ? <p>{t('confirmedText')(outcome.name)}</p> : null}
        {outcome.kind === 'expired' ? <p>{outcome.message || t('checkMailMissing')}</p> : null}
        {outcome.kind === 'used' ? <p>{outcome.message}</p> : null}
      </div>
      {outcome.kind === 'confirmed' ? (
        <p>
          <Link to="/antraege" className="aw-button">
            {t('myApplications')}
          </Link>
        </p>
      ) : null}
      {outcome.kind === 'expired' ? (
        <p>
          <Link to="/registrieren" className="aw-button">
            {t('registerAgain')}
          </Link>
        </p>
      ) : null}
      {outcome.kind === 'used' ? (
        <p>
          <Link to="/anmelden" className="aw-button">
            {t('logIn')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
