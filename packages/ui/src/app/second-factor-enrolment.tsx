import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { UiLanguage } from '../localize';
import { api, ApiError, setCsrfToken } from './api';
import { AccountField, type FieldProblem } from './account-field';
import { staffTexts } from './staff-texts';

interface Enrolment {
  secret: string;
  uri: string;
  qrCodeSvg: string;
}

/** The key as people copy it by hand: groups of four ("JBSW Y3DP EHPK 3PXP"). */
export function groupInFours(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Enrolling an authenticator app: asks the server for a new secret, shows it as QR code (with a text
 * alternative) and as text for typing, and confirms it with the first code. `onEnrolled` gets the recovery
 * codes (shown once) and the session's new CSRF token.
 */
export function SecondFactorEnrolment({
  email,
  language,
  headingLevel,
  onEnrolled,
  onProblems,
}: {
  email: string;
  language: UiLanguage;
  headingLevel: 2 | 3;
  onEnrolled: (recoveryCodes: string[]) => void;
  /** Hands problems to the page's error summary (empty: none any more). */
  onProblems: (problems: FieldProblem[]) => void;
}): ReactNode {
  const t = staffTexts(language);
  const [enrolment, setEnrolment] = useState<Enrolment | 'failed' | undefined>(undefined);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // One secret per mount, even where React runs effects twice (StrictMode): the server keeps only the newest.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api<Enrolment>('/api/auth/second-factor/enrolment', { method: 'POST' }).then(setEnrolment, () => setEnrolment('failed'));
  }, [attempt]);

  const fail = (message: string) => {
    setError(message);
    onProblems([{ id: 'enrol-code', message }]);
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const typed = code.replace(/\s/g, '');
    if (typed === '') return fail(t.required(t.firstCode));
    if (!/^\d{6}$/.test(typed)) return fail(t.codeFormat);
    setBusy(true);
    try {
      const answer = await api<{ recoveryCodes: string[]; csrfToken?: string }>('/api/auth/second-factor/enrolment/confirm', { method: 'POST', body: { code: typed } });
      // Finishing an enrolment at login starts a fresh session, with a CSRF token of its own.
      if (answer.csrfToken) setCsrfToken(answer.csrfToken);
      setError(undefined);
      onProblems([]);
      onEnrolled(answer.recoveryCodes);
    } catch (failure) {
      fail(failure instanceof ApiError ? failure.message : t.saveFailed);
    } finally {
      setBusy(false);
    }
  };

  // The button that asked for this (or the password form) is gone: the first step takes the focus.
  const firstStep = useRef<HTMLHeadingElement>(null);
  const loaded = enrolment !== undefined && enrolment !== 'failed';
  useEffect(() => {
    if (loaded) firstStep.current?.focus();
  }, [loaded]);

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (enrolment === undefined) return <p role="status">{t.loading}</p>;
  if (enrolment === 'failed') {
    return (
      <div className="pt-notice pt-notice--error" role="alert">
        <p>{t.loadFailed}</p>
        <button
          type="button"
          className="aw-button aw-button--secondary"
          onClick={() => {
            started.current = false;
            setEnrolment(undefined);
            setAttempt((n) => n + 1);
          }}
        >
          {t.tryAgain}
        </button>
      </div>
    );
  }
  return (
    <div className="aw-enrolment">
      <Heading className="aw-enrolment-step" ref={firstStep} tabIndex={-1}>
        1. {t.enrolStep1}
      </Heading>
      <img className="aw-qr-code" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`} alt={t.qrAlt(email)} width={200} height={200} />
      <p className="aw-label">{t.manualKey}</p>
      <p>
        <code className="aw-manual-key">{groupInFours(enrolment.secret)}</code>
      </p>
      <p className="aw-hint">{t.manualKeyHint}</p>
      <Heading className="aw-enrolment-step">2. {t.enrolStep2}</Heading>
      <form noValidate onSubmit={(event) => void confirm(event)} key={attempt}>
        <AccountField id="enrol-code" label={t.firstCode} value={code} onChange={setCode} error={error} autoComplete="one-time-code" inputMode="numeric" short />
        <button type="submit" className="aw-button" aria-disabled={busy}>
          {t.finishEnrolment}
        </button>
      </form>
    </div>
  );
}
