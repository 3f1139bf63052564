import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, Link, NetworkError } from '@amtsweg/ui/app';
import { useLanguage } from '../i18n';
import { useSession } from '../session';

type Outcome =
  | { kind: 'working' }
  | { kind: 'confirmed'; name: string }
  | { kind: 'expired' | 'used' | 'failed'; message: string }
  | { kind: 'offline' };

/**
 * The page the confirmation mail links to (`/registrieren/bestaetigen#<token>`): sends the token, which creates
 * the account and logs in. The token travels in the fragment, which no server sees, and leaves the address bar
 * at once. Each outcome is the page's heading, focused when it appears; an expired link leads back to registering,
 * a used one to the login.
 */
export default function ConfirmAccountPage(): ReactNode {
  const { t } = useLanguage();
  const { accept } = useSession();
  const [token] = useState(() => location.hash.replace(/^#/, ''));
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working' });
  const [attempt, setAttempt] = useState(0);
  const sent = useRef(-1);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The token is not left in the address bar or the history.
    if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }, []);

  useEffect(() => {
    // Once per attempt (React runs effects twice in development): a second send would find the link used.
    if (sent.current === attempt) return;
    sent.current = attempt;
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
      setOutcome({ kind: 'expired', message: '' });
      return;
    }
    setOutcome({ kind: 'working' });
    api<Parameters<typeof accept>[0]>('/api/auth/register/confirm', { method: 'POST', body: { token } })
      .then((answer) => {
        accept(answer);
        setOutcome({ kind: 'confirmed', name: answer.account.displayName });
      })
      .catch((error: unknown) => {
        if (error instanceof NetworkError) setOutcome({ kind: 'offline' });
        else if (error instanceof ApiError && error.code === 'CONFIRMATION_LINK_EXPIRED') setOutcome({ kind: 'expired', message: error.message });
        else if (error instanceof ApiError && error.code === 'CONFIRMATION_LINK_USED') setOutcome({ kind: 'used', message: error.message });
        else setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
  }, [token, attempt, accept]);

  const title =
    outcome.kind === 'confirmed'
      ? t('confirmedTitle')
      : outcome.kind === 'expired'
        ? t('confirmExpiredTitle')
        : outcome.kind === 'used'
          ? t('confirmUsedTitle')
          : outcome.kind === 'working'
            ? t('confirmTitle')
            : t('confirmFailedTitle');

  useEffect(() => {
    document.title = title;
    if (outcome.kind !== 'working') heading.current?.focus();
  }, [title, outcome.kind]);

  return (
    <div className="pt-narrow">
      <h1 ref={heading} tabIndex={-1} className="pt-heading">
        {title}
      </h1>
      <div role="status">
        {outcome.kind === 'working' ? <p>{t('confirming')}</p> : null}
        {outcome.kind === 'confirmed' ? <p>{t('confirmedText')(outcome.name)}</p> : null}
        {outcome.kind === 'expired' ? <p>{outcome.message || t('checkMailMissing')}</p> : null}
        {outcome.kind === 'used' || outcome.kind === 'failed' ? <p>{outcome.message}</p> : null}
        {outcome.kind === 'offline' ? <p>{t('loadFailed')}</p> : null}
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
      {outcome.kind === 'offline' || outcome.kind === 'failed' ? (
        <p>
          <button type="button" className="aw-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('tryAgain')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
